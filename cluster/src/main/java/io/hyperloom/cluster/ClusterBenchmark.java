package io.hyperloom.cluster;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.generator.Breeder;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.task.Score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Evaluations per second of one task on local threads and on a loopback cluster of worker JVMs
 * (the coordinator, in this JVM, is a lite member and evaluates nothing), with the same total
 * number of evaluation threads, and whether both gave identical scores.
 *
 * <p>How it works: (1) the worker JVMs are started and joined first; (2) both sides evaluate
 * a number of batches unmeasured (JIT, the workers' rebuild; {@link #WARM_UP_BATCHES} by default); (3) then each batch
 * of seeded random θ is made (untimed, batch by batch, so the heap never holds more than one
 * batch) and evaluated by both sides in turn — alternating which goes first — and only the
 * evaluate calls are timed. Interleaving puts both sides under the same background load, which
 * on a shared machine drifts more between two phases than within one batch.
 */
public final class ClusterBenchmark {

    /** Unmeasured batches per side before timing starts, by default. */
    public static final int WARM_UP_BATCHES = 12;
    /** Mutations applied to each fresh genome of a genome-family bench. */
    static final int GENOME_MUTATIONS = 30;

    /**
     * @param spec         the run whose fitness function is measured (a parametric family)
     * @param evaluations  evaluations measured on each side
     * @param batch        candidates per evaluate call (a generation)
     * @param workers      worker JVMs
     * @param threads      local threads; each worker gets {@code max(1, threads / workers)}
     * @param warmUp       unmeasured batches per side before timing starts
     */
    public record Options(RunSpec spec, int evaluations, int batch, int workers, int threads, int port, int warmUp) {

        public Options {
            Objects.requireNonNull(spec, "spec");
            if (evaluations < 1 || batch < 1 || workers < 1 || threads < 1) {
                throw new IllegalArgumentException("evaluations, batch, workers and threads must be >= 1, got "
                        + evaluations + ", " + batch + ", " + workers + ", " + threads);
            }
            if (warmUp < 0) {
                throw new IllegalArgumentException("warm-up batches must be >= 0, got " + warmUp);
            }
        }

        public Options(RunSpec spec, int evaluations, int batch, int workers, int threads, int port) {
            this(spec, evaluations, batch, workers, threads, port, WARM_UP_BATCHES);
        }

        int workerThreads() {
            return Math.max(1, threads / workers);
        }
    }

    /** The figures; {@link #table()} prints them. */
    public record Result(Options options, double thetaCount, double localRate, double clusterRate, boolean identical) {

        public double ratio() {
            return clusterRate / localRate;
        }

        public String table() {
            return String.format(Locale.ROOT, """
                    bench cluster: %,d evaluations of %s, generator %s (mean |θ| %,.0f), batches of %,d, sides interleaved per batch
                      %-48s %,10.0f evaluations/s
                      %-48s %,10.0f evaluations/s
                      ratio cluster / local: %.2f (goal >= 0.80 on two cores)
                      scores identical: %s
                    """, options.evaluations(), options.spec().task(), options.spec().generator(), thetaCount,
                    options.batch(), "local threads (" + options.threads() + "):", localRate,
                    "loopback cluster (" + plural(options.workers(), "worker JVM") + " × "
                            + plural(options.workerThreads(), "thread") + "):", clusterRate, ratio(),
                    identical ? "yes" : "NO");
        }
    }

    private ClusterBenchmark() {
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * @param experiments   builds the spec (locally)
     * @param workerCommand the command line that starts one worker JVM with the given settings and threads
     */
    public static Result run(Options o, Experiments experiments, WorkerLauncher workerCommand) {
        Experiments.Built built = experiments.build(o.spec());
        return switch (built.family()) {
            case ParametricFamily family -> {
                int n = family.parameterCount();
                yield measure(o, built, workerCommand, Problem.parametric(built.task(), family),
                        (count, index) -> thetas(n, count, index), theta -> n);
            }
            case EvolvableFamily<?> family -> measureGenomes(o, built, workerCommand, family);
            default -> throw new IllegalArgumentException("bench cluster needs a parametric or evolvable family, got "
                    + o.spec().generator());
        };
    }

    private static <G> Result measureGenomes(Options o, Experiments.Built built, WorkerLauncher launcher,
                                             EvolvableFamily<G> family) {
        return measure(o, built, launcher, Problem.evolvable(built.task(), family),
                (count, index) -> genomes(family, count, index), family::parameterCount);
    }

    /** Makes batch {@code index} of {@code count} candidates, the same on every call. */
    @FunctionalInterface
    private interface Batches<G> {
        List<G> make(int count, long index);
    }

    private static <G> Result measure(Options o, Experiments.Built built, WorkerLauncher launcher, Problem<G> problem,
                                      Batches<G> batches, ToIntFunction<G> thetaCount) {
        ClusterSettings settings = new ClusterSettings("hyperloom-bench-" + ProcessHandle.current().pid(),
                List.of(ClusterSettings.DEFAULT_INTERFACE), ClusterSettings.DEFAULT_INTERFACE, o.port());
        List<Process> jvms = new ArrayList<>();
        try {
            for (int i = 0; i < o.workers(); i++) {
                jvms.add(new ProcessBuilder(launcher.command(settings, o.workerThreads()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            try (LocalEvaluator local = new LocalEvaluator(o.threads());
                 ClusterEvaluator cluster = ClusterEvaluator.connect(settings, o.workers(), Duration.ofSeconds(120), 1)) {
                Evaluator remote = cluster.forRun(built);
                for (int w = 0; w < o.warmUp(); w++) {
                    List<G> b = batches.make(o.batch(), -1 - w);
                    long[] seeds = seeds(-1 - w, b.size());
                    local.evaluate(problem, b, seeds);
                    remote.evaluate(problem, b, seeds);
                }
                long localNanos = 0;
                long clusterNanos = 0;
                long thetaTotal = 0;
                boolean identical = true;
                int index = 0;
                for (int done = 0; done < o.evaluations(); done += o.batch(), index++) {
                    List<G> b = batches.make(Math.min(o.batch(), o.evaluations() - done), index);
                    for (G g : b) {
                        thetaTotal += thetaCount.applyAsInt(g);
                    }
                    long[] seeds = seeds(index, b.size());
                    List<Score> l = null;
                    List<Score> c = null;
                    for (int side = 0; side < 2; side++) {
                        boolean localNow = (side + index) % 2 == 0;
                        long t0 = System.nanoTime();
                        if (localNow) {
                            l = local.evaluate(problem, b, seeds);
                            localNanos += System.nanoTime() - t0;
                        } else {
                            c = remote.evaluate(problem, b, seeds);
                            clusterNanos += System.nanoTime() - t0;
                        }
                    }
                    identical &= l.equals(c);
                }
                return new Result(o, (double) thetaTotal / o.evaluations(), o.evaluations() / (localNanos / 1e9),
                        o.evaluations() / (clusterNanos / 1e9), identical);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker JVM: " + e.getMessage(), e);
        } finally {
            for (Process p : jvms) {
                p.destroy();
            }
            for (Process p : jvms) {
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        }
    }

    /** The command line of one worker JVM. */
    @FunctionalInterface
    public interface WorkerLauncher {
        List<String> command(ClusterSettings settings, int threads);
    }

    private static long[] seeds(long batch, int n) {
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = Seeds.derive(7, batch, i);
        }
        return seeds;
    }

    /**
     * Batch {@code index}'s genomes: each a fresh genome varied by {@link #GENOME_MUTATIONS}
     * mutations (for CPPNs, grown nodes and links like an evolved population's), seeded by the
     * index alone.
     */
    private static <G> List<G> genomes(EvolvableFamily<G> family, int n, long index) {
        Breeder<G> breeder = family.breeder(Seeds.random(Seeds.derive(37, index, n)));
        List<G> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            G g = breeder.create();
            for (int k = 0; k < GENOME_MUTATIONS; k++) {
                g = breeder.mutate(g);
            }
            b.add(g);
        }
        return b;
    }

    /** Batch {@code index}'s θ: seeded by the index alone, so both sides and every run see the same ones. */
    private static List<double[]> thetas(int thetaCount, int n, long index) {
        RandomGenerator rng = Seeds.random(Seeds.derive(31, index, n));
        List<double[]> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] theta = new double[thetaCount];
            for (int j = 0; j < thetaCount; j++) {
                theta[j] = rng.nextGaussian() * 0.5;
            }
            b.add(theta);
        }
        return b;
    }
}
