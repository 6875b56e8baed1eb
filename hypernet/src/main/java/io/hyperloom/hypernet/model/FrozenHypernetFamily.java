package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.optimize.Seeds;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code hypernet} family with {@code train=embeddings}: H is drawn once from a fixed seed by the
 * hypernetwork's own initialisation rule and frozen; θ = (embeddings, direct tensors) is what the
 * optimizer searches (CMA-ES or the GA evolving embeddings, or Adam training them). Immutable.
 *
 * @param generator   the generator with H frozen
 * @param searchScale per-coordinate scale for evolution strategies
 */
public record FrozenHypernetFamily(FrozenHypernetGenerator generator, double searchScale) implements ParametricFamily {

    public FrozenHypernetFamily {
        Objects.requireNonNull(generator, "generator");
        if (!(searchScale > 0)) {
            throw new IllegalArgumentException("searchScale must be > 0, got " + searchScale);
        }
    }

    /** H = the H part of the full initial θ drawn from {@code Seeds.random(hSeed)}. */
    public static FrozenHypernetFamily of(ParameterLayout layout, HypernetConfig config, long hSeed, double searchScale) {
        HypernetWeightGenerator inner = new HypernetWeightGenerator(layout, config);
        double[] full = inner.initialTheta(Seeds.random(hSeed), new double[inner.parameterCount()]);
        return new FrozenHypernetFamily(new FrozenHypernetGenerator(inner, Arrays.copyOf(full, inner.hypernetCount())),
                searchScale);
    }

    @Override
    public String name() {
        return "hypernet";
    }

    /** Embeddings drawn and rescaled against the frozen H (the same rule as the full family), direct tensors drawn. */
    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        HypernetWeightGenerator inner = generator.inner();
        double[] h = generator.frozenH();
        double[] full = Arrays.copyOf(h, inner.parameterCount());
        inner.initialTheta(rng, full, false);
        System.arraycopy(full, h.length, theta, 0, theta.length);
        return theta;
    }
}
