package io.hyperloom.search.optimize;

import io.hyperloom.search.task.Score;

import java.util.List;

/**
 * The seam through which every fitness evaluation goes: a batch of candidates in, their scores
 * out in candidate order. Locally a thread pool; a cluster engine can stand behind the same seam.
 *
 * <p>Contract: the result for candidate i depends only on (function, candidate i, seed i); an
 * evaluation that throws yields {@link FitnessFunction#failureScore()} and is counted in
 * {@link #failures()}, never retried forever. Implementations are thread-safe.
 */
public interface Evaluator extends AutoCloseable {

    /**
     * @param seeds one evaluation seed per candidate; not modified
     */
    <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds);

    /** How many evaluations can run at once. */
    int parallelism();

    /**
     * Threads an optimizer may use in this process for its own computing (Adam's gradients, a
     * hybrid's inner training, which never leave the machine). For a local evaluator that is its
     * pool; a cluster's {@link #parallelism} counts its workers' threads, not this machine's.
     */
    default int localParallelism() {
        return parallelism();
    }

    /** Evaluations that threw, so far. */
    long failures();

    @Override
    void close();
}
