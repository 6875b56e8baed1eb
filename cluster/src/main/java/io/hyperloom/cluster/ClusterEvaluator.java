package io.hyperloom.cluster;

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
import io.hyperloom.search.experiment.RunExecutor;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 *       (sized from the workers' own timings of earlier chunks), shrinking towards the batch's end
 *       so the workers finish together. Chunks are streamed: each worker holds at most
 *       {@link #CHUNKS_PER_THREAD} per thread, and each returning chunk frees a slot for the next,
 *       which goes to the least-loaded worker. Every chunk is sent with {@code submit(task)},
 *       partition-routed by a key whose partition that worker owns ({@link MemberRoutes}); never
 *       {@code submitToMember}.</li>
 *   <li>Results are put back in candidate order. A chunk whose worker left (member left, target
 *       disconnected, instance not active, operation timeout) is submitted again, at most
 *       {@link #MAX_ATTEMPTS} times; evaluations are pure, so running one twice is harmless and
 *       nothing is lost. A worker that cannot serve the run ({@link WorkerSetupException}) fails it.</li>
 * </ol>
 * Chunking never changes results: every candidate keeps its own seed. Only functions built by the
 * run from its task and family (the identical instances) go to the cluster; any other fitness
 * function is evaluated on local threads. Thread-safe.
 */
public final class ClusterEvaluator implements RunAwareEvaluator, RunExecutor {

    /** Work per chunk aimed at: amortises Hazelcast's ~0.35 ms of overhead per task. */
    public static final long TARGET_CHUNK_NANOS = 20_000_000L;
    /** Chunks in flight per worker thread: one evaluating, one queued, so no thread idles between chunks. */
    public static final int CHUNKS_PER_THREAD = 2;
    /** Submissions of one chunk before the run fails. */
    public static final int MAX_ATTEMPTS = 6;
    /** How long a chunk waits for a worker to (re)appear when none is left. */
    public static final Duration WORKER_WAIT = Duration.ofSeconds(60);

    private final HazelcastInstance hz;
    private final boolean owned;
    private final IExecutorService executor;
    private final LocalEvaluator local;
    private final MemberRoutes routes;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong resubmitted = new AtomicLong();
    /** Whole runs in flight per worker ({@link #run(RunSpec)}). */
    private final Map<UUID, Integer> runsByMember = new HashMap<>();
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
        this.routes = new MemberRoutes(hz);
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

    /** The coordinator's own threads ({@code --threads}), for gradient work done here. */
    @Override
    public int localParallelism() {
        return local.parallelism();
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

        /**
         * Streams the batch's chunks to the workers: each gets at most {@link #CHUNKS_PER_THREAD}
         * chunks per thread at once, the next chunk goes to the least-loaded one as soon as one
         * returns, and chunks are cut only when sent (so the batch is never serialized at once).
         */
        private <G> List<Score> remote(List<G> candidates, long[] seeds) {
            long start = System.nanoTime();
            int n = candidates.size();
            Score[] out = new Score[n];
            BlockingQueue<Done> done = new LinkedBlockingQueue<>();
            Map<UUID, Integer> busy = new HashMap<>();
            ArrayDeque<Pending> again = new ArrayDeque<>();
            List<MemberRoutes.Route> workers = routes();
            int next = 0;
            int finished = 0;
            int pending = 0;
            long workerNanos = 0;
            int chunkFailures = 0;
            try {
                while (finished < n) {
                    for (MemberRoutes.Route r; (r = leastLoaded(workers, busy)) != null; pending++) {
                        Pending p = again.poll();
                        if (p == null && next < n) {
                            int to = Math.min(n, next + chunkSize(n - next, n));
                            p = new Pending(next, chunk(candidates.subList(next, to), Arrays.copyOfRange(seeds, next, to)));
                            next = to;
                        }
                        if (p == null) {
                            break;
                        }
                        send(p, r, busy, done);
                    }
                    if (pending == 0) {
                        // Nothing out and nowhere to send: every worker has gone.
                        awaitAnyWorker();
                        workers = routes();
                        continue;
                    }
                    Done d = take(done);
                    pending--;
                    inFlight.decrementAndGet();
                    busy.merge(d.route().member(), -1, Integer::sum);
                    workers = routes();
                    if (d.failure() == null) {
                        List<Score> scores = d.result().scores();
                        for (int i = 0; i < scores.size(); i++) {
                            out[d.chunk().from() + i] = scores.get(i);
                        }
                        finished += scores.size();
                        workerNanos += d.result().nanos();
                        chunkFailures += d.result().failures();
                    } else {
                        again.add(retry(d.chunk(), d.failure()));
                        if (workers.isEmpty()) {
                            awaitAnyWorker();
                            workers = routes();
                        }
                    }
                }
            } finally {
                inFlight.addAndGet(-pending);
            }
            runFailures.addAndGet(chunkFailures);
            failures.addAndGet(chunkFailures);
            evaluated.addAndGet(n);
            double perEvaluation = (double) workerNanos / n;
            nanosPerEvaluation = nanosPerEvaluation == 0 ? perEvaluation : 0.5 * (nanosPerEvaluation + perEvaluation);
            evaluationsPerSecond = n / ((System.nanoTime() - start) / 1e9);
            return Arrays.asList(out);
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
            byte[][] bytes = new byte[part.size()][];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = genomes.toBytes(part.get(i));
            }
            return EvaluationChunk.ofGenomes(ticket, bytes, seeds);
        }

        @Override
        public int parallelism() {
            return ClusterEvaluator.this.parallelism();
        }

        @Override
        public int localParallelism() {
            return ClusterEvaluator.this.localParallelism();
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

    /** A chunk on its way: where its candidates start in the batch, and how often it was sent. */
    private record Pending(int from, EvaluationChunk chunk, int attempt) {

        Pending(int from, EvaluationChunk chunk) {
            this(from, chunk, 1);
        }
    }

    /** A chunk's answer (a result or a failure) and the route it was sent on. */
    private record Done(Pending chunk, MemberRoutes.Route route, ChunkResult result, Throwable failure) {
    }

    /**
     * Candidates for the next chunk when {@code remaining} of a batch of {@code n} are unsent:
     * enough for {@link #TARGET_CHUNK_NANOS} of work at the measured speed, but shrinking as the
     * batch runs out ("guided self-scheduling": {@code remaining / (2 × threads)}, never below a
     * quarter of the target) so the workers finish a generation together; before any measurement,
     * two chunks per worker thread.
     */
    int chunkSize(int remaining, int n) {
        int slots = parallelism();
        double per = nanosPerEvaluation;
        if (per <= 0) {
            return Math.min(remaining, Math.max(1, (int) Math.ceil((double) n / (2 * slots))));
        }
        int byTime = (int) Math.max(1, Math.ceil(TARGET_CHUNK_NANOS / per));
        int guided = (int) Math.ceil((double) remaining / (2 * slots));
        int size = Math.min(byTime, Math.max(guided, Math.max(1, byTime / 4)));
        return Math.max(1, Math.min(remaining, size));
    }

    /**
     * Runs {@code resolved} whole on the worker with the fewest runs per thread, and returns its
     * record; when the worker leaves, the run is started again on another one (at most
     * {@link #MAX_ATTEMPTS} times). A worker that cannot serve the run, or a run that fails
     * there, ends it with the worker's message.
     */
    @Override
    public RunResult run(RunSpec resolved) {
        RunTicket ticket = RunTicket.of(resolved);
        for (int attempt = 1; ; attempt++) {
            MemberRoutes.Route r = claimRunSlot();
            inFlight.incrementAndGet();
            try {
                String json = executor.submit(new RunTask(ticket).routedBy(r.key())).get();
                RunResult result = Json.MAPPER.readValue(json, RunResult.class);
                evaluated.addAndGet(result.evaluations());
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while run " + ticket.specHash() + " was on a worker", e);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a worker answered run " + ticket.specHash() + " with an unreadable record: "
                        + e.getMessage(), e);
            } catch (ExecutionException | RuntimeException e) {
                awaitRetry("run " + resolved.task() + "/" + resolved.generator() + "/" + resolved.optimizer() + " seed "
                        + resolved.seed(), attempt, e);
            } finally {
                inFlight.decrementAndGet();
                releaseRunSlot(r);
            }
        }
    }

    /** Whole runs at once: one per worker thread. */
    @Override
    public int parallelRuns() {
        return parallelism();
    }

    private MemberRoutes.Route claimRunSlot() {
        while (true) {
            synchronized (runsByMember) {
                MemberRoutes.Route best = null;
                double bestLoad = Double.MAX_VALUE;
                for (MemberRoutes.Route r : routes()) {
                    double load = (double) runsByMember.getOrDefault(r.member(), 0) / r.threads();
                    if (load < bestLoad) {
                        best = r;
                        bestLoad = load;
                    }
                }
                if (best != null) {
                    runsByMember.merge(best.member(), 1, Integer::sum);
                    return best;
                }
            }
            awaitAnyWorker();
        }
    }

    private void releaseRunSlot(MemberRoutes.Route r) {
        synchronized (runsByMember) {
            runsByMember.merge(r.member(), -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private synchronized List<MemberRoutes.Route> routes() {
        return routes.current();
    }

    /** The worker with the fewest chunks per thread that can take one more, or null when all are full. */
    private static MemberRoutes.Route leastLoaded(List<MemberRoutes.Route> workers, Map<UUID, Integer> busy) {
        MemberRoutes.Route best = null;
        double bestLoad = Double.MAX_VALUE;
        for (MemberRoutes.Route r : workers) {
            int b = busy.getOrDefault(r.member(), 0);
            double load = (double) b / r.threads();
            if (b < CHUNKS_PER_THREAD * r.threads() && load < bestLoad) {
                best = r;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * Submits {@code p} routed to {@code r}'s partition (still {@code submit(task)}: partition-routed);
     * its answer lands in {@code done}. Counted in flight until taken from there.
     */
    private void send(Pending p, MemberRoutes.Route r, Map<UUID, Integer> busy, BlockingQueue<Done> done) {
        busy.merge(r.member(), 1, Integer::sum);
        inFlight.incrementAndGet();
        try {
            // The answer is handed over on Hazelcast's response thread (Runnable::run). The
            // callback form of submit runs it on Hazelcast's default async executor, which starts
            // a new thread per call when the common pool has parallelism 1, as on two cores: 1,764
            // thread starts in 20 s of `bench cluster`. Hazelcast's executor futures are
            // CompletionStages (InternalCompletableFuture).
            @SuppressWarnings("unchecked")
            CompletionStage<ChunkResult> answer = (CompletionStage<ChunkResult>) executor.submit(
                    p.chunk().routedBy(r.key()));
            answer.whenCompleteAsync((response, failure) -> done.add(new Done(p, r, response, failure)),
                    Runnable::run);
        } catch (RuntimeException e) {
            done.add(new Done(p, r, null, e));
        }
    }

    private static Done take(BlockingQueue<Done> done) {
        try {
            return done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cluster evaluation interrupted", e);
        }
    }

    /**
     * The chunk to send again after {@code failure}, or the exception that ends the run: a worker
     * that cannot serve the run, an evaluation error, or a chunk that failed {@link #MAX_ATTEMPTS} times.
     */
    private Pending retry(Pending p, Throwable failure) {
        awaitRetry("a chunk of " + p.chunk().size() + " evaluations", p.attempt(), failure);
        return new Pending(p.from(), p.chunk(), p.attempt() + 1);
    }

    /**
     * Returns, once a worker is there, when {@code what} should be sent again after its
     * {@code attempt}-th try failed with {@code failure}; throws what ends the run instead: the
     * worker's own message when it cannot serve the run, an error the task itself raised, or the
     * last failure after {@link #MAX_ATTEMPTS} tries.
     */
    private void awaitRetry(String what, int attempt, Throwable failure) {
        Throwable cause = unwrap(failure);
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof WorkerSetupException w) {
                throw new WorkerSetupException(w.getMessage(), w);
            }
        }
        if (!retryable(cause)) {
            throw new IllegalStateException("a worker failed " + what + ": " + cause, cause);
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(what + " failed " + attempt + " times as workers left; last: " + cause, cause);
        }
        resubmitted.incrementAndGet();
        awaitAnyWorker();
        sleep(50L * attempt);
    }

    /** Strips future wrappers; MemberLeftException is itself an ExecutionException and is kept. */
    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException)
                && !(c instanceof MemberLeftException) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
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
