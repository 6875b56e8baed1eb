package io.hyperloom.search.optimize.adam;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a step's gradient work units: inline without a pool, else on it, waiting for all. */
final class Jobs {

    private Jobs() {
    }

    static void runAll(List<Runnable> jobs, ExecutorService pool) {
        if (pool == null) {
            jobs.forEach(Runnable::run);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(jobs.size());
        for (Runnable j : jobs) {
            futures.add(pool.submit(j));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
