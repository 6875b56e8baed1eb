package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.net.Architecture;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HyperLSTM's carried state (main and hyper LSTM) exported and imported continues bit-identically. */
class HyperLstmStateTest {

    @Test
    void anImportedStateContinuesExactlyAsTheNetworkItCameFrom() {
        Architecture arch = HyperLstmNetworkTest.architecture(3, 4, true);
        HyperLstmGenerator g = new HyperLstmGenerator(arch.layout(), new HyperLstmConfig(2, 2, true, 0.1));
        int batch = 2;
        int steps = 3;
        SplittableRandom r = new SplittableRandom(9);
        double[] theta = new double[g.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian() * 0.6;
        }
        double[][] first = sequence(r, steps, batch * 4);
        double[][] second = sequence(r, steps, batch * 4);
        HyperLstmNetwork a = g.newNetwork(arch, batch, steps).bind(theta);
        a.forwardSequence(first, batch, new double[steps][batch * 4]);
        double[] state = a.exportState();
        assertFalse(Arrays.stream(state).allMatch(x -> x == 0.0), "the warm-up left no state");

        HyperLstmNetwork b = g.newNetwork(arch, batch, steps).bind(theta);
        b.importState(state);
        double[][] outA = a.forwardSequence(second, batch, new double[steps][batch * 4]);
        double[][] outB = b.forwardSequence(second, batch, new double[steps][batch * 4]);
        for (int t = 0; t < steps; t++) {
            assertArrayEquals(outA[t], outB[t], "step " + t);
        }
        double[] fresh = g.newNetwork(arch, batch, steps).bind(theta)
                .forwardSequence(second, batch, new double[steps][batch * 4])[steps - 1];
        assertFalse(Arrays.equals(fresh, outA[steps - 1]), "the state made no difference");
        assertThrows(IllegalArgumentException.class, () -> b.importState(new double[state.length - 1]));
    }

    private static double[][] sequence(SplittableRandom r, int steps, int width) {
        double[][] x = new double[steps][width];
        for (double[] row : x) {
            for (int i = 0; i < width; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return x;
    }
}
