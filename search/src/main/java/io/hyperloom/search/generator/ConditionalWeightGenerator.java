package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;

import java.util.Map;
import java.util.Objects;

/**
 * A weight generator whose output also depends on a context: W = G(θ, c), c one of
 * {@link #contextCount()} discrete contexts (for continual learning, the task index; the
 * generator keeps one learned embedding per context inside θ).
 *
 * {@snippet :
 * ConditionalWeightGenerator g = ...;
 * g.generate(theta, 3, weights);          // the weights for task 3
 * WeightGenerator forTask3 = g.at(3);     // the same, as a plain generator (for drivers that know no context)
 * }
 *
 * <p>As a plain {@link WeightGenerator} it generates context 0, so every optimizer that knows
 * nothing of contexts still runs (it trains task 0's weights). A driver that sets contexts (the
 * {@code sequential} optimizer) asks for {@link #at} views. Same contract as
 * {@link WeightGenerator}: immutable, thread-safe, {@code generate} total and deterministic, θ
 * never modified.
 */
public interface ConditionalWeightGenerator extends WeightGenerator {

    /** How many contexts there are; valid contexts are {@code 0 .. contextCount()-1}. */
    int contextCount();

    /**
     * θ → W for {@code context}.
     *
     * @param theta   not modified
     * @param weights modified: every element written
     * @return {@code weights}
     * @throws IllegalArgumentException if {@code context} is out of range
     */
    double[] generate(double[] theta, int context, double[] weights);

    /**
     * Adds {@code (∂W(θ, context)/∂θ)ᵀ · dWeights} to {@code dTheta}.
     *
     * @param theta    not modified
     * @param dWeights not modified
     * @param dTheta   modified (+=)
     * @return {@code dTheta}
     */
    double[] backward(double[] theta, int context, double[] dWeights, double[] dTheta);

    @Override
    default double[] generate(double[] theta, double[] weights) {
        return generate(theta, 0, weights);
    }

    @Override
    default double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        return backward(theta, 0, dWeights, dTheta);
    }

    /** This generator with its context fixed to {@code context}: a plain {@link WeightGenerator} over the same θ. */
    default WeightGenerator at(int context) {
        return new Fixed(this, checkContext(context));
    }

    /**
     * {@code context} if it is in range.
     *
     * @throws IllegalArgumentException naming the value and the range
     */
    default int checkContext(int context) {
        if (context < 0 || context >= contextCount()) {
            throw new IllegalArgumentException("context " + context + " is not in 0.." + (contextCount() - 1));
        }
        return context;
    }

    /** The view {@link #at} returns. */
    record Fixed(ConditionalWeightGenerator generator, int context) implements WeightGenerator {

        public Fixed {
            Objects.requireNonNull(generator, "generator");
        }

        @Override
        public ParameterLayout layout() {
            return generator.layout();
        }

        @Override
        public int parameterCount() {
            return generator.parameterCount();
        }

        @Override
        public double[] generate(double[] theta, double[] weights) {
            return generator.generate(theta, context, weights);
        }

        @Override
        public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
            return generator.backward(theta, context, dWeights, dTheta);
        }

        @Override
        public boolean isDifferentiable() {
            return generator.isDifferentiable();
        }

        @Override
        public Map<String, Integer> parameterParts() {
            return generator.parameterParts();
        }
    }
}
