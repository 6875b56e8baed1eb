package io.hyperloom.search.bench;

import io.hyperloom.search.generator.dct.DctWeightGenerator;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.optimize.Seeds;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Times one {@code generate} (inverse DCT) and one {@code backward} (restricted forward DCT) of
 * the {@code dct} generator on a dense tensor in its natural {@code [units, inputs]} view, the
 * issue's figure being 784 inputs × 256 units with 256 kept coefficients.
 *
 * <p>Each timed repeat is a single call after as many untimed warm-up calls (so the JIT has
 * compiled the loops); the result is the median over repeats. Single-threaded.
 */
public final class DctBenchmark {

    /**
     * Median wall time per call.
     *
     * @param weights      elements of the tensor
     * @param coefficients kept coefficients (|θ|)
     */
    public record Result(int units, int inputs, int weights, int coefficients, int repeats,
                         double generateMillis, double backwardMillis) {
    }

    private DctBenchmark() {
    }

    /** The case: a 784 → 256 dense tensor, 256 coefficients. */
    public static Result denseMnist(int repeats) {
        return run(784, 256, 256, repeats);
    }

    /**
     * @throws IllegalArgumentException if a size or {@code repeats} is below 1
     */
    public static Result run(int inputs, int units, int coefficients, int repeats) {
        if (inputs < 1 || units < 1 || coefficients < 1 || repeats < 1) {
            throw new IllegalArgumentException("inputs, units, coefficients and repeats must be >= 1, got "
                    + inputs + ", " + units + ", " + coefficients + ", " + repeats);
        }
        Architecture a = Architecture.of("dct-bench", Shape.grid(1, inputs),
                new Layer.Dense(Shape.grid(1, units), Activation.IDENTITY, false));
        DctWeightGenerator g = new DctWeightGenerator(a.layout(), DctWeightGenerator.Axes.NATURAL,
                DctWeightGenerator.Biases.DIRECT, coefficients, 0);
        RandomGenerator rng = Seeds.random(1);
        double[] theta = new double[g.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextGaussian();
        }
        double[] w = new double[a.layout().weightCount()];
        double[] dw = new double[w.length];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = rng.nextGaussian();
        }
        double[] dTheta = new double[theta.length];
        double sink = 0;
        for (int i = 0; i < repeats; i++) {
            g.generate(theta, w);
            g.backward(theta, dw, dTheta);
        }
        long[] gen = new long[repeats];
        long[] back = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            g.generate(theta, w);
            long t1 = System.nanoTime();
            g.backward(theta, dw, dTheta);
            long t2 = System.nanoTime();
            gen[i] = t1 - t0;
            back[i] = t2 - t1;
            sink += w[i % w.length] + dTheta[i % dTheta.length];
        }
        if (sink == 42.4242) {
            throw new AssertionError(); // keeps the results alive for the JIT
        }
        return new Result(units, inputs, w.length, g.parameterCount(), repeats, median(gen) / 1e6, median(back) / 1e6);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
