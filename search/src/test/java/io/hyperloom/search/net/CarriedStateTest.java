package io.hyperloom.search.net;

import io.hyperloom.search.kernel.MatrixKernel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A carried state exported from one network and imported into a fresh one continues bit-identically. */
class CarriedStateTest {

    @Test
    void anImportedStateContinuesExactlyAsTheNetworkItCameFrom() {
        Architecture arch = Architecture.of("rnn-lstm", Shape.vector(3), new Layer.Recurrent(4, Activation.TANH),
                new Layer.Lstm(3, true), new Layer.Dense(3, Activation.SOFTMAX));
        int batch = 2;
        int steps = 4;
        SplittableRandom r = new SplittableRandom(5);
        double[] w = new double[arch.layout().weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() * 0.5;
        }
        double[][] first = sequence(r, steps, batch * 3);
        double[][] second = sequence(r, steps, batch * 3);
        TargetNetwork a = new TargetNetwork(arch, batch, steps, MatrixKernel.best()).bind(w);
        a.forwardSequence(first, batch, new double[steps][batch * 3]);
        double[] state = a.exportState();
        assertFalse(java.util.Arrays.stream(state).allMatch(x -> x == 0.0), "the warm-up left no state");

        TargetNetwork b = new TargetNetwork(arch, batch, steps, MatrixKernel.best()).bind(w);
        b.importState(state);
        assertArrayEquals(state, b.exportState());
        double[][] outA = a.forwardSequence(second, batch, new double[steps][batch * 3]);
        double[][] outB = b.forwardSequence(second, batch, new double[steps][batch * 3]);
        for (int t = 0; t < steps; t++) {
            assertArrayEquals(outA[t], outB[t], "step " + t);
        }
        double[] fresh = new TargetNetwork(arch, batch, steps, MatrixKernel.best()).bind(w)
                .forwardSequence(second, batch, new double[steps][batch * 3])[steps - 1];
        assertFalse(java.util.Arrays.equals(fresh, outA[steps - 1]), "the state made no difference");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.importState(new double[3]));
        assertEquals("state has 3 numbers, this network carries " + state.length, e.getMessage());
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
