package io.hyperloom.search.generator.direct;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;

import java.util.Objects;

/** The baseline: every weight is searched, W = θ. Immutable and thread-safe. */
public final class DirectWeightGenerator implements WeightGenerator {

    private final ParameterLayout layout;

    public DirectWeightGenerator(ParameterLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int parameterCount() {
        return layout.weightCount();
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        System.arraycopy(theta, 0, weights, 0, layout.weightCount());
        return weights;
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        for (int i = 0; i < dTheta.length; i++) {
            dTheta[i] += dWeights[i]; // ∂W/∂θ = I
        }
        return dTheta;
    }
}
