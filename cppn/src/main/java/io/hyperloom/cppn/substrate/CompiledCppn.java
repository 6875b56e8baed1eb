package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed-forward CPPN compiled once per decode into flat arrays: slots 0 .. sensors−1 hold the
 * inputs (in node-id order) and then the bias, the remaining slots the hidden and output nodes in
 * topological order; each computed slot lists its incoming connections (CSR: source slot and the
 * index of its weight in θ, the enabled weights in innovation order). Weights are not stored: every
 * evaluation takes θ, so one compiled CPPN serves any θ. Immutable and thread-safe.
 */
public final class CompiledCppn {

    final int inputs;
    final int biasSlot;
    final int sensors;
    final int slots;
    final CppnActivation[] activation;
    final int[] edgeStart;
    final int[] edgeSource;
    final int[] edgeTheta;
    final int[] outputSlot;
    final int thetaCount;

    /** @throws IllegalArgumentException if the enabled connections of {@code genome} form a cycle */
    public CompiledCppn(CppnGenome genome) {
        List<Integer> order = genome.topologicalOrder();
        if (order == null) {
            throw new IllegalArgumentException("a CPPN must be feed-forward; this genome has a cycle");
        }
        Map<Integer, Integer> slot = new HashMap<>();
        List<NodeGene> in = genome.nodesOf(NodeGene.Type.INPUT);
        inputs = in.size();
        for (NodeGene n : in) {
            slot.put(n.id(), slot.size());
        }
        List<NodeGene> bias = genome.nodesOf(NodeGene.Type.BIAS);
        biasSlot = bias.isEmpty() ? -1 : slot.size();
        for (NodeGene n : bias) {
            slot.put(n.id(), slot.size());
        }
        sensors = slot.size();
        List<Integer> computed = new ArrayList<>();
        for (int id : order) {
            if (!genome.node(id).isSensor()) {
                slot.put(id, slot.size());
                computed.add(id);
            }
        }
        slots = slot.size();
        activation = new CppnActivation[slots];
        for (NodeGene n : genome.nodes()) {
            activation[slot.get(n.id())] = n.activation();
        }
        Map<Long, Integer> thetaIndex = new HashMap<>();
        List<ConnectionGene> enabled = genome.connections().stream().filter(ConnectionGene::enabled).toList();
        for (ConnectionGene c : enabled) {
            thetaIndex.put(c.innovation(), thetaIndex.size());
        }
        thetaCount = enabled.size();
        edgeStart = new int[slots + 1];
        edgeSource = new int[enabled.size()];
        edgeTheta = new int[enabled.size()];
        Map<Integer, List<ConnectionGene>> incoming = new HashMap<>();
        for (ConnectionGene c : enabled) {
            incoming.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(c);
        }
        int e = 0;
        for (int s = 0; s < sensors; s++) {
            edgeStart[s] = 0;
        }
        for (int k = 0; k < computed.size(); k++) {
            int s = sensors + k;
            edgeStart[s] = e;
            for (ConnectionGene c : incoming.getOrDefault(computed.get(k), List.of())) {
                edgeSource[e] = slot.get(c.source());
                edgeTheta[e] = thetaIndex.get(c.innovation());
                e++;
            }
        }
        edgeStart[slots] = e;
        outputSlot = genome.nodesOf(NodeGene.Type.OUTPUT).stream().mapToInt(n -> slot.get(n.id())).toArray();
    }

    public int thetaCount() {
        return thetaCount;
    }

    public int inputCount() {
        return inputs;
    }

    public int outputCount() {
        return outputSlot.length;
    }

    /** The incoming edges of computed slot {@code s} are {@code edgeStart[s] .. edgeStart[s+1]}. */
    int firstEdge(int s) {
        return s < sensors ? 0 : edgeStart[s];
    }

    int endEdge(int s) {
        return s < sensors ? 0 : edgeStart[s + 1];
    }

    /**
     * One query, the slow general path (rendering, single biases, tests).
     *
     * @param theta  not modified
     * @param input  not modified, {@link #inputCount()} values
     * @param output modified: {@link #outputCount()} values
     * @return {@code output}
     */
    public double[] evaluate(double[] theta, double[] input, double[] output) {
        double[] v = new double[slots];
        System.arraycopy(input, 0, v, 0, inputs);
        if (biasSlot >= 0) {
            v[biasSlot] = 1.0;
        }
        for (int s = sensors; s < slots; s++) {
            double sum = 0;
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                sum += theta[edgeTheta[e]] * v[edgeSource[e]];
            }
            v[s] = activation[s].apply(sum);
        }
        for (int o = 0; o < outputSlot.length; o++) {
            output[o] = v[outputSlot[o]];
        }
        return output;
    }

    /** Which slots output {@code outputs} depend on (themselves included). */
    boolean[] ancestors(int... outputs) {
        boolean[] need = new boolean[slots];
        for (int o : outputs) {
            if (o >= 0) {
                need[outputSlot[o]] = true;
            }
        }
        for (int s = slots - 1; s >= sensors; s--) {
            if (need[s]) {
                for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                    need[edgeSource[e]] = true;
                }
            }
        }
        return need;
    }
}
