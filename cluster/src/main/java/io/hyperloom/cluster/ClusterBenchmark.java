package io.hyperloom.cluster;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.RunSpec;
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
import java.util.random.RandomGenerator;

/**
 * Evaluations per second of one task on local threads and on a loopback cluster of worker JVMs
 * (the coordinator, in this JVM, is a lite member and evaluates nothing), with the same total
 * number of evaluation threads, and whether both gave identical scores.
 *
 * <p>Both sides evaluate the same seeded random θ in the same batches, after one warm-up batch
 * each (JIT, worker rebuilds).
 */
public final class ClusterBenchmark {

    /**
     * @param spec         the run whose fitness function is measured (a parametric family)
     * @param evaluations  evaluations measured on each side
     * @param batch        candidates per evaluate call (a generation)
     * @param workers      worker JVMs
     * @param threads      local threads; each worker gets {@code max(1, threads / workers)}
     */
    public record Options(RunSpec spec, int evaluations, int batch, int workers, int threads, int port) {

        public Options {
            Objects.requireNonNull(spec, "spec");
            if (evaluations < 1 || batch < 1 || workers < 1 || threads < 1) {
                throw new IllegalArgumentException("evaluations, batch, workers and threads must be >= 1, got "
                        + evaluations + ", " + batch + ", " + workers + ", " + threads);
            }
        }

        int workerThreads() {
            return Math.max(1, threads / workers);
        }
    }

    /** The figures; {@link #table()} prints them. */
    public record Result(Options options, long thetaCount, double localRate, double clusterRate, boolean identical) {

        public double ratio() {
            return clusterRate / localRate;
        }

        public String table() {
            return String.format(Locale.ROOT, """
                    bench cluster: %,d evaluations of %s (|θ| %,d), batches of %,d
                      local threads (%d):                        %,10.0f evaluations/s
                      loopback cluster (%d worker JVMs × %d threads): %,10.0f evaluations/s
                      ratio cluster / local: %.2f (goal >= 0.80 on two cores)
                      scores identical: %s
                    """, options.evaluations(), options.spec().task(), thetaCount, options.batch(), options.threads(),
                    localRate, options.workers(), options.workerThreads(), clusterRate, ratio(),
                    identical ? "yes" : "NO");
        }
    }

    private ClusterBenchmark() {
    }

    /**
     * @param experiments   builds the spec (locally)
     * @param workerCommand the command line that starts one worker JVM with the given settings and threads
     */
    public static Result run(Options o, Experiments experiments, WorkerLauncher workerCommand) {
        Experiments.Built built = experiments.build(o.spec());
        if (!(built.family() instanceof ParametricFamily family)) {
            throw new IllegalArgumentException("bench cluster needs a parametric family, got " + o.spec().generator());
        }
        Problem<double[]> problem = Problem.parametric(built.task(), family);
        int thetaCount = family.parameterCount();
        List<List<double[]>> batches = batches(thetaCount, o.evaluations(), o.batch());
        List<double[]> warmUp = batches(thetaCount, o.batch(), o.batch() + 1).get(0);

        double localRate;
        List<Score> localScores;
        try (LocalEvaluator local = new LocalEvaluator(o.threads())) {
            evaluateAll(local, problem, List.of(warmUp));
            long t0 = System.nanoTime();
            localScores = evaluateAll(local, problem, batches);
            localRate = o.evaluations() / ((System.nanoTime() - t0) / 1e9);
        }

        ClusterSettings settings = new ClusterSettings("hyperloom-bench-" + ProcessHandle.current().pid(),
                List.of(ClusterSettings.DEFAULT_INTERFACE), ClusterSettings.DEFAULT_INTERFACE, o.port());
        List<Process> jvms = new ArrayList<>();
        try {
            for (int i = 0; i < o.workers(); i++) {
                jvms.add(new ProcessBuilder(workerCommand.command(settings, o.workerThreads()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            try (ClusterEvaluator cluster = ClusterEvaluator.connect(settings, o.workers(), Duration.ofSeconds(120), 1)) {
                Evaluator run = cluster.forRun(built);
                evaluateAll(run, problem, List.of(warmUp));
                long t0 = System.nanoTime();
                List<Score> clusterScores = evaluateAll(run, problem, batches);
                double clusterRate = o.evaluations() / ((System.nanoTime() - t0) / 1e9);
                return new Result(o, thetaCount, localRate, clusterRate,
                        localScores.equals(clusterScores));
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

    private static List<Score> evaluateAll(Evaluator evaluator, Problem<double[]> problem, List<List<double[]>> batches) {
        List<Score> out = new ArrayList<>();
        long generation = 0;
        for (List<double[]> b : batches) {
            long[] seeds = new long[b.size()];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = Seeds.derive(7, generation, i);
            }
            out.addAll(evaluator.evaluate(problem, b, seeds));
            generation++;
        }
        return out;
    }

    private static List<List<double[]>> batches(int thetaCount, int evaluations, int batch) {
        RandomGenerator rng = Seeds.random(evaluations * 31L + batch);
        List<List<double[]>> out = new ArrayList<>();
        for (int done = 0; done < evaluations; done += batch) {
            int n = Math.min(batch, evaluations - done);
            List<double[]> b = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] theta = new double[thetaCount];
                for (int j = 0; j < thetaCount; j++) {
                    theta[j] = rng.nextGaussian() * 0.5;
                }
                b.add(theta);
            }
            out.add(b);
        }
        return out;
    }
}
