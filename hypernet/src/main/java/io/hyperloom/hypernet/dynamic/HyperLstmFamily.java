package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** The {@code hyperlstm} family: one {@link HyperLstmGenerator}; θ starts at the paper's initialisation. */
public record HyperLstmFamily(HyperLstmGenerator hyperLstm, double searchScale) implements ParametricFamily {

    public HyperLstmFamily {
        Objects.requireNonNull(hyperLstm, "hyperLstm");
        if (!(searchScale > 0)) {
            throw new IllegalArgumentException("searchScale must be > 0, got " + searchScale);
        }
    }

    @Override
    public String name() {
        return "hyperlstm";
    }

    @Override
    public ParameterLayout layout() {
        return hyperLstm.layout();
    }

    @Override
    public WeightGenerator generator() {
        return hyperLstm;
    }

    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        return hyperLstm.initialTheta(rng, theta);
    }
}
