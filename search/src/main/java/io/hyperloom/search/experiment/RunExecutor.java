package io.hyperloom.search.experiment;

/**
 * Somewhere else whole runs can go: a cluster whose workers each take a run and return its
 * record. Runs are pure functions of their resolved spec, so the record is the one a local run
 * writes (timings aside) wherever it ran and however often it had to be started again.
 */
public interface RunExecutor {

    /**
     * Runs {@code resolved} elsewhere and returns its record.
     *
     * @throws RuntimeException with the remote cause when the run cannot be done there
     */
    RunResult run(RunSpec resolved);

    /** How many runs can go at once. */
    int parallelRuns();
}
