package io.hyperloom.search.optimize;

/** Receives progress from every optimizer; the CLI turns it into progress bars. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
