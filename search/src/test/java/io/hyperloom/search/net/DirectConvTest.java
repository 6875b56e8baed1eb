package io.hyperloom.search.net;

import io.hyperloom.search.kernel.ConvKernel;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.kernel.PlainConvKernel;
import io.hyperloom.search.kernel.PlainKernel;
import io.hyperloom.search.task.images.ImageArchitectures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The im2col-free conv path of {@link TargetNetwork} (both conv kernels) against its naive twin
 * {@link NaiveConvNetwork}, the per-sample im2col network it replaced: same outputs and the same
 * dL/dW, which covers dX too, since every conv here has a layer before it.
 */
class DirectConvTest {

    static Stream<Architecture> architectures() {
        return Stream.of(
                ImageArchitectures.mnistConv(),
                // odd channel counts, padding 0 and 1 with kernel 3, a row wider than two vectors, stride 2 (im2col kept)
                Architecture.of("odd", new Shape(3, 9, 37),
                        new Layer.Conv2d(5, 3, 1, 1, Activation.TANH, true),
                        new Layer.Conv2d(11, 3, 1, 0, Activation.RELU, false),
                        new Layer.MaxPool(2, 2),
                        new Layer.Conv2d(4, 2, 2, 0, Activation.TANH, true),
                        new Layer.Conv2d(19, 5, 1, 4, Activation.SIGMOID, true),
                        new Layer.Dense(3, Activation.SOFTMAX)),
                Architecture.of("one-by-one", new Shape(2, 4, 4),
                        new Layer.Conv2d(3, 1, 1, 0, Activation.IDENTITY, true),
                        new Layer.Conv2d(2, 1, 1, 0, Activation.TANH, true),
                        new Layer.Dense(2, Activation.SOFTMAX)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void matchesTheNaiveTwin(Architecture arch) {
        int batch = 3;
        SplittableRandom r = new SplittableRandom(7);
        double[] w = TargetNetworkGradientTest.gaussian(r, arch.layout().weightCount(), 0.3);
        double[] x = TargetNetworkGradientTest.gaussian(r, batch * arch.inputSize(), 1.0);
        double[] g = TargetNetworkGradientTest.gaussian(r, batch * arch.outputSize(), 1.0);
        NaiveConvNetwork naive = new NaiveConvNetwork(arch, batch, 1, PlainKernel.INSTANCE).bind(w);
        double[] yRef = naive.forward(x, batch, new double[batch * arch.outputSize()]);
        double[] dRef = naive.backwardFromLogits(g, new double[w.length]);
        for (ConvKernel conv : new ConvKernel[] {PlainConvKernel.INSTANCE, ConvKernel.best()}) {
            // maxBatch above batch: the fast path must not depend on the buffers being exactly full
            TargetNetwork net = new TargetNetwork(arch, batch + 2, 1, MatrixKernel.best(), conv).bind(w);
            for (int round = 0; round < 2; round++) {
                double[] y = net.forward(x, batch, new double[batch * arch.outputSize()]);
                double[] d = net.backwardFromLogits(g, new double[w.length]);
                assertClose(yRef, y, arch.name() + " output (" + conv.name() + ")");
                assertClose(dRef, d, arch.name() + " dW (" + conv.name() + ")");
            }
        }
    }

    @ParameterizedTest(name = "tail {0}")
    @MethodSource("tails")
    void convKernelsAgreeUpToTheArrayEnd(int tail) {
        // no slack after the last plane: the fast kernel's right-edge tiles must fall back, not overrun
        int samples = 2, channels = 3, out = 10, k = 3, oh = 5, ow = 21;
        int xRow = ow + k - 1 + 1;
        int xPlane = (oh + k - 1) * xRow;
        int xSample = channels * xPlane + 4;
        SplittableRandom r = new SplittableRandom(tail);
        double[] x = TargetNetworkGradientTest.gaussian(r, 1 + samples * xSample + tail, 1);
        double[] w = TargetNetworkGradientTest.gaussian(r, 2 + out * channels * k * k, 1);
        double[] dy = TargetNetworkGradientTest.gaussian(r, 3 + samples * (out * oh * ow + 5), 1);
        double[] y0 = new double[samples * (out * oh * ow + 5)];
        double[] y1 = y0.clone();
        double[] dw0 = TargetNetworkGradientTest.gaussian(r, out * channels * k * k, 1);
        double[] dw1 = dw0.clone();
        ConvKernel fast = ConvKernel.best();
        PlainConvKernel.INSTANCE.correlate(samples, channels, out, k, oh, ow, x, 1, xSample, xPlane, xRow, w, 2, y0, 0,
                out * oh * ow + 5);
        fast.correlate(samples, channels, out, k, oh, ow, x, 1, xSample, xPlane, xRow, w, 2, y1, 0, out * oh * ow + 5);
        assertClose(y0, y1, "correlate");
        PlainConvKernel.INSTANCE.kernelGradient(samples, channels, out, k, oh, ow, x, 1, xSample, xPlane, xRow,
                dy, 3, out * oh * ow + 5, dw0, 0);
        fast.kernelGradient(samples, channels, out, k, oh, ow, x, 1, xSample, xPlane, xRow, dy, 3, out * oh * ow + 5,
                dw1, 0);
        assertClose(dw0, dw1, "kernelGradient");
        assertTrue(y0[0] != 0.0, "the check saw a computed output");
    }

    static Stream<Integer> tails() {
        return Stream.of(0, 1, 5, 64);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-10 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }
}
