package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.ParameterLayout;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code hypernet} family: one fixed {@link HypernetWeightGenerator}, θ = (H parameters, tile
 * embeddings, direct tensors), meant for gradient training through its backward pass. Immutable.
 *
 * @param searchScale per-coordinate scale for evolution strategies (θ mixes scales, so it is a compromise)
 */
public record HypernetFamily(HypernetWeightGenerator generator, double searchScale) implements ParametricFamily {

    public HypernetFamily {
        Objects.requireNonNull(generator, "generator");
        if (!(searchScale > 0)) {
            throw new IllegalArgumentException("searchScale must be > 0, got " + searchScale);
        }
    }

    public HypernetFamily(ParameterLayout layout, HypernetConfig config, double searchScale) {
        this(new HypernetWeightGenerator(layout, config), searchScale);
    }

    @Override
    public String name() {
        return "hypernet";
    }

    /** See {@link HypernetWeightGenerator#initialTheta} for the rule. */
    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        return generator.initialTheta(rng, theta);
    }
}
