package io.hyperloom.cppn.network;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.net.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A NEAT genome compiled into flat arrays: nodes in activation order, incoming connections per
 * node. Inputs take the input nodes in id order, the bias node outputs 1, outputs are the output
 * nodes in id order. A connection whose source comes at or after its target in the order (a
 * recurrent one) reads the source's value from the previous step, which {@link #resetState} zeroes.
 * As in NEAT C++, a computed node is switched on only by a same-step link from a sensor or from a
 * switched-on node; a node without one (every input link disabled by crossover) outputs 0, not
 * f(0), so a disconnected hidden node is not a hidden bias. Per-thread scratch: not thread-safe.
 *
 * <p>How a batch goes through (the trials of a batch are independent): activations are stored node
 * by node, the batch's values of one node side by side ({@code cur[slot·maxBatch + b]}); (1) the
 * inputs and the bias are written; (2) for each computed node in order, each incoming edge in
 * innovation order adds {@code w·x[b]} to every trial's sum — a loop over the batch the JIT turns
 * into vector instructions, while each trial's sum still takes its terms in innovation order, so the
 * result is bit for bit that of a trial-by-trial, edge-by-edge loop; (3) the activation is applied.
 * Compiling is linear in the genome: edges are bucketed by target with a stable counting sort.
 */
public final class NeatNetwork implements Network {

    private final int inputs;
    private final int outputs;
    private final int maxBatch;
    private final int nodes;
    private final int[] inputSlot;
    private final int biasSlot;
    private final int[] outputSlot;
    private final int[] computeSlot;
    private final CppnActivation[] activation;
    private final int[] edgeStart;
    private final int[] edgeSource;
    private final double[] edgeWeight;
    private final boolean[] edgeDelayed;
    private final boolean recurrent;
    private final boolean[] live;
    private final double[] cur;
    private final double[] prev;
    private final double[] sum;

    public NeatNetwork(CppnGenome genome, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
        List<Integer> order = order(genome);
        List<NodeGene> all = genome.nodes();
        nodes = order.size();
        // node id → slot (position in the order) and → index among the computed nodes; ids are small
        int maxId = all.isEmpty() ? -1 : all.get(all.size() - 1).id();
        int[] slot = new int[maxId + 1];
        int[] computeIndex = new int[maxId + 1];
        java.util.Arrays.fill(computeIndex, -1);
        int computed = 0;
        for (int i = 0; i < nodes; i++) {
            int id = order.get(i);
            slot[id] = i;
            if (!genome.node(id).isSensor()) {
                computeIndex[id] = computed++;
            }
        }
        List<NodeGene> in = genome.nodesOf(NodeGene.Type.INPUT);
        List<NodeGene> out = genome.nodesOf(NodeGene.Type.OUTPUT);
        inputs = in.size();
        outputs = out.size();
        inputSlot = in.stream().mapToInt(n -> slot[n.id()]).toArray();
        outputSlot = out.stream().mapToInt(n -> slot[n.id()]).toArray();
        biasSlot = genome.nodesOf(NodeGene.Type.BIAS).stream().mapToInt(n -> slot[n.id()]).findFirst().orElse(-1);
        computeSlot = new int[computed];
        activation = new CppnActivation[computed];
        for (int i = 0; i < nodes; i++) {
            int id = order.get(i);
            int k = computeIndex[id];
            if (k >= 0) {
                computeSlot[k] = i;
                activation[k] = genome.node(id).activation();
            }
        }
        // stable counting sort of the enabled connections by target: innovation order within a node
        edgeStart = new int[computed + 1];
        int enabled = 0;
        for (ConnectionGene c : genome.connections()) {
            if (c.enabled()) {
                edgeStart[computeIndex[c.target()] + 1]++;
                enabled++;
            }
        }
        for (int k = 0; k < computed; k++) {
            edgeStart[k + 1] += edgeStart[k];
        }
        int[] fill = java.util.Arrays.copyOf(edgeStart, computed);
        edgeSource = new int[enabled];
        edgeWeight = new double[enabled];
        edgeDelayed = new boolean[enabled];
        boolean anyDelayed = false;
        for (ConnectionGene c : genome.connections()) {
            if (c.enabled()) {
                int k = computeIndex[c.target()];
                int e = fill[k]++;
                edgeSource[e] = slot[c.source()];
                edgeWeight[e] = c.weight();
                edgeDelayed[e] = edgeSource[e] >= computeSlot[k];
                anyDelayed |= edgeDelayed[e];
            }
        }
        recurrent = anyDelayed;
        // NEAT C++'s phenotype: a node switches on only when a same-step link brings it a sensor's or
        // a switched-on node's value; one that never does (every input link disabled) outputs 0
        boolean[] on = new boolean[nodes];
        for (int i : inputSlot) {
            on[i] = true;
        }
        if (biasSlot >= 0) {
            on[biasSlot] = true;
        }
        live = new boolean[computed];
        for (int k = 0; k < computed; k++) {
            for (int e = edgeStart[k]; e < edgeStart[k + 1] && !live[k]; e++) {
                live[k] = !edgeDelayed[e] && on[edgeSource[e]];
            }
            on[computeSlot[k]] = live[k];
        }
        cur = new double[maxBatch * nodes];
        prev = recurrent ? new double[maxBatch * nodes] : null;
        sum = new double[maxBatch];
    }

    /** Topological order of the enabled connections; a cycle is broken at its smallest id. */
    static List<Integer> order(CppnGenome genome) {
        List<Integer> topo = genome.topologicalOrder();
        if (topo != null) {
            return topo;
        }
        Map<Integer, Set<Integer>> pending = new HashMap<>();
        for (NodeGene n : genome.nodes()) {
            pending.put(n.id(), new HashSet<>());
        }
        for (ConnectionGene c : genome.connections()) {
            if (c.enabled() && c.source() != c.target()) {
                pending.get(c.target()).add(c.source());
            }
        }
        List<Integer> order = new ArrayList<>();
        TreeSet<Integer> left = new TreeSet<>(pending.keySet());
        while (!left.isEmpty()) {
            Integer next = null;
            for (int id : left) {
                if (pending.get(id).isEmpty()) {
                    next = id;
                    break;
                }
            }
            if (next == null) {
                next = left.first(); // break a cycle
            }
            left.remove(next);
            order.add(next);
            for (Set<Integer> s : pending.values()) {
                s.remove(next);
            }
        }
        return order;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    public boolean isRecurrent() {
        return recurrent;
    }

    @Override
    public double[] forward(double[] input, int batch, double[] output) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch must lie in [1, " + maxBatch + "], got " + batch);
        }
        int m = maxBatch;
        for (int i = 0; i < inputs; i++) {
            int o = inputSlot[i] * m;
            for (int b = 0; b < batch; b++) {
                cur[o + b] = input[b * inputs + i];
            }
        }
        if (biasSlot >= 0) {
            java.util.Arrays.fill(cur, biasSlot * m, biasSlot * m + batch, 1.0);
        }
        double[] s = sum;
        for (int k = 0; k < computeSlot.length; k++) {
            if (!live[k]) {
                int t = computeSlot[k] * m;
                java.util.Arrays.fill(cur, t, t + batch, 0.0);
                continue;
            }
            java.util.Arrays.fill(s, 0, batch, 0.0);
            int e = edgeStart[k];
            int end = edgeStart[k + 1];
            // Σ_e w_e·x_src[b], terms in innovation order; four edges per pass over the batch (each
            // trial's sum still adds them one by one, left to right: the same rounding)
            for (; e + 4 <= end; e += 4) {
                double w0 = edgeWeight[e];
                double w1 = edgeWeight[e + 1];
                double w2 = edgeWeight[e + 2];
                double w3 = edgeWeight[e + 3];
                double[] x0 = edgeDelayed[e] ? prev : cur;
                double[] x1 = edgeDelayed[e + 1] ? prev : cur;
                double[] x2 = edgeDelayed[e + 2] ? prev : cur;
                double[] x3 = edgeDelayed[e + 3] ? prev : cur;
                int o0 = edgeSource[e] * m;
                int o1 = edgeSource[e + 1] * m;
                int o2 = edgeSource[e + 2] * m;
                int o3 = edgeSource[e + 3] * m;
                for (int b = 0; b < batch; b++) {
                    s[b] = s[b] + w0 * x0[o0 + b] + w1 * x1[o1 + b] + w2 * x2[o2 + b] + w3 * x3[o3 + b];
                }
            }
            for (; e < end; e++) {
                // a recurrent edge reads the previous step
                double w = edgeWeight[e];
                double[] x = edgeDelayed[e] ? prev : cur;
                int o = edgeSource[e] * m;
                for (int b = 0; b < batch; b++) {
                    s[b] += w * x[o + b];
                }
            }
            CppnActivation a = activation[k];
            int t = computeSlot[k] * m;
            for (int b = 0; b < batch; b++) {
                cur[t + b] = a.apply(s[b]);
            }
        }
        for (int j = 0; j < outputs; j++) {
            int o = outputSlot[j] * m;
            for (int b = 0; b < batch; b++) {
                output[b * outputs + j] = cur[o + b];
            }
        }
        if (recurrent) {
            for (int n = 0; n < nodes; n++) {
                System.arraycopy(cur, n * m, prev, n * m, batch);
            }
        }
        return output;
    }

    @Override
    public void resetState() {
        if (prev != null) {
            java.util.Arrays.fill(prev, 0.0);
        }
    }
}
