package io.hyperloom.search.optimize.hybrid;

import io.hyperloom.search.generator.Breeder;
import io.hyperloom.search.generator.ParametricFamily;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Variation of a plain θ, so that parametric families can take part in the hybrid: new genomes from
 * the family's initialisation, Gaussian mutation of each coordinate with probability {@code rate}
 * (σ = {@code sigma} × the family's search scale), uniform crossover, Euclidean distance. Used from
 * one thread.
 */
final class ThetaBreeder implements Breeder<double[]> {

    private final ParametricFamily family;
    private final RandomGenerator rng;
    private final double rate;
    private final double sigma;

    ThetaBreeder(ParametricFamily family, RandomGenerator rng, double rate, double sigma) {
        this.family = Objects.requireNonNull(family, "family");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.rate = rate;
        this.sigma = sigma * family.searchScale();
    }

    @Override
    public double[] create() {
        return family.initialTheta(rng, new double[family.parameterCount()]);
    }

    @Override
    public double[] mutate(double[] genome) {
        double[] out = genome.clone();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextDouble() < rate) {
                out[i] += sigma * rng.nextGaussian();
            }
        }
        return out;
    }

    @Override
    public double[] crossover(double[] fitter, double[] other) {
        double[] out = fitter.clone();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextBoolean()) {
                out[i] = other[i];
            }
        }
        return out;
    }

    @Override
    public double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
