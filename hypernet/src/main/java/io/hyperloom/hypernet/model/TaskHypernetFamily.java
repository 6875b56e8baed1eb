package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.ParametricFamily;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code hypernet} family with {@code conditioning=task}: one {@link TaskHypernetWeightGenerator},
 * θ = (H, chunk embeddings, task embeddings). Immutable.
 *
 * @param searchScale per-coordinate scale for evolution strategies
 */
public record TaskHypernetFamily(TaskHypernetWeightGenerator generator, double searchScale) implements ParametricFamily {

    public TaskHypernetFamily {
        Objects.requireNonNull(generator, "generator");
        if (!(searchScale > 0)) {
            throw new IllegalArgumentException("searchScale must be > 0, got " + searchScale);
        }
    }

    @Override
    public String name() {
        return "hypernet";
    }

    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        return generator.initialTheta(rng, theta);
    }
}
