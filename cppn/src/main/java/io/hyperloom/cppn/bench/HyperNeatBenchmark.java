package io.hyperloom.cppn.bench;

import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.substrate.CppnFamily;
import io.hyperloom.cppn.substrate.SubstrateConfig;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.boxes.BoxesTask;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HyperNEAT throughput on boxes: one evaluation is a CPPN decode of the whole substrate plus the 75
 * trials, as in Encog's HyperNEAT boxes example (the anchor). Also the single-threaded decode time of
 * a 55×55 substrate (9,150,625 connections plus biases) from a CPPN of about 20 nodes.
 *
 * <p>How it works: (1) a population of random CPPNs is grown from minimal genomes by a fixed number of
 * mutations with raised add-node/add-link rates (seeded), so they have hidden nodes of every activation
 * like evolved CPPNs; (2) the population is evaluated repeatedly, whole passes, for at least
 * min-seconds, on 1 thread and on all threads (each worker takes the next genome from a shared
 * counter, {@link Problem} holds per-thread scratch); (3) the median of the repeats is reported.
 * Wall-clock figures mean little on a shared machine, so each is printed beside the same work per
 * CPU-second of the worker threads (ThreadMXBean thread CPU time): evaluations ÷ Σ worker CPU time.
 * That figure is what one otherwise idle core would do (caches and memory bandwidth still shared).
 */
public final class HyperNeatBenchmark {

    /** Benchmark options. */
    public record Settings(int population, int size, int mutations, int repeats, double minSeconds, int threads,
                           int decodeSize, long seed) {
        public Settings {
            if (population < 1 || size < 7 || mutations < 0 || repeats < 1 || !(minSeconds >= 0) || threads < 1
                    || decodeSize < 7) {
                throw new IllegalArgumentException("bad benchmark settings: " + population + " genomes, size " + size
                        + ", " + mutations + " mutations, " + repeats + " repeats, " + threads + " threads");
            }
        }

        public static Settings defaults() {
            return new Settings(500, 11, 30, 5, 1.0, Runtime.getRuntime().availableProcessors(), 55, 1);
        }
    }

    /** What was measured. */
    public record Result(Settings settings, double meanNodes, double perSecondOne, double perSecondAll,
                         double perCpuSecondOne, double perCpuSecondAll,
                         long decodeConnections, int decodeNodes, double decodeSeconds, double decodeCpuSeconds) {

        /** A plain-text table, with Encog 3.4's figures measured on this machine (its README) beside ours. */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "HyperNEAT on boxes %d×%d: population %d random CPPNs (mean %.1f nodes), "
                    + "decode + %d trials per evaluation%n", settings.size, settings.size, settings.population, meanNodes,
                    BoxesTask.TRIALS));
            b.append(String.format(Locale.ROOT, "  %-12s %10s %16s %22s%n", "threads", "evals/s", "evals/CPU-s", "Encog 3.4 (README)"));
            b.append(String.format(Locale.ROOT, "  %-12s %10.0f %16.0f %22s  ×%.1f (wall) ×%.1f (CPU)%n", "1", perSecondOne,
                    perCpuSecondOne, "236", perSecondOne / 236, perCpuSecondOne / 236));
            b.append(String.format(Locale.ROOT, "  %-12s %10.0f %16.0f %22s  ×%.1f (wall)%n", settings.threads + " (all)",
                    perSecondAll, perCpuSecondAll, "419 (2 threads)", perSecondAll / 419));
            b.append(String.format(Locale.ROOT, "Decode boxes %d×%d: %,d weights from a %d-node CPPN, 1 thread: %.3f s wall, %.3f s CPU%n",
                    settings.decodeSize, settings.decodeSize, decodeConnections, decodeNodes, decodeSeconds, decodeCpuSeconds));
            b.append(String.format(Locale.ROOT, "(evals/CPU-s: evaluations per CPU-second of the worker threads; on a loaded machine "
                    + "the wall figures fall, this one much less)%n"));
            return b.toString();
        }
    }

    private HyperNeatBenchmark() {
    }

    public static Result run(Settings s) throws InterruptedException {
        BoxesTask task = new BoxesTask(s.size(), 0);
        CppnFamily family = new CppnFamily(task.architecture().layout(), SubstrateConfig.defaults());
        List<CppnGenome> population = population(family, s.population(), s.mutations(), s.seed());
        double nodes = population.stream().mapToInt(g -> g.nodes().size()).average().orElse(0);
        Problem<CppnGenome> problem = Problem.evolvable(task, family);
        double[] one = perSecond(problem, population, 1, s);
        double[] all = perSecond(problem, population, s.threads(), s);

        BoxesTask big = new BoxesTask(s.decodeSize(), 0);
        CppnFamily bigFamily = new CppnFamily(big.architecture().layout(), SubstrateConfig.defaults());
        CppnGenome g = twentyNodes(bigFamily, s.seed());
        double[] w = new double[bigFamily.layout().weightCount()];
        double[] times = new double[3];
        double[] cpu = new double[3];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < times.length; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            bigFamily.generator(g).generate(g.theta(), w);
            times[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        return new Result(s, nodes, one[0], all[0], one[1], all[1], w.length, g.nodes().size(), times[1], cpu[1]);
    }

    /** Random CPPNs grown by {@code mutations} mutations each, with add-node 0.2 and add-link 0.3. */
    static List<CppnGenome> population(CppnFamily family, int count, int mutations, long seed) {
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(),
                Map.of("add-node", "0.2", "add-link", "0.3", "activation-mutation", "0.3")));
        NeatBreeder breeder = family.breeder(Seeds.random(seed), p);
        List<CppnGenome> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CppnGenome g = breeder.create();
            for (int m = 0; m < mutations; m++) {
                g = breeder.mutate(g);
            }
            out.add(g);
        }
        return out;
    }

    /** A CPPN with about 20 nodes (5 sensors and an output, the rest hidden). */
    static CppnGenome twentyNodes(CppnFamily family, long seed) {
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(),
                Map.of("add-node", "0.5", "add-link", "0.5")));
        NeatBreeder breeder = family.breeder(Seeds.random(seed), p);
        CppnGenome g = breeder.create();
        while (g.nodes().size() < 20) {
            g = breeder.mutate(g);
        }
        return g;
    }

    /** {median evaluations per wall second, median evaluations per worker CPU-second}. */
    private static double[] perSecond(Problem<CppnGenome> problem, List<CppnGenome> population, int threads, Settings s)
            throws InterruptedException {
        double[] rates = new double[s.repeats()];
        double[] cpuRates = new double[s.repeats()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            pass(problem, population, threads, pool); // warm-up
            for (int r = 0; r < rates.length; r++) {
                long t0 = System.nanoTime();
                long evaluations = 0;
                long cpuNanos = 0;
                do {
                    cpuNanos += pass(problem, population, threads, pool);
                    evaluations += population.size();
                } while ((System.nanoTime() - t0) / 1e9 < s.minSeconds());
                rates[r] = evaluations / ((System.nanoTime() - t0) / 1e9);
                cpuRates[r] = evaluations / (Math.max(1, cpuNanos) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        return new double[] {rates[rates.length / 2], cpuRates[cpuRates.length / 2]};
    }

    /** One pass over the population; returns the CPU nanoseconds its workers spent. */
    private static long pass(Problem<CppnGenome> problem, List<CppnGenome> population, int threads, ExecutorService pool)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Future<Long>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            jobs.add(pool.submit(() -> {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < population.size(); i = next.getAndIncrement()) {
                    problem.evaluate(population.get(i), i);
                }
                return mx.getCurrentThreadCpuTime() - c0;
            }));
        }
        long cpu = 0;
        for (Future<Long> f : jobs) {
            try {
                cpu += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a benchmark evaluation failed", e.getCause());
            }
        }
        return cpu;
    }
}
