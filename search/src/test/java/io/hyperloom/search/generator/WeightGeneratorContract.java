package io.hyperloom.search.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link WeightGenerator} keeps; each family's test extends this and supplies
 * generators (small ones, so finite differences stay cheap).
 */
public abstract class WeightGeneratorContract {

    /** Relative tolerance of the finite-difference check; a family may widen it with a reason. */
    protected static final double GRADIENT_TOLERANCE = 1e-6;

    /** A generator under test, built afresh. */
    protected abstract WeightGenerator generator();

    /** A θ at which to test: by default standard normal draws. */
    protected double[] theta(WeightGenerator g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] theta = new double[g.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian();
        }
        return theta;
    }

    /** The central-difference step. */
    protected double epsilon() {
        return 1e-6;
    }

    @Test
    public void writesEveryWeight() {
        WeightGenerator g = generator();
        double[] theta = theta(g, 1);
        double[] w = new double[g.layout().weightCount()];
        Arrays.fill(w, Double.NaN);
        g.generate(theta, w);
        for (int i = 0; i < w.length; i++) {
            assertTrue(Double.isFinite(w[i]), "weight " + i + " was not written or is not finite: " + w[i]);
        }
    }

    @Test
    public void isDeterministic() {
        WeightGenerator g = generator();
        double[] theta = theta(g, 2);
        double[] a = g.generate(theta, new double[g.layout().weightCount()]);
        double[] b = generator().generate(theta, new double[g.layout().weightCount()]);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    public void leavesThetaUntouched() {
        WeightGenerator g = generator();
        double[] theta = theta(g, 3);
        double[] copy = theta.clone();
        double[] w = g.generate(theta, new double[g.layout().weightCount()]);
        if (g.isDifferentiable()) {
            double[] dw = new double[w.length];
            Arrays.fill(dw, 0.5);
            g.backward(theta, dw, new double[theta.length]);
        }
        assertArrayEquals(copy, theta, 0.0);
    }

    @Test
    public void partsSumToParameterCount() {
        WeightGenerator g = generator();
        assertEquals(g.parameterCount(), g.parameterParts().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    public void backwardAccumulates() {
        WeightGenerator g = generator();
        if (!g.isDifferentiable()) {
            return;
        }
        double[] theta = theta(g, 4);
        double[] dw = randomVector(g.layout().weightCount(), 5);
        double[] once = g.backward(theta, dw, new double[theta.length]);
        double[] twice = g.backward(theta, dw, once.clone());
        for (int i = 0; i < theta.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-9 * (1 + Math.abs(once[i])), "dTheta[" + i + "] not accumulated with +=");
        }
    }

    /**
     * Compares (∂W/∂θ)ᵀ·v against central differences of the scalar L(θ) = v·W(θ), coordinate by
     * coordinate, on up to 64 coordinates chosen by the seed.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    public void backwardMatchesFiniteDifferences(long seed) {
        WeightGenerator g = generator();
        if (!g.isDifferentiable()) {
            return;
        }
        double[] theta = theta(g, seed);
        int nw = g.layout().weightCount();
        double[] v = randomVector(nw, seed + 100);
        double[] grad = g.backward(theta, v, new double[theta.length]);
        SplittableRandom pick = new SplittableRandom(seed + 200);
        int checks = Math.min(64, theta.length);
        double eps = epsilon();
        double[] w = new double[nw];
        for (int c = 0; c < checks; c++) {
            int i = theta.length <= 64 ? c : pick.nextInt(theta.length);
            double[] t = theta.clone();
            t[i] = theta[i] + eps;
            double up = dot(v, g.generate(t, w));
            t[i] = theta[i] - eps;
            double down = dot(v, g.generate(t, w));
            double numeric = (up - down) / (2 * eps);
            double scale = Math.max(1.0, Math.abs(numeric) + Math.abs(grad[i]));
            assertEquals(numeric, grad[i], GRADIENT_TOLERANCE * scale * 100,
                    "dL/dθ[" + i + "]: backward " + grad[i] + ", central difference " + numeric);
        }
    }

    protected static double[] randomVector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    protected static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
