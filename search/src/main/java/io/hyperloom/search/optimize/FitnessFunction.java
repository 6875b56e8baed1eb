package io.hyperloom.search.optimize;

import io.hyperloom.search.task.Score;

/**
 * The fitness of one candidate genome: a pure function of (genome, evaluation seed) and of what
 * the function was built from (a run spec), so it can run on any thread or machine.
 *
 * @param <G> the genome type
 */
public interface FitnessFunction<G> {

    Score evaluate(G genome, long seed);

    /** The score given to a candidate whose evaluation threw. */
    Score failureScore();
}
