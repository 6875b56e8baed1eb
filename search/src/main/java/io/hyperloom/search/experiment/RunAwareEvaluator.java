package io.hyperloom.search.experiment;

import io.hyperloom.search.optimize.Evaluator;

/**
 * An evaluator that needs to know which run it serves: {@link Experiments#run} hands it the
 * built run (the resolved spec and the task and family instances the optimizer will build its
 * fitness functions from) and runs the search on the evaluator it returns. A remote evaluator
 * uses this to rebuild the same fitness function elsewhere from the spec alone.
 */
public interface RunAwareEvaluator extends Evaluator {

    /**
     * The evaluator for one run: its {@link Evaluator#failures()} count that run only, and closing
     * it does not close this one.
     */
    Evaluator forRun(Experiments.Built run);
}
