package io.hyperloom.search.task;

/**
 * A task trained on sequences by truncated backpropagation through time: the training data are
 * {@code streams} parallel streams, each cut into consecutive chunks of {@link #sequenceLength()}
 * steps. A trainer carries each stream's network state from one chunk to the next and resets it
 * at the start of every epoch (chunk 0), so the gradient of a chunk stops at its first step
 * while the forward pass sees the whole stream.
 *
 * <p>Immutable and thread-safe like every task; chunks are a pure function of their arguments.
 */
public interface SequenceTask extends Task {

    /** The per-step loss (its gradient at the logits for softmax cross-entropy). */
    Loss loss();

    /** Width of one target row (the network's output size). */
    int targetSize();

    /** Steps per chunk, the truncation length. */
    int sequenceLength();

    /** The default number of parallel streams (the batch). */
    int defaultBatchSize();

    /**
     * Chunks in one epoch when the training data are cut into {@code streams} streams.
     *
     * @throws IllegalArgumentException if the data are too short for one chunk per stream
     */
    int chunksPerEpoch(int streams);

    /**
     * Fills chunk {@code chunk} (0-based, below {@link #chunksPerEpoch}) of streams
     * {@code [from, from + count)} out of {@code streams}: row r of each step is stream
     * {@code from + r}.
     *
     * @param inputs  modified: {@link #sequenceLength()} steps of {@code count} input rows
     * @param targets modified: {@link #sequenceLength()} steps of {@code count} rows of {@link #targetSize()}
     */
    void trainingChunk(int streams, int chunk, int from, int count, double[][] inputs, double[][] targets);
}
