package io.hyperloom.search.net;

/**
 * What a task drives: a batched input → output map with optional recurrent state. A
 * {@link TargetNetwork} is one; a NEAT genome's own network is another, so tasks score both.
 *
 * <p>Not thread-safe: instances are per-thread scratch.
 */
public interface Network {

    int inputSize();

    int outputSize();

    /** The largest batch {@link #forward} accepts. */
    int maxBatch();

    /**
     * One step for {@code batch} samples (rows of {@link #inputSize()}); writes {@code batch} rows
     * of {@link #outputSize()} into {@code output}.
     *
     * @param input not modified
     * @return {@code output}
     */
    double[] forward(double[] input, int batch, double[] output);

    /** Zeroes any recurrent state (a no-op for feed-forward networks). */
    void resetState();
}
