package io.hyperloom.search.task;

import java.util.random.RandomGenerator;

/**
 * A task that also gives a differentiable loss on mini-batches of training examples, so gradient
 * and hybrid optimizers can run on it. Evolution still uses {@link #evaluate}.
 */
public interface SupervisedTask extends Task {

    /** Number of training examples. */
    int trainingSize();

    /** Width of one target row (the network's output size). */
    int targetSize();

    Loss loss();

    /** The default mini-batch size for gradient training. */
    int defaultBatchSize();

    /**
     * Fills {@code count} training examples, {@code indices[from .. from+count)}, into rows of
     * {@code inputs} and {@code targets}, applying any augmentation with {@code rng}.
     *
     * @param inputs  modified: {@code count} rows of the input size
     * @param targets modified: {@code count} rows of {@link #targetSize()}
     */
    void trainingBatch(int[] indices, int from, int count, double[] inputs, double[] targets, RandomGenerator rng);
}
