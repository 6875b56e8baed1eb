package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;

import java.util.Map;

/**
 * A fixed-structure, differentiable map from searched parameters θ to the target weights W: the
 * contract that makes the four generator families comparable.
 *
 * {@snippet :
 * WeightGenerator g = family.generator();
 * double[] w = new double[g.layout().weightCount()];
 * g.generate(theta, w);                 // θ → W, writes every element of w
 * g.backward(theta, dWeights, dTheta);  // dTheta += (∂W/∂θ)ᵀ · dWeights
 * }
 *
 * <p>Contract: {@link #generate} is total — it writes every element of {@code weights}, never
 * fails on finite θ, and is deterministic. Both methods leave {@code theta} unmodified.
 * Implementations are immutable and thread-safe; whatever depends only on the shape (transform
 * tables, coordinates, tile maps) is computed once in the constructor, and any scratch is
 * per-thread.
 */
public interface WeightGenerator {

    /** What it fills. */
    ParameterLayout layout();

    /** |θ|. */
    int parameterCount();

    /**
     * θ → W.
     *
     * @param theta   not modified, length {@link #parameterCount()}
     * @param weights modified: every element written, length {@code layout().weightCount()}
     * @return {@code weights}
     */
    double[] generate(double[] theta, double[] weights);

    /**
     * The vector–Jacobian product: adds {@code (∂W/∂θ)ᵀ · dWeights} to {@code dTheta}.
     *
     * @param theta    not modified
     * @param dWeights not modified, dL/dW in the layout's flat order
     * @param dTheta   modified: the gradient is added (+=)
     * @return {@code dTheta}
     * @throws UnsupportedOperationException if {@link #isDifferentiable()} is false
     */
    double[] backward(double[] theta, double[] dWeights, double[] dTheta);

    /** Whether {@link #backward} is available. */
    default boolean isDifferentiable() {
        return true;
    }

    /**
     * How |θ| splits into named parts (for a hypernetwork: {@code hypernet} and {@code embeddings});
     * the values sum to {@link #parameterCount()}.
     */
    default Map<String, Integer> parameterParts() {
        return Map.of("theta", parameterCount());
    }
}
