package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.generator.ConditionalWeightGenerator;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.ParameterLayout;

import java.util.random.RandomGenerator;

/**
 * A small task-conditioned generator for tests: W_t = s + sinh(o_t), θ = (s, o_0, …, o_{T−1}),
 * each part of |W| numbers. Nonlinear, so finite differences test something.
 */
record OffsetGenerator(ParameterLayout layout, int contextCount) implements ConditionalWeightGenerator {

    @Override
    public int parameterCount() {
        return layout.weightCount() * (contextCount + 1);
    }

    @Override
    public double[] generate(double[] theta, int context, double[] weights) {
        int w = layout.weightCount();
        int o = (checkContext(context) + 1) * w;
        for (int i = 0; i < w; i++) {
            weights[i] = theta[i] + Math.sinh(theta[o + i]);
        }
        return weights;
    }

    @Override
    public double[] backward(double[] theta, int context, double[] dWeights, double[] dTheta) {
        int w = layout.weightCount();
        int o = (checkContext(context) + 1) * w;
        for (int i = 0; i < w; i++) {
            dTheta[i] += dWeights[i];
            dTheta[o + i] += Math.cosh(theta[o + i]) * dWeights[i];
        }
        return dTheta;
    }

    /** A family around it: s starts at LeCun-like scale, offsets at zero. */
    ParametricFamily family() {
        OffsetGenerator g = this;
        return new ParametricFamily() {
            @Override
            public ParameterLayout layout() {
                return layout;
            }

            @Override
            public WeightGenerator generator() {
                return g;
            }

            @Override
            public double[] initialTheta(RandomGenerator rng, double[] theta) {
                for (int i = 0; i < theta.length; i++) {
                    theta[i] = i < layout.weightCount() ? 0.3 * rng.nextGaussian() : 0.0;
                }
                return theta;
            }

            @Override
            public double searchScale() {
                return 0.1;
            }

            @Override
            public String name() {
                return "offset";
            }
        };
    }
}
