package io.hyperloom.search.net;

/**
 * A {@link Network} that records a sequence of steps and backpropagates through it (truncated
 * BPTT): what gradient training on sequences drives. {@link TargetNetwork} is one, with W as its
 * parameters; a dynamic hypernetwork's network (e.g. a HyperLSTM) is another, with its θ.
 *
 * <p>State (hidden, cell) is carried from one call to the next until {@link #resetState()}; the
 * gradient stops at the state a recorded sequence started from. Not thread-safe: per-thread scratch.
 */
public interface SequenceNetwork extends Network {

    /** The most steps {@link #forwardSequence} records. */
    int maxSteps();

    /**
     * Runs {@code inputs.length} steps for {@code batch} parallel sequences and records them.
     *
     * @param inputs  per step, {@code batch} rows of {@link #inputSize()}; not modified
     * @param outputs per step, modified: {@code batch} rows of {@link #outputSize()}
     * @return {@code outputs}
     */
    double[][] forwardSequence(double[][] inputs, int batch, double[][] outputs);

    /**
     * Adds dL/d(parameters) for the last {@link #forwardSequence} to {@code dParameters}.
     *
     * @param dOutputs dL/d(outputs) per step; not modified
     * @return {@code dParameters}
     */
    double[] backwardSequence(double[][] dOutputs, double[] dParameters);

    /** As {@link #backwardSequence}, with each step's gradient at the last layer's logits. */
    double[] backwardSequenceFromLogits(double[][] dLogits, double[] dParameters);

    /**
     * The carried state (every hidden and cell state {@link #resetState()} would zero), copied into
     * one new flat array, so a checkpoint can save it; null if this network cannot export it (then
     * training checkpoints only where the state is reset anyway).
     */
    default double[] exportState() {
        return null;
    }

    /**
     * Sets the carried state to one {@link #exportState()} returned (same network shape).
     *
     * @throws IllegalArgumentException if {@code state} has the wrong length
     * @throws UnsupportedOperationException if this network cannot export its state
     */
    default void importState(double[] state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restore its carried state");
    }
}
