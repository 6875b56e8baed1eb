package io.hyperloom.cluster;

/**
 * A worker cannot serve a run (another hyperloom version, a dataset that differs from the
 * coordinator's, a missing component): the run fails with this message instead of scoring
 * candidates wrongly.
 */
public final class WorkerSetupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public WorkerSetupException(String message) {
        super(message);
    }

    public WorkerSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
