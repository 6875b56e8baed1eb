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
 * The naive twin of {@link NeatNetwork} (its code before the P-NEAT speed-up, issue 7): trial by
 * trial, node by node, edges found by scanning every connection. A NEAT genome compiled into flat arrays: nodes in activation order, incoming connections per
 * node. Inputs take the input nodes in id order, the bias node outputs 1, outputs are the output
 * nodes in id order. A connection whose source comes at or after its target in the order (a
 * recurrent one) reads the source's value from the previous step, which {@link #resetState} zeroes.
 * Per-thread scratch: not thread-safe.
 */
final class NaiveNeatNetwork implements Network {

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
    private final boolean[] on;
    private final double[] cur;
    private final double[] prev;

    NaiveNeatNetwork(CppnGenome genome, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
        List<Integer> order = order(genome);
        Map<Integer, Integer> slot = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            slot.put(order.get(i), i);
        }
        nodes = order.size();
        List<NodeGene> in = genome.nodesOf(NodeGene.Type.INPUT);
        List<NodeGene> out = genome.nodesOf(NodeGene.Type.OUTPUT);
        inputs = in.size();
        outputs = out.size();
        inputSlot = in.stream().mapToInt(n -> slot.get(n.id())).toArray();
        outputSlot = out.stream().mapToInt(n -> slot.get(n.id())).toArray();
        biasSlot = genome.nodesOf(NodeGene.Type.BIAS).stream().mapToInt(n -> slot.get(n.id())).findFirst().orElse(-1);
        List<Integer> compute = new ArrayList<>();
        for (int id : order) {
            if (!genome.node(id).isSensor()) {
                compute.add(id);
            }
        }
        computeSlot = new int[compute.size()];
        activation = new CppnActivation[compute.size()];
        edgeStart = new int[compute.size() + 1];
        List<ConnectionGene> enabled = genome.connections().stream().filter(ConnectionGene::enabled).toList();
        edgeSource = new int[enabled.size()];
        edgeWeight = new double[enabled.size()];
        edgeDelayed = new boolean[enabled.size()];
        int e = 0;
        boolean anyDelayed = false;
        for (int k = 0; k < compute.size(); k++) {
            int id = compute.get(k);
            int t = slot.get(id);
            computeSlot[k] = t;
            activation[k] = genome.node(id).activation();
            edgeStart[k] = e;
            for (ConnectionGene c : enabled) {
                if (c.target() == id) {
                    edgeSource[e] = slot.get(c.source());
                    edgeWeight[e] = c.weight();
                    edgeDelayed[e] = edgeSource[e] >= t;
                    anyDelayed |= edgeDelayed[e];
                    e++;
                }
            }
        }
        edgeStart[compute.size()] = e;
        recurrent = anyDelayed;
        // switched on: a sensor, or a computed node with a same-step link from a switched-on node
        on = new boolean[nodes];
        for (int i : inputSlot) {
            on[i] = true;
        }
        if (biasSlot >= 0) {
            on[biasSlot] = true;
        }
        for (int k = 0; k < computeSlot.length; k++) {
            for (int x = edgeStart[k]; x < edgeStart[k + 1]; x++) {
                on[computeSlot[k]] |= !edgeDelayed[x] && on[edgeSource[x]];
            }
        }
        cur = new double[maxBatch * nodes];
        prev = recurrent ? new double[maxBatch * nodes] : null;
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
        for (int b = 0; b < batch; b++) {
            int o = b * nodes;
            for (int i = 0; i < inputs; i++) {
                cur[o + inputSlot[i]] = input[b * inputs + i];
            }
            if (biasSlot >= 0) {
                cur[o + biasSlot] = 1.0;
            }
            for (int k = 0; k < computeSlot.length; k++) {
                double sum = 0;
                for (int e = edgeStart[k]; e < edgeStart[k + 1]; e++) {
                    // a recurrent edge reads the source's value of the previous step
                    sum += edgeWeight[e] * (edgeDelayed[e] ? prev[o + edgeSource[e]] : cur[o + edgeSource[e]]);
                }
                cur[o + computeSlot[k]] = on[computeSlot[k]] ? activation[k].apply(sum) : 0.0;
            }
            for (int j = 0; j < outputs; j++) {
                output[b * outputs + j] = cur[o + outputSlot[j]];
            }
        }
        if (recurrent) {
            System.arraycopy(cur, 0, prev, 0, batch * nodes);
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
