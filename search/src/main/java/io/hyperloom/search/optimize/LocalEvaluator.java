package io.hyperloom.search.optimize;

import io.hyperloom.search.task.Score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Evaluates on local threads (inline when there is one). Thread-safe. */
public final class LocalEvaluator implements Evaluator {

    private final int threads;
    private final ExecutorService pool;
    private final AtomicLong failures = new AtomicLong();

    public LocalEvaluator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperloom-eval-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds) {
        if (seeds.length != candidates.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + seeds.length + " seeds");
        }
        List<Score> out = new ArrayList<>(candidates.size());
        if (pool == null || candidates.size() == 1) {
            for (int i = 0; i < candidates.size(); i++) {
                out.add(safely(function, candidates.get(i), seeds[i]));
            }
            return out;
        }
        List<Future<Score>> futures = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            G g = candidates.get(i);
            long seed = seeds[i];
            futures.add(pool.submit(() -> safely(function, g, seed)));
        }
        for (Future<Score> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private <G> Score safely(FitnessFunction<G> function, G genome, long seed) {
        try {
            return function.evaluate(genome, seed);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return function.failureScore();
        }
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
