package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HyperLSTM cell: gradients against central differences over a few steps, state handling, initialisation. */
class HyperLstmNetworkTest {

    private static final double TOLERANCE = 1e-6;

    static Architecture architecture(int units, int vocab, boolean layerNorm) {
        return Architecture.of("lstm", Shape.vector(vocab), new Layer.Lstm(units, layerNorm),
                new Layer.Dense(vocab, Activation.SOFTMAX));
    }

    @ParameterizedTest(name = "main layer norm {0}, hyper layer norm {1}, logits {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, true", "true, true, true"})
    void backwardMatchesFiniteDifferences(boolean mainNorm, boolean hyperNorm, boolean atLogits) {
        Architecture arch = architecture(3, 4, mainNorm);
        HyperLstmGenerator g = new HyperLstmGenerator(arch.layout(), new HyperLstmConfig(2, 2, hyperNorm, 0.1));
        int batch = 2;
        int steps = 3;
        SplittableRandom r = new SplittableRandom(17 + (mainNorm ? 1 : 0) + (hyperNorm ? 2 : 0));
        double[] theta = gaussian(r, g.parameterCount(), 0.6);
        double[][] x = new double[steps][];
        double[][] v = new double[steps][];
        for (int t = 0; t < steps; t++) {
            x[t] = gaussian(r, batch * 4, 1.0);
            v[t] = gaussian(r, batch * 4, 1.0);
            if (atLogits) {
                centreRows(v[t], 4);
            }
        }
        HyperLstmNetwork net = g.newNetwork(arch, batch, steps).bind(theta);
        // a non-zero starting state (carried from a first call) is a constant for the gradient
        double[][] warm = {gaussian(r, batch * 4, 1.0)};
        double[][] y = new double[steps][batch * 4];
        net.resetState();
        net.forwardSequence(warm, batch, new double[1][batch * 4]);
        net.forwardSequence(x, batch, y);
        double[] grad = new double[theta.length];
        if (atLogits) {
            // L = Σ v·z at the logits z: the gradient at the logits is v itself
            net.backwardSequenceFromLogits(v, grad);
        } else {
            net.backwardSequence(v, grad);
        }
        double eps = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double old = theta[i];
            double up = loss(net, theta, i, old, old + eps, warm, x, v, batch, y, atLogits);
            double down = loss(net, theta, i, old, old - eps, warm, x, v, batch, y, atLogits);
            theta[i] = old;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, grad[i], TOLERANCE * Math.max(1, Math.abs(numeric)), "dL/dθ[" + i + "]");
        }
    }

    /**
     * Σ v·y, or Σ v·log y (the logits up to a per-row constant times Σ v; v rows are made to sum to 0),
     * with θ[i] = value for the recorded steps only: the warm-up runs on the unperturbed θ, as its
     * state is a constant to truncated BPTT.
     */
    private static double loss(HyperLstmNetwork net, double[] theta, int k, double old, double value, double[][] warm,
                               double[][] x, double[][] v, int batch, double[][] y, boolean atLogits) {
        theta[k] = old;
        net.resetState();
        net.forwardSequence(warm, batch, new double[1][warm[0].length]);
        theta[k] = value;
        net.forwardSequence(x, batch, y);
        double s = 0;
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < y[t].length; i++) {
                s += v[t][i] * (atLogits ? Math.log(y[t][i]) : y[t][i]);
            }
        }
        return s;
    }

    /** Makes every row of n sum to 0, so that Σ v·log softmax(z) has gradient v at the logits z. */
    private static void centreRows(double[] v, int n) {
        for (int o = 0; o < v.length; o += n) {
            double m = 0;
            for (int j = 0; j < n; j++) {
                m += v[o + j] / n;
            }
            for (int j = 0; j < n; j++) {
                v[o + j] -= m;
            }
        }
    }

    static double[] gaussian(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * r.nextGaussian();
        }
        return a;
    }
}
