package io.hyperloom.search.net;

import io.hyperloom.search.task.Loss;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetNetworkTest {

    @Test
    void denseForwardMatchesTheDefinition() {
        Architecture a = Architecture.of("d", Shape.grid(1, 3), new Layer.Dense(Shape.grid(1, 2), Activation.TANH, true));
        double[] w = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.05, -0.05};
        TargetNetwork net = new TargetNetwork(a, 2).bind(w);
        double[] x = {1, 2, 3, -1, 0, 1};
        double[] y = net.forward(x, 2, new double[4]);
        for (int s = 0; s < 2; s++) {
            for (int u = 0; u < 2; u++) {
                double z = w[6 + u];
                for (int i = 0; i < 3; i++) {
                    z += w[u * 3 + i] * x[s * 3 + i];
                }
                assertEquals(Math.tanh(z), y[s * 2 + u], 1e-15);
            }
        }
    }

    @Test
    void batchedForwardEqualsOneSampleAtATime() {
        Architecture a = Architecture.of("c", new Shape(1, 6, 6), Layer.Conv2d.same(2, 3, Activation.RELU),
                new Layer.MaxPool(2, 2), new Layer.Dense(3, Activation.SOFTMAX));
        SplittableRandom r = new SplittableRandom(3);
        double[] w = TargetNetworkGradientTest.gaussian(r, a.layout().weightCount(), 0.5);
        double[] x = TargetNetworkGradientTest.gaussian(r, 4 * 36, 1);
        TargetNetwork net = new TargetNetwork(a, 4).bind(w);
        double[] all = net.forward(x, 4, new double[12]);
        for (int s = 0; s < 4; s++) {
            double[] one = net.forward(java.util.Arrays.copyOfRange(x, s * 36, s * 36 + 36), 1, new double[3]);
            assertArrayEquals(java.util.Arrays.copyOfRange(all, s * 3, s * 3 + 3), one, 1e-14);
        }
    }

    @Test
    void recurrentStateCarriesBetweenStepsUntilReset() {
        Architecture a = Architecture.of("e", Shape.grid(1, 1), new Layer.Recurrent(Shape.grid(1, 1), Activation.IDENTITY, false));
        TargetNetwork net = new TargetNetwork(a, 1).bind(new double[] {1.0, 0.5}); // h = x + 0.5·h
        double[] y = new double[1];
        net.forward(new double[] {1}, 1, y);
        assertEquals(1.0, y[0]);
        net.forward(new double[] {1}, 1, y);
        assertEquals(1.5, y[0]);
        net.resetState();
        net.forward(new double[] {1}, 1, y);
        assertEquals(1.0, y[0]);
    }

    @Test
    void crossEntropyGradientAtLogitsMatchesFiniteDifferences() {
        Architecture a = Architecture.of("s", Shape.grid(1, 4), new Layer.Dense(5, Activation.SOFTMAX));
        SplittableRandom r = new SplittableRandom(5);
        double[] w = TargetNetworkGradientTest.gaussian(r, a.layout().weightCount(), 1);
        double[] x = TargetNetworkGradientTest.gaussian(r, 8, 1);
        double[] t = {0, 0, 1, 0, 0, 0.5, 0.5, 0, 0, 0};
        TargetNetwork net = new TargetNetwork(a, 2).bind(w);
        double[] y = new double[10];
        double[] g = new double[10];
        net.forward(x, 2, y);
        Loss.SOFTMAX_CROSS_ENTROPY.value(y, t, 2, 5, g);
        double[] grad = net.backwardFromLogits(g, new double[w.length]);
        for (int i = 0; i < w.length; i++) {
            double old = w[i];
            w[i] = old + 1e-6;
            double up = Loss.SOFTMAX_CROSS_ENTROPY.value(net.forward(x, 2, y), t, 2, 5, new double[10]);
            w[i] = old - 1e-6;
            double down = Loss.SOFTMAX_CROSS_ENTROPY.value(net.forward(x, 2, y), t, 2, 5, new double[10]);
            w[i] = old;
            assertEquals((up - down) / 2e-6, grad[i], 1e-7);
        }
    }

    @Test
    void rejectsAWeightBufferOfTheWrongLength() {
        Architecture a = Architecture.of("d", Shape.grid(1, 3), new Layer.Dense(2, Activation.TANH));
        TargetNetwork net = new TargetNetwork(a, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.bind(new double[3]));
        assertEquals("weight buffer has 3 elements, the layout needs 8", e.getMessage());
    }
}
