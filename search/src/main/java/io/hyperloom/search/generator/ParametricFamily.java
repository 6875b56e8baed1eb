package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;

import java.util.random.RandomGenerator;

/**
 * A family with one fixed generator: θ is a plain {@code double[]} of fixed length, searched by
 * vector optimizers (GA, CMA-ES, CoSyNE, Adam).
 */
public non-sealed interface ParametricFamily extends GeneratorFamily {

    /** The target layout the generator fills. */
    default ParameterLayout layout() {
        return generator().layout();
    }

    WeightGenerator generator();

    default int parameterCount() {
        return generator().parameterCount();
    }

    /**
     * Fills {@code theta} with an initial point drawn from {@code rng} (for gradient training this
     * is the initialisation; for evolution the centre or first population).
     *
     * @return {@code theta}
     */
    double[] initialTheta(RandomGenerator rng, double[] theta);

    /**
     * A typical per-coordinate scale of θ, used as the initial step size of evolution strategies
     * and the mutation scale of GAs.
     */
    double searchScale();
}
