package io.hyperloom.cli;

import io.hyperloom.cli.report.Report;
import io.hyperloom.cli.report.ReportOptions;
import io.hyperloom.search.experiment.ExperimentRunner;
import io.hyperloom.search.experiment.ExperimentSpec;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunExecutor;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.experiment.table.Ablation;
import io.hyperloom.search.experiment.table.Comparison;
import io.hyperloom.search.experiment.table.ComparisonOptions;
import io.hyperloom.search.experiment.table.Measure;
import io.hyperloom.search.experiment.table.OptionNames;
import io.hyperloom.search.experiment.table.Tables;
import io.hyperloom.search.task.TaskProvider;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What compare and ablate share: run the specs into {@code DIR/results.jsonl} (skipping recorded
 * ones), then print the table and write the report from the results file alone — exactly what
 * {@code hyperloom report DIR/results.jsonl} rebuilds later.
 */
final class Experiment {

    private Experiment() {
    }

    static int runAndReport(CommandLine.Model.CommandSpec spec, CommonOptions common, ClusterOptions cluster,
                            ExperimentOptions options, Registry registry, ExperimentSpec plan, Path dir, String kind)
            throws IOException {
        boolean wholeRuns = options.distribute == ExperimentOptions.Distribute.runs;
        if (wholeRuns && !cluster.isCluster()) {
            throw new UserInputException("--distribute runs sends runs to a cluster's workers: give --cluster NAME too");
        }
        List<RunSpec> specs = plan.specs();
        Experiments experiments = new Experiments(registry, common.environment());
        specs.forEach(experiments::build);
        Files.createDirectories(dir);
        Path planFile = dir.resolve("experiment.json");
        Files.writeString(planFile, Json.MAPPER.writerWithDefaultPrettyPrinter()
                .forType(ExperimentSpec.class).writeValueAsString(plan) + "\n");
        ResultsFile file = new ResultsFile(dir.resolve("results.jsonl"));
        ExperimentRunner.Outcome outcome;
        try (io.hyperloom.search.optimize.Evaluator shared = cluster.isCluster() ? cluster.evaluator(common.threads()) : null;
             ArmProgress progress = new ArmProgress(System.err, common.quiet)) {
            // on a cluster, runs are limited by the members' threads, not the coordinator's cores
            ExperimentRunner runner;
            if (wholeRuns) {
                RunExecutor workers = (RunExecutor) shared;
                runner = new ExperimentRunner(experiments, file, Math.max(1, workers.parallelRuns()))
                        .distributeRunsTo(workers);
            } else {
                runner = new ExperimentRunner(experiments, file,
                        shared == null ? common.threads() : Math.max(common.threads(), 4), shared);
            }
            PrintWriter err = spec.commandLine().getErr();
            runner.logTo(line -> {
                err.println(line);
                err.flush();
            });
            Map<String, Long> totals = new LinkedHashMap<>();
            for (RunSpec s : specs) {
                totals.merge(label(s, kind, specs), experiments.build(s).budget(), Long::sum);
            }
            totals.forEach(progress::arm);
            outcome = runner.run(specs, s -> {
                String arm = label(s, kind, specs);
                return p -> {
                    progress.listener(arm, s).onProgress(p);
                    if (p.done() >= p.budget()) {
                        progress.finished(arm, s, p.budget());
                    }
                };
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (outcome.skipped() > 0 && !common.quiet) {
            spec.commandLine().getErr().println(outcome.skipped() + " of " + specs.size()
                    + " runs were already recorded in " + file.path() + " and were not rerun");
        }
        report(out, spec.commandLine().getErr(), registry, common.environment(), file, dir, options.score,
                options.threshold, options.format);
        return Hyperloom.OK;
    }

    /** Reads an experiment file of the expected kind; malformed files are the user's to fix (exit 2). */
    static <T extends ExperimentSpec> T readPlan(Path file, Class<T> kind) throws IOException {
        if (!Files.isReadable(file)) {
            throw new UserInputException("cannot read experiment file " + file);
        }
        try {
            ExperimentSpec s = Json.MAPPER.readValue(file.toFile(), ExperimentSpec.class);
            if (!kind.isInstance(s)) {
                throw new UserInputException(file + " describes a different kind of experiment (\"kind\" must be "
                        + (kind == ExperimentSpec.Compare.class ? "compare" : "ablate") + ")");
            }
            return kind.cast(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserInputException(file + " is not an experiment file: " + e.getOriginalMessage(), e);
        }
    }

    /** Prints the table of every record in {@code file} and writes the report into {@code dir}. */
    static void report(PrintWriter out, PrintWriter err, Registry registry, io.hyperloom.search.task.Environment environment,
                       ResultsFile file, Path dir, String score, Double threshold, RunCommand.Format format)
            throws IOException {
        ResultsFile.Contents contents = file.read();
        for (String p : contents.problems()) {
            err.println("warning: " + p);
        }
        List<RunResult> results = contents.results();
        ReportOptions ro = reportOptions(registry, results, score, threshold, contents.problems())
                .withWeightImages(new ReportWeightImages(new Experiments(registry, environment)));
        Map<String, List<RunResult>> byTask = new TreeMap<>();
        for (RunResult r : results) {
            byTask.computeIfAbsent(r.task(), t -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<RunResult>> e : byTask.entrySet()) {
            ComparisonOptions co = ro.comparisonFor(e.getKey());
            List<String> varied = OptionNames.varied(e.getValue());
            if (format == RunCommand.Format.json) {
                Comparison c = Comparison.of(e.getValue(), co);
                out.println(Json.MAPPER.writeValueAsString(Map.of("task", e.getKey(), "rows", c.rows())));
                continue;
            }
            out.println("task " + e.getKey() + " · score " + co.measure().name());
            if (varied.isEmpty()) {
                out.print(Tables.text(Comparison.of(e.getValue(), co)));
            } else {
                out.print(Tables.text(Ablation.of(e.getValue(), varied, co)));
            }
            out.println();
        }
        List<Path> written = Report.write(results, ro, dir);
        if (format != RunCommand.Format.json) {
            out.println("report: " + dir.resolve("report.html") + " (also report.md, table.csv, " + (written.size() - 3)
                    + " plots); results: " + file.path());
        }
        out.flush();
    }

    /** Report options derived from the records alone, so a rebuilt report equals the first one. */
    static ReportOptions reportOptions(Registry registry, List<RunResult> results, String score, Double threshold,
                                       List<String> problems) {
        Map<String, Measure> measures = new LinkedHashMap<>();
        Double t = threshold;
        for (String task : new LinkedHashSet<>(results.stream().map(RunResult::task).toList())) {
            TaskProvider p = registry.tasks().stream().filter(x -> x.name().equals(task)).findFirst().orElse(null);
            String metric = score != null ? score : p == null ? "fitness" : p.primaryMetric();
            Measure m = metric.equals("fitness") ? Measure.fitness()
                    : metric.equals(Measure.EVALUATIONS) ? Measure.lower(metric)
                    : p != null && p.lowerIsBetter(metric) ? Measure.lower(metric) : Measure.higher(metric);
            measures.put(task, m);
            if (t == null && (metric.endsWith("rate") || metric.endsWith("accuracy"))) {
                t = 0.5;
            }
        }
        return ReportOptions.defaults().withMeasures(measures)
                .withComparison(ComparisonOptions.defaults().withThreshold(t)).withNotes(problems);
    }

    /** An arm's label for progress: generator/optimizer, plus the varied settings of an ablation cell. */
    static String label(RunSpec s, String kind, List<RunSpec> all) {
        if (!kind.equals("ablate")) {
            return s.generator() + "/" + s.optimizer();
        }
        StringBuilder sb = new StringBuilder();
        RunSpec first = all.get(0);
        diff(sb, s.taskOptions(), first.taskOptions(), all, RunSpec::taskOptions);
        diff(sb, s.generatorOptions(), first.generatorOptions(), all, RunSpec::generatorOptions);
        diff(sb, s.optimizerOptions(), first.optimizerOptions(), all, RunSpec::optimizerOptions);
        return sb.isEmpty() ? "base" : sb.toString();
    }

    private static void diff(StringBuilder sb, Map<String, String> mine, Map<String, String> first, List<RunSpec> all,
                             java.util.function.Function<RunSpec, Map<String, String>> get) {
        for (Map.Entry<String, String> e : mine.entrySet()) {
            boolean varies = all.stream().anyMatch(x -> !e.getValue().equals(get.apply(x).get(e.getKey())));
            if (varies) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
        }
    }
}
