package io.hyperloom.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.partition.NoDataMemberInClusterException;
import com.hazelcast.spi.exception.RetryableException;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.RunAwareEvaluator;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GenomeFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.FitnessFunction;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.NetworkProblem;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates a run's candidates on the workers of a Hazelcast cluster, through the cluster's
 * {@link IExecutorService}.
 *
 * <p>How it works:
 * <ol>
 *   <li>{@link io.hyperloom.search.experiment.Experiments#run} hands it the built run
 *       ({@link #forRun}); the run's view ships the resolved spec with every chunk, and a worker
 *       rebuilds the same fitness function from it (cached per spec hash).</li>
 *   <li>A batch is cut into consecutive chunks of about {@link #TARGET_CHUNK_NANOS} of work each
 *       (sized from the workers' own timings of earlier chunks), but never so large that a worker
 *       thread would stay idle; each chunk is sent with {@code submit(task)}, routed to a random
 *       partition's owner (never to a named member).</li>
 *   <li>Results are put back in candidate order. A chunk whose worker left (member left, target
 *       disconnected, instance not active, operation timeout) is submitted again, at most
 *       {@link #MAX_ATTEMPTS} times; evaluations are pure, so running one twice is harmless and
 *       nothing is lost. A worker that cannot serve the run ({@link WorkerSetupException}) fails it.</li>
 * </ol>
 * Chunking never changes results: every candidate keeps its own seed. Only functions built by the
 * run from its task and family (the identical instances) go to the cluster; any other fitness
 * function is evaluated on local threads. Thread-safe.
 */
public final class ClusterEvaluator implements RunAwareEvaluator {

    /** Work per chunk aimed at: amortises Hazelcast's ~0.35 ms of overhead per task. */
    public static final long TARGET_CHUNK_NANOS = 20_000_000L;
    /** Submissions of one chunk before the run fails. */
    public static final int MAX_ATTEMPTS = 6;
    /** How long a chunk waits for a worker to (re)appear when none is left. */
    public static final Duration WORKER_WAIT = Duration.ofSeconds(60);

    private final HazelcastInstance hz;
    private final boolean owned;
    private final IExecutorService executor;
    private final LocalEvaluator local;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong resubmitted = new AtomicLong();
    /** Mean worker nanoseconds per evaluation seen so far, or 0 before the first chunk returns. */
    private volatile double nanosPerEvaluation;
    private volatile double evaluationsPerSecond;

    /**
     * @param hz          the coordinator's instance (a lite member, or any member)
     * @param owned       whether {@link #close} shuts {@code hz} down
     * @param localThreads threads for functions that cannot be shipped
     */
    public ClusterEvaluator(HazelcastInstance hz, boolean owned, int localThreads) {
        this.hz = Objects.requireNonNull(hz, "hz");
        this.owned = owned;
        this.executor = hz.getExecutorService(ClusterMembers.EXECUTOR);
        this.local = new LocalEvaluator(localThreads);
    }

    /**
     * Joins the cluster as a coordinator (a lite member) and waits until {@code minWorkers} workers
     * are there.
     *
     * @throws IllegalStateException when they do not appear within {@code wait}
     */
    public static ClusterEvaluator connect(ClusterSettings settings, int minWorkers, Duration wait, int localThreads) {
        HazelcastInstance hz = ClusterMembers.startCoordinator(settings);
        ClusterEvaluator e = new ClusterEvaluator(hz, true, localThreads);
        try {
            e.awaitWorkers(minWorkers, wait);
        } catch (RuntimeException ex) {
            e.close();
            throw ex;
        }
        return e;
    }

    public HazelcastInstance instance() {
        return hz;
    }

    /**
     * Blocks until at least {@code n} workers are members.
     *
     * @throws IllegalStateException naming the cluster and what was found when {@code wait} passes
     */
    public void awaitWorkers(int n, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (ClusterMembers.workers(hz) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster '" + hz.getConfig().getClusterName() + "' has "
                        + ClusterMembers.workers(hz) + " worker(s) after " + wait.toSeconds() + " s, " + n
                        + " needed; start them with `hyperloom worker --cluster " + hz.getConfig().getClusterName()
                        + " --members …` and check --members and --interface");
            }
            sleep(100);
        }
    }

    @Override
    public Evaluator forRun(Experiments.Built run) {
        return new RunView(run);
    }

    /** Without a run the spec is unknown, so nothing can be shipped: evaluated on local threads. */
    @Override
    public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds) {
        long before = local.failures();
        List<Score> out = local.evaluate(function, candidates, seeds);
        failures.addAndGet(local.failures() - before);
        return out;
    }

    /** Evaluation threads over all workers. */
    @Override
    public int parallelism() {
        return Math.max(1, ClusterMembers.workerThreads(hz));
    }

    @Override
    public long failures() {
        return failures.get();
    }

    /** A snapshot for progress lines. */
    public record Status(int members, int workers, int tasksInFlight, double evaluationsPerSecond,
                         long evaluations, long resubmitted) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d workers, %d tasks in flight, %,.0f eval/s%s", workers,
                    tasksInFlight, evaluationsPerSecond, resubmitted > 0 ? ", " + resubmitted + " re-sent" : "");
        }
    }

    public Status status() {
        int members = hz.getLifecycleService().isRunning() ? hz.getCluster().getMembers().size() : 0;
        int workers = members == 0 ? 0 : ClusterMembers.workers(hz);
        return new Status(members, workers, inFlight.get(), evaluationsPerSecond, evaluated.get(), resubmitted.get());
    }

    @Override
    public void close() {
        local.close();
        if (owned && hz.getLifecycleService().isRunning()) {
            hz.shutdown();
        }
    }

    /** One run's evaluator: knows the spec and the task and family instances its functions use. */
    private final class RunView implements Evaluator {

        private final Task task;
        private final GeneratorFamily family;
        private final RunTicket ticket;
        private final AtomicLong runFailures = new AtomicLong();

        RunView(Experiments.Built run) {
            this.task = run.task();
            this.family = run.family();
            this.ticket = RunTicket.of(run.spec());
        }

        @Override
        public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long[] seeds) {
            if (seeds.length != candidates.size()) {
                throw new IllegalArgumentException(candidates.size() + " candidates but " + seeds.length + " seeds");
            }
            boolean shippable = switch (function) {
                case Problem<?> p -> p.task() == task && p.family() == family;
                case NetworkProblem<?> n -> n.task() == task && n.family() == family;
                default -> false;
            };
            if (!shippable || candidates.isEmpty()) {
                long before = failures();
                List<Score> out = ClusterEvaluator.this.evaluate(function, candidates, seeds);
                runFailures.addAndGet(failures() - before);
                return out;
            }
            return remote(candidates, seeds);
        }

        private <G> List<Score> remote(List<G> candidates, long[] seeds) {
            long start = System.nanoTime();
            int n = candidates.size();
            int size = chunkSize(n);
            List<EvaluationChunk> chunks = new ArrayList<>();
            for (int from = 0; from < n; from += size) {
                int to = Math.min(n, from + size);
                chunks.add(chunk(candidates.subList(from, to), Arrays.copyOfRange(seeds, from, to)));
            }
            List<Future<ChunkResult>> futures = new ArrayList<>(chunks.size());
            for (EvaluationChunk c : chunks) {
                futures.add(submit(c));
            }
            List<Score> out = new ArrayList<>(n);
            long workerNanos = 0;
            int chunkFailures = 0;
            for (int i = 0; i < chunks.size(); i++) {
                ChunkResult r = await(chunks.get(i), futures.get(i));
                out.addAll(r.scores());
                workerNanos += r.nanos();
                chunkFailures += r.failures();
            }
            runFailures.addAndGet(chunkFailures);
            failures.addAndGet(chunkFailures);
            evaluated.addAndGet(n);
            double perEvaluation = (double) workerNanos / n;
            nanosPerEvaluation = nanosPerEvaluation == 0 ? perEvaluation : 0.5 * (nanosPerEvaluation + perEvaluation);
            evaluationsPerSecond = n / ((System.nanoTime() - start) / 1e9);
            return out;
        }

        private <G> EvaluationChunk chunk(List<G> part, long[] seeds) {
            if (family instanceof ParametricFamily) {
                double[][] thetas = new double[part.size()][];
                for (int i = 0; i < thetas.length; i++) {
                    thetas[i] = (double[]) part.get(i);
                }
                return EvaluationChunk.ofThetas(ticket, thetas, seeds);
            }
            @SuppressWarnings("unchecked")
            GenomeFamily<G> genomes = (GenomeFamily<G>) family;
            String[] json = new String[part.size()];
            try {
                for (int i = 0; i < json.length; i++) {
                    json[i] = Json.MAPPER.writeValueAsString(genomes.toJson(part.get(i)));
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return EvaluationChunk.ofGenomes(ticket, json, seeds);
        }

        @Override
        public int parallelism() {
            return ClusterEvaluator.this.parallelism();
        }

        @Override
        public long failures() {
            return runFailures.get();
        }

        /** The run view shares the cluster: closing it closes nothing. */
        @Override
        public void close() {
        }
    }

    /**
     * Candidates per chunk: enough for {@link #TARGET_CHUNK_NANOS} of work at the measured speed,
     * but at most an even share per worker thread so no thread idles; before any measurement,
     * two chunks per worker thread.
     */
    int chunkSize(int n) {
        int slots = parallelism();
        int share = (int) Math.ceil((double) n / slots);
        double per = nanosPerEvaluation;
        if (per <= 0) {
            return Math.max(1, (int) Math.ceil((double) n / (2 * slots)));
        }
        int byTime = (int) Math.max(1, Math.ceil(TARGET_CHUNK_NANOS / per));
        return Math.max(1, Math.min(byTime, share));
    }

    /** Counted in flight until {@link #await} resolves it, whether or not the submission itself failed. */
    private Future<ChunkResult> submit(EvaluationChunk chunk) {
        inFlight.incrementAndGet();
        try {
            return executor.submit(chunk);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The chunk's result, re-submitting it while its worker has left. */
    private ChunkResult await(EvaluationChunk chunk, Future<ChunkResult> future) {
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                ChunkResult r = future.get();
                inFlight.decrementAndGet();
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cluster evaluation interrupted", e);
            } catch (ExecutionException e) {
                // MemberLeftException is itself an ExecutionException, thrown unwrapped.
                failure = e instanceof MemberLeftException || e.getCause() == null ? e : e.getCause();
            } catch (RuntimeException e) {
                failure = e;
            }
            inFlight.decrementAndGet();
            if (failure instanceof WorkerSetupException w) {
                throw new WorkerSetupException(w.getMessage(), w);
            }
            if (!retryable(failure)) {
                throw new IllegalStateException("a worker failed a chunk of " + chunk.size() + " evaluations: "
                        + failure, failure);
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("a chunk of " + chunk.size() + " evaluations failed " + attempt
                        + " times as workers left; last: " + failure, failure);
            }
            resubmitted.incrementAndGet();
            awaitAnyWorker();
            sleep(50L * attempt);
            future = submit(chunk);
        }
    }

    private void awaitAnyWorker() {
        if (!hz.getLifecycleService().isRunning()) {
            throw new IllegalStateException("the coordinator's cluster instance has shut down");
        }
        awaitWorkers(1, WORKER_WAIT);
    }

    /** Failures that mean "the worker went away", not "the evaluation is wrong". */
    static boolean retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RetryableException || c instanceof HazelcastInstanceNotActiveException
                    || c instanceof OperationTimeoutException || c instanceof NoDataMemberInClusterException
                    || c instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cluster members", e);
        }
    }
}
