package io.hyperloom.search.generator.direct;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** The {@code direct} family: θ is the weight buffer itself, initialised by a standard rule. */
public record DirectFamily(ParameterLayout layout, Initialisation init, double searchScale)
        implements ParametricFamily {

    public DirectFamily {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(init, "init");
        if (!(searchScale > 0)) {
            throw new IllegalArgumentException("searchScale must be > 0, got " + searchScale);
        }
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public WeightGenerator generator() {
        return new DirectWeightGenerator(layout);
    }

    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        for (ParameterTensor t : layout.tensors()) {
            init.fill(t, rng, theta);
        }
        return theta;
    }
}
