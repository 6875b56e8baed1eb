package io.hyperloom.search.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.NetworkProblem;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Runs specs: builds the task, family and optimizer a spec names, runs the search, and turns
 * what it found into a {@link RunResult}. Stateless apart from the registry it was given.
 */
public final class Experiments {

    private final Registry registry;
    private final Environment environment;

    public Experiments(Registry registry, Environment environment) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public Registry registry() {
        return registry;
    }

    /** Where tasks find their data. */
    public Environment environment() {
        return environment;
    }

    /** The parts of a spec, built: what {@link #run} and {@code hyperloom render} need. */
    public record Built(RunSpec spec, Task task, GeneratorFamily family, Optimizer optimizer, long budget) {
    }

    /**
     * Resolves and builds a spec; the returned spec carries the budget actually used.
     *
     * @throws IllegalArgumentException for unknown names, bad options or a combination that cannot run
     */
    public Built build(RunSpec spec) {
        RunSpec r = registry.resolve(spec);
        Task task = registry.task(r.task()).create(new Options(r.taskOptions()), environment);
        GeneratorFamily family = registry.generator(r.generator())
                .create(task.architecture().layout(), new Options(r.generatorOptions()));
        OptimizerProvider op = registry.optimizer(r.optimizer());
        Optimizer optimizer = op.create(new Options(r.optimizerOptions()));
        optimizer.incompatibility(task, family).ifPresent(why -> {
            throw new IllegalArgumentException(r.optimizer() + " cannot run " + r.generator() + " on " + r.task()
                    + ": " + why);
        });
        long budget = r.budget() > 0 ? r.budget() : task.defaultBudget(optimizer.budgetUnit());
        return new Built(r.withBudget(budget), task, family, optimizer, budget);
    }

    /** The unit of a resolved spec's budget, from its optimizer alone (no task is built, no data read). */
    public Task.BudgetUnit budgetUnit(RunSpec resolved) {
        return registry.optimizer(resolved.optimizer()).create(new Options(resolved.optimizerOptions())).budgetUnit();
    }

    /** Runs one spec to completion on {@code evaluator}. */
    public RunResult run(RunSpec spec, Evaluator evaluator, ProgressListener listener) {
        return run(spec, evaluator, listener, null);
    }

    /**
     * Runs one spec, checkpointing every evaluated generation to {@code journal} (may be null) and
     * replaying what an earlier, killed attempt already evaluated.
     */
    public RunResult run(RunSpec spec, Evaluator evaluator, ProgressListener listener, EvaluationJournal journal) {
        return run(spec, evaluator, listener, journal, null);
    }

    /**
     * Runs one spec as {@link #run(RunSpec, Evaluator, ProgressListener, EvaluationJournal)} does,
     * and lets gradient optimizers save their state at every monitoring point to {@code checkpoint}
     * (may be null) and continue from the last one an earlier, killed attempt saved.
     *
     * @throws IllegalArgumentException if the checkpoint belongs to another run
     */
    public RunResult run(RunSpec spec, Evaluator evaluator, ProgressListener listener, EvaluationJournal journal,
                         RunCheckpoint checkpoint) {
        return run(build(spec), evaluator, listener, journal, checkpoint);
    }

    /** As {@link #run(RunSpec, Evaluator, ProgressListener, EvaluationJournal, RunCheckpoint)}, for a spec built once. */
    public RunResult run(Built b, Evaluator evaluator, ProgressListener listener, EvaluationJournal journal,
                         RunCheckpoint checkpoint) {
        Evaluator e = evaluator instanceof RunAwareEvaluator aware ? aware.forRun(b) : evaluator;
        Search search = new Search(b.task(), b.family(), e, b.spec().seed(), b.budget(),
                b.optimizer().budgetUnit(), listener);
        if (journal != null) {
            search.withJournal(journal);
        }
        if (checkpoint != null) {
            search.withCheckpoint(checkpoint);
        }
        b.optimizer().run(search);
        return result(b, search, e.failures());
    }

    private RunResult result(Built b, Search search, long failures) {
        Object genome = search.bestGenome();
        if (genome == null) {
            throw new IllegalStateException("the optimizer evaluated nothing (budget " + b.budget() + ")");
        }
        long thetaCount;
        long weightCount;
        Map<String, Integer> parts;
        Map<String, Double> metrics;
        JsonNode best;
        switch (b.family()) {
            case ParametricFamily p -> {
                double[] theta = (double[]) genome;
                thetaCount = theta.length;
                weightCount = p.layout().weightCount();
                parts = p.generator().parameterParts();
                metrics = Problem.parametric(b.task(), p).finalMetrics(theta);
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("theta", Json.encodeDoubles(theta));
                best = node;
            }
            case EvolvableFamily<?> e -> {
                Evolved<?> ev = evolved(e, b.task(), genome);
                thetaCount = ev.thetaCount;
                weightCount = e.layout().weightCount();
                parts = ev.parts;
                metrics = ev.metrics;
                best = ev.json;
            }
            case NetworkFamily<?> n -> {
                Evolved<?> ev = network(n, b.task(), genome);
                thetaCount = ev.thetaCount;
                weightCount = ev.weightCount;
                parts = ev.parts;
                metrics = ev.metrics;
                best = ev.json;
            }
        }
        if (!search.reportedMetrics().isEmpty()) {
            Map<String, Double> merged = new LinkedHashMap<>(metrics);
            merged.putAll(search.reportedMetrics());
            metrics = merged;
        }
        RunSpec spec = b.spec();
        return new RunResult(spec.task(), spec.generator(), spec.optimizer(), spec.seed(), spec, hash(spec),
                thetaCount, parts, weightCount, thetaCount == 0 ? 0.0 : (double) weightCount / thetaCount,
                search.evaluations(), search.steps(), search.examples(), search.seconds(),
                b.task().hasSuccessCriterion() ? search.isSolved() : null,
                search.isSolved() && search.solvedAt().isPresent() ? search.solvedAt().getAsLong() : null,
                search.bestScore().fitness(), metrics,
                search.curve(), search.stopReason(), failures, best, versions());
    }

    private record Evolved<G>(long thetaCount, long weightCount, Map<String, Integer> parts,
                              Map<String, Double> metrics, JsonNode json) {
    }

    @SuppressWarnings("unchecked")
    private static <G> Evolved<G> evolved(EvolvableFamily<G> family, Task task, Object genome) {
        G g = (G) genome;
        EvolvableFamily.Decoded d = family.decode(g);
        return new Evolved<>(d.theta().length, family.layout().weightCount(), d.generator().parameterParts(),
                Problem.evolvable(task, family).finalMetrics(g), family.toJson(g));
    }

    @SuppressWarnings("unchecked")
    private static <G> Evolved<G> network(NetworkFamily<G> family, Task task, Object genome) {
        G g = (G) genome;
        int n = family.parameterCount(g);
        return new Evolved<>(n, family.weightCount(g), Map.of("theta", n),
                new NetworkProblem<>(task, family).finalMetrics(g), family.toJson(g));
    }

    /**
     * The weights the best genome of a record generates, rebuilt from the record alone.
     *
     * @throws IllegalArgumentException if the record's family has no fixed layout (NEAT networks)
     *                                  or its genome JSON is malformed
     */
    public double[] bestWeights(Built built, RunResult record) {
        JsonNode best = record.best();
        if (best == null) {
            throw new IllegalArgumentException("the record has no best genome");
        }
        return switch (built.family()) {
            case ParametricFamily p -> {
                if (!best.hasNonNull("theta")) {
                    throw new IllegalArgumentException("the record's best genome has no θ");
                }
                double[] theta = Json.decodeDoubles(best.get("theta").asText());
                if (theta.length != p.parameterCount()) {
                    throw new IllegalArgumentException("the record's θ has " + theta.length + " numbers, the family "
                            + p.parameterCount());
                }
                yield p.generator().generate(theta, new double[p.layout().weightCount()]);
            }
            case EvolvableFamily<?> e -> decodeWeights(e, best);
            case NetworkFamily<?> n -> throw new IllegalArgumentException(n.name()
                    + " genomes are networks without a fixed layout; the genome is in the record's \"best\" field");
        };
    }

    private static <G> double[] decodeWeights(EvolvableFamily<G> family, JsonNode json) {
        EvolvableFamily.Decoded d = family.decode(family.fromJson(json));
        return d.generator().generate(d.theta(), new double[family.layout().weightCount()]);
    }

    /** SHA-256 of the spec's canonical JSON. */
    public static String hash(RunSpec spec) {
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(spec);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** hyperloom's version (from the build) and the Java runtime's. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Experiments.class.getResourceAsStream("/io/hyperloom/search/version.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        v.put("hyperloom", p.getProperty("version", "unknown"));
        v.put("java", Runtime.version().feature() + "");
        return v;
    }
}
