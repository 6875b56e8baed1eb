package io.hyperloom.search.net;

import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.kernel.PlainKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * dL/dW from the backward pass agrees with central differences of L = Σ v·y for every layer
 * type, for single steps and for sequences (backpropagation through time).
 */
class TargetNetworkGradientTest {

    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(Architecture.of("dense-tanh", Shape.grid(2, 3),
                        new Layer.Dense(4, Activation.TANH), new Layer.Dense(3, Activation.IDENTITY)), 1),
                Arguments.of(Architecture.of("dense-sigmoids", Shape.grid(1, 5),
                        new Layer.Dense(Shape.grid(1, 4), Activation.SIGMOID, true),
                        new Layer.Dense(Shape.grid(1, 2), Activation.NEAT_SIGMOID, false)), 1),
                Arguments.of(Architecture.of("softmax", Shape.grid(3, 3),
                        new Layer.Dense(5, Activation.RELU), new Layer.Dense(4, Activation.SOFTMAX)), 1),
                Arguments.of(Architecture.of("conv", new Shape(2, 6, 5),
                        new Layer.Conv2d(3, 3, 1, 1, Activation.TANH, true),
                        new Layer.Conv2d(2, 2, 2, 0, Activation.IDENTITY, false),
                        new Layer.Dense(3, Activation.SOFTMAX)), 1),
                Arguments.of(Architecture.of("conv-pool", new Shape(1, 8, 8),
                        Layer.Conv2d.same(3, 3, Activation.RELU), new Layer.MaxPool(2, 2),
                        Layer.Conv2d.same(2, 3, Activation.TANH), new Layer.MaxPool(2, 2),
                        new Layer.Dense(3, Activation.SOFTMAX)), 1),
                Arguments.of(Architecture.of("elman", Shape.grid(1, 3),
                        new Layer.Recurrent(4, Activation.TANH), new Layer.Dense(2, Activation.SIGMOID)), 4),
                Arguments.of(Architecture.of("elman-stack", Shape.grid(1, 2),
                        new Layer.Recurrent(3, Activation.SIGMOID), new Layer.Recurrent(Shape.grid(1, 2), Activation.TANH, false),
                        new Layer.Dense(1, Activation.IDENTITY)), 3),
                Arguments.of(Architecture.of("lstm", Shape.grid(1, 3),
                        new Layer.Lstm(4, false), new Layer.Dense(2, Activation.SOFTMAX)), 4),
                Arguments.of(Architecture.of("lstm-layer-norm", Shape.grid(1, 3),
                        new Layer.Lstm(Shape.grid(2, 2), true), new Layer.Dense(2, Activation.TANH)), 4),
                Arguments.of(Architecture.of("lstm-stack", Shape.grid(1, 2),
                        new Layer.Lstm(3, true), new Layer.Lstm(3, false),
                        new Layer.Dense(1, Activation.IDENTITY)), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void backwardMatchesFiniteDifferences(Architecture arch, int steps) {
        for (MatrixKernel kernel : new MatrixKernel[] {PlainKernel.INSTANCE, MatrixKernel.best()}) {
            check(arch, steps, kernel);
        }
    }

    private static void check(Architecture arch, int steps, MatrixKernel kernel) {
        int batch = 3;
        SplittableRandom r = new SplittableRandom(arch.name().hashCode());
        double[] w = gaussian(r, arch.layout().weightCount(), 0.7);
        double[][] x = new double[steps][];
        double[][] v = new double[steps][];
        for (int t = 0; t < steps; t++) {
            // values away from 0 so relu and max-pool kinks are not hit by the ±ε probes
            x[t] = gaussian(r, batch * arch.inputSize(), 1.0);
            v[t] = gaussian(r, batch * arch.outputSize(), 1.0);
        }
        TargetNetwork net = new TargetNetwork(arch, batch, steps, kernel).bind(w);
        double[][] y = new double[steps][batch * arch.outputSize()];
        net.resetState();
        net.forwardSequence(x, batch, y);
        double[] grad = net.backwardSequence(v, new double[w.length]);
        double eps = 1e-6;
        for (int i = 0; i < w.length; i++) {
            double old = w[i];
            w[i] = old + eps;
            double up = loss(net, x, v, batch, y);
            w[i] = old - eps;
            double down = loss(net, x, v, batch, y);
            w[i] = old;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, grad[i], TOLERANCE * Math.max(1, Math.abs(numeric)),
                    arch.name() + " (" + kernel.name() + "): dL/dW[" + i + "]");
        }
    }

    private static double loss(TargetNetwork net, double[][] x, double[][] v, int batch, double[][] y) {
        net.resetState();
        net.forwardSequence(x, batch, y);
        double s = 0;
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < y[t].length; i++) {
                s += v[t][i] * y[t][i];
            }
        }
        return s;
    }

    static double[] gaussian(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * r.nextGaussian();
        }
        return a;
    }
}
