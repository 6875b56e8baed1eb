package io.hyperloom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.RunCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom run}: one spec, one record appended to a results file, a summary printed.
 * Resumable like compare: a run killed midway leaves its journal and (gradient runs) checkpoint in
 * {@code <out>.checkpoints/}, and the same command run again continues from there.
 */
@Command(name = "run", description = "Run one task × generator × optimizer and append its record to a results file.")
final class RunCommand implements Callable<Integer> {

    /** How the summary is printed. */
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--task", paramLabel = "TASK", description = "the task (see `hyperloom list`)")
    String task;

    @Option(names = "--generator", paramLabel = "GEN", description = "the generator family (default: the optimizer's, usually direct)")
    String generator;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "cmaes",
            description = "the optimizer (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--budget", paramLabel = "N", description = "budget in the optimizer's unit (evaluations or steps; default: the task's)")
    Long budget;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME.OPTION=VALUE",
            description = "an option of the task, generator or optimizer, e.g. -o boxes.size=33 -o adam.lr=0.01")
    List<String> options = new ArrayList<>();

    @Option(names = "--spec", paramLabel = "FILE",
            description = "read the run spec from a JSON file (a spec, or a result record whose spec is rerun)")
    Path specFile;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "results/runs.jsonl",
            description = "results file to append to (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--format", defaultValue = "text", description = "summary format: ${COMPLETION-CANDIDATES}")
    Format format;

    @Override
    public Integer call() throws IOException {
        Registry registry = Registry.load();
        RunSpec runSpec = runSpec(registry);
        Experiments experiments = new Experiments(registry, common.environment());
        Experiments.Built built = experiments.build(runSpec);
        String name = runSpec.task() + "/" + runSpec.generator() + "/" + runSpec.optimizer() + " seed " + runSpec.seed();
        // the same checkpoints as compare/ablate: rerunning this command after a kill resumes
        String hash = Experiments.hash(built.spec());
        Path checkpoints = checkpoints(out);
        EvaluationJournal journal = new EvaluationJournal(checkpoints.resolve(hash + ".journal"));
        PrintWriter err = spec.commandLine().getErr();
        RunCheckpoint checkpoint = new RunCheckpoint(checkpoints.resolve(hash + ".ckpt"), hash, line -> {
            err.println(line);
            err.flush();
        }, RunCheckpoint.EVERY);
        RunResult result;
        String clusterStatus;
        try (Evaluator evaluator = cluster.evaluator(common.threads());
             ProgressReporter progress = new ProgressReporter(name, System.err, common.quiet)) {
            if (cluster.isCluster()) {
                progress.status(() -> ClusterOptions.status(evaluator));
            }
            result = experiments.run(built, evaluator, progress, journal, checkpoint);
            clusterStatus = ClusterOptions.status(evaluator);
        }
        new ResultsFile(out).append(result);
        journal.delete();
        checkpoint.delete();
        deleteIfEmpty(checkpoints);
        PrintWriter w = spec.commandLine().getOut();
        if (format == Format.json) {
            w.println(Json.MAPPER.writeValueAsString(result));
        } else {
            summary(w, result, out);
            if (clusterStatus != null) {
                // Not in the record: a cluster run's record equals the local run's, timings aside.
                w.println("  evaluated on cluster '" + cluster.cluster + "': " + clusterStatus);
            }
        }
        w.flush();
        return Hyperloom.OK;
    }

    /** Where a run's journal and checkpoint live while it runs: {@code <out>.checkpoints/}, as for compare. */
    static Path checkpoints(Path out) {
        Path p = out.toAbsolutePath();
        return p.resolveSibling(p.getFileName() + ".checkpoints");
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException busy) {
            // another run's checkpoints (a concurrent or killed run into the same file) stay
        } catch (IOException e) {
            // leaving an empty folder behind is harmless
        }
    }

    private RunSpec runSpec(Registry registry) throws IOException {
        RunSpec s;
        if (specFile != null) {
            s = readSpec(specFile);
            if (task != null || generator != null || budget != null) {
                throw new IllegalArgumentException("--spec gives the whole run; do not combine it with --task, --generator or --budget");
            }
        } else {
            if (task == null) {
                throw new IllegalArgumentException("missing --task; valid tasks: "
                        + String.join(", ", registry.tasks().stream().map(t -> t.name()).toList()));
            }
            String gen = generator != null ? generator : registry.optimizer(optimizer).defaultGenerator();
            s = new RunSpec(task, Map.of(), gen, Map.of(), optimizer, Map.of(), budget == null ? 0 : budget, seed);
        }
        return ComponentOptions.apply(s, options);
    }

    static RunSpec readSpec(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new UserInputException("cannot read spec file " + file);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (node != null && node.has("spec") && node.get("spec").isObject()) {
                node = node.get("spec");
            }
            if (node == null || !node.has("task")) {
                throw new UserInputException(file + " is not a run spec (it needs at least \"task\", \"generator\", \"optimizer\")");
            }
            return Json.MAPPER.treeToValue(node, RunSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void summary(PrintWriter w, RunResult r, Path out) {
        w.printf(Locale.ROOT, "%s · %s · %s · seed %d%n", r.task(), r.generator(), r.optimizer(), r.seed());
        w.printf(Locale.ROOT, "  |θ| %,d %s  |W| %,d  compression %.2f%n", r.thetaCount(),
                r.thetaParts().size() > 1 ? r.thetaParts().toString() : "", r.weightCount(), r.compression());
        w.printf(Locale.ROOT, "  evaluations %,d  gradient steps %,d  wall %.1f s%n", r.evaluations(), r.gradientSteps(),
                r.wallSeconds());
        w.printf(Locale.ROOT, "  best fitness %.6g  solved %s%s%n", r.bestFitness(), r.solved() == null ? "n/a" : r.solved(),
                Boolean.TRUE.equals(r.solved())
                        ? String.format(Locale.ROOT, "  solved at %,d evaluations", r.evaluationsToSolve()) : "");
        StringBuilder m = new StringBuilder("  metrics:");
        r.metrics().forEach((k, v) -> m.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        w.println(m);
        if (r.stopReason() != null) {
            w.println("  stopped early: " + r.stopReason());
        }
        if (r.failures() > 0) {
            w.println("  failed evaluations (scored worst): " + r.failures());
        }
        w.println("  record appended to " + out);
    }
}
