package io.hyperloom.cppn.network;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A hidden node cut off from the sensors contributes nothing, as in NEAT C++'s phenotype. */
class NeatNetworkDeadNodeTest {

    // ids: inputs 0 and 1, bias 2, output 3, hidden 4 and 5
    private static CppnGenome genome(boolean feedEnabled) {
        CppnGenome.Builder b = CppnGenome.minimal(2, true, 1, CppnActivation.SIGMOID);
        b.node(new NodeGene(4, NodeGene.Type.HIDDEN, CppnActivation.SIGMOID));
        b.node(new NodeGene(5, NodeGene.Type.HIDDEN, CppnActivation.SIGMOID));
        b.connection(new ConnectionGene(0, 2, 3, 0.3, true));
        b.connection(new ConnectionGene(1, 0, 4, 1.5, feedEnabled));
        b.connection(new ConnectionGene(2, 4, 3, 2.0, true));
        b.connection(new ConnectionGene(3, 4, 5, -1.0, true));
        b.connection(new ConnectionGene(4, 5, 3, 0.7, true));
        return b.build();
    }

    private static double sigmoid(double x) {
        return CppnActivation.SIGMOID.apply(x);
    }

    private static double output(CppnGenome g, double x0, double x1) {
        return new NeatNetwork(g, 1).forward(new double[] {x0, x1}, 1, new double[1])[0];
    }

    @Test
    void hiddenNodesCutOffFromTheSensorsOutputZeroNotTheirActivationOfZero() {
        // 4 has its only input disabled, 5 hears only 4: both are off, so only the bias reaches 3
        assertEquals(sigmoid(0.3), output(genome(false), 1.0, 0.0), 0.0);
        assertEquals(sigmoid(0.3), new NaiveNeatNetwork(genome(false), 1)
                .forward(new double[] {1.0, 0.0}, 1, new double[1])[0], 0.0);
    }

    @Test
    void aHiddenNodeWithAnEnabledInputIsOnEvenWhenThatInputIsZero() {
        double h4 = sigmoid(1.5 * 0.0);
        double h5 = sigmoid(-1.0 * h4);
        assertEquals(sigmoid(0.3 + 2.0 * h4 + 0.7 * h5), output(genome(true), 0.0, 1.0), 0.0);
    }
}
