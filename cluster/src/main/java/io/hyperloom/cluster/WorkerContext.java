package io.hyperloom.cluster;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GenomeFamily;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.FitnessFunction;
import io.hyperloom.search.optimize.NetworkProblem;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.task.Environment;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's state, kept in its Hazelcast user context: where its datasets are, and the fitness
 * functions it has rebuilt, cached by spec hash (building a task may read a dataset). Thread-safe;
 * one per worker member.
 */
final class WorkerContext {

    static final String KEY = "hyperloom.worker";
    /** Runs remembered at once; a worker serving more (an ablation grid) rebuilds now and then. */
    private static final int CACHE = 16;

    /** A run's fitness function as rebuilt here, with the family that decodes shipped genomes. */
    record Rebuilt(FitnessFunction<?> function, GenomeFamily<?> genomes) {

        Object decode(byte[] genome) {
            return genomes.fromBytes(genome);
        }
    }

    private final Environment environment;
    private final Map<String, Rebuilt> cache = new ConcurrentHashMap<>();
    private volatile Experiments experiments;

    WorkerContext(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    Environment environment() {
        return environment;
    }

    /**
     * The fitness function of {@code run}, built once per spec hash.
     *
     * @throws WorkerSetupException when this worker cannot serve the run exactly as the coordinator would
     */
    Rebuilt rebuild(RunTicket run, byte encoding, String where) {
        Rebuilt r = cache.get(run.specHash());
        if (r == null) {
            synchronized (this) {
                r = cache.get(run.specHash());
                if (r == null) {
                    r = build(run, where);
                    if (cache.size() >= CACHE) {
                        cache.clear();
                    }
                    cache.put(run.specHash(), r);
                }
            }
        }
        boolean theta = r.genomes() == null;
        if (theta != (encoding == EvaluationChunk.THETA)) {
            throw new WorkerSetupException(where + ": candidates of " + run.specHash() + " arrived as "
                    + (theta ? "genomes" : "θ") + " but the family here expects " + (theta ? "θ" : "genomes"));
        }
        return r;
    }

    private Rebuilt build(RunTicket run, String where) {
        Experiments.Built b = built(run, where);
        return switch (b.family()) {
            case ParametricFamily p -> new Rebuilt(Problem.parametric(b.task(), p), null);
            case EvolvableFamily<?> e -> new Rebuilt(Problem.evolvable(b.task(), e), e);
            case NetworkFamily<?> n -> new Rebuilt(new NetworkProblem<>(b.task(), n), n);
        };
    }

    /**
     * {@code run} built here, after the checks of {@link #experimentsFor}.
     *
     * @throws WorkerSetupException when this worker cannot build it (a missing dataset, a marker the task needs)
     */
    Experiments.Built built(RunTicket run, String where) {
        Experiments experiments = experimentsFor(run, where);
        RunSpec spec = run.spec();
        try {
            return experiments.build(spec);
        } catch (RuntimeException e) {
            // A missing or corrupt dataset lands here: the loader checked every file's SHA-256
            // against the catalog, which equals the coordinator's (checked in experimentsFor).
            throw new WorkerSetupException(where + " (data dir " + environment.dataDir() + ") cannot build "
                    + spec.task() + "/" + spec.generator() + "/" + spec.optimizer() + ": " + e.getMessage(), e);
        }
    }

    /**
     * This worker's experiments, once it has checked that it can serve {@code run} exactly as the
     * coordinator would: the same build, the same spec hash, the same dataset checksums.
     *
     * @throws WorkerSetupException naming what differs
     */
    Experiments experimentsFor(RunTicket run, String where) {
        String version = RunTicket.localVersion();
        if (!version.equals(run.version())) {
            throw new WorkerSetupException(where + " runs hyperloom " + version + " but the coordinator runs "
                    + run.version() + "; start every member from the same build");
        }
        RunSpec spec = run.spec();
        if (!Experiments.hash(spec).equals(run.specHash())) {
            throw new WorkerSetupException(where + ": the spec hashes to " + Experiments.hash(spec)
                    + " here but to " + run.specHash() + " on the coordinator");
        }
        Map<String, String> mine = RunTicket.dataChecks(spec.task());
        if (!mine.equals(run.dataChecks())) {
            throw new WorkerSetupException(where + ": dataset checksums differ from the coordinator's for task "
                    + spec.task() + " (here " + mine + ", coordinator " + run.dataChecks() + ")");
        }
        return experiments();
    }

    private Experiments experiments() {
        Experiments e = experiments;
        if (e == null) {
            e = new Experiments(Registry.load(), environment);
            experiments = e;
        }
        return e;
    }
}
