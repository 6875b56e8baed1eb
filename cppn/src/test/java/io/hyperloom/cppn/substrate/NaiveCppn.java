package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;

import java.util.List;

/** The slow, obviously correct twin of {@link CompiledCppn}: recursive evaluation straight from the genome. */
final class NaiveCppn {

    private NaiveCppn() {
    }

    static double[] evaluate(CppnGenome g, double[] inputs) {
        List<NodeGene> outs = g.nodesOf(NodeGene.Type.OUTPUT);
        double[] o = new double[outs.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = value(g, outs.get(i).id(), inputs);
        }
        return o;
    }

    static double value(CppnGenome g, int id, double[] inputs) {
        NodeGene n = g.node(id);
        if (n.type() == NodeGene.Type.INPUT) {
            return inputs[g.nodesOf(NodeGene.Type.INPUT).indexOf(n)];
        }
        if (n.type() == NodeGene.Type.BIAS) {
            return 1.0;
        }
        double sum = 0;
        for (ConnectionGene c : g.connections()) {
            if (c.enabled() && c.target() == id) {
                sum += c.weight() * value(g, c.source(), inputs);
            }
        }
        return n.activation().apply(sum);
    }
}
