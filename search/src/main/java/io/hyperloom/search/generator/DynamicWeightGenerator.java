package io.hyperloom.search.generator;

import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.SequenceNetwork;

/**
 * A generator whose weights change with the input, step by step (a dynamic hypernetwork such as
 * Ha et al.'s HyperLSTM), so no single W describes the network.
 *
 * <p>The contract splits in two. As a {@link WeightGenerator} it maps θ to the target layout's
 * <em>base</em> weights (for a HyperLSTM: the main LSTM's W_x, W_h, b before the per-step row
 * scaling and the output layer), so |W|, rendering and weight export work as for every family and
 * the comparison table counts the same W as {@code direct}. Scoring and training, however, go
 * through {@link #newNetwork}: a network that reads θ itself and returns its gradient in θ's
 * layout. Optimizers and {@code Problem} check for this interface and use that network instead
 * of a {@code TargetNetwork} bound to W.
 */
public interface DynamicWeightGenerator extends WeightGenerator {

    /**
     * A new per-thread network for {@code architecture} (which must be {@link #layout()}'s),
     * recording up to {@code maxSteps} steps of up to {@code maxBatch} sequences.
     *
     * @throws IllegalArgumentException if the architecture is not the one this generator fills
     */
    Bound newNetwork(Architecture architecture, int maxBatch, int maxSteps);

    /** A dynamic network: parameters are θ, referenced by {@link #bind}, gradients in θ's layout. */
    interface Bound extends SequenceNetwork {

        /**
         * Binds θ (referenced, not copied; it must not change between a forward and its backward pass).
         *
         * @return this
         */
        Bound bind(double[] theta);
    }
}
