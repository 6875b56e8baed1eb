package io.hyperloom.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options shared by compare and ablate (a picocli mixin). */
final class ExperimentOptions {

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "seeds per arm or cell, 1..N (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--budget", paramLabel = "N", description = "evaluations per run for evolution (default: 5000 on boxes, else the task's)")
    Long budget;

    @Option(names = "--steps", paramLabel = "N", description = "gradient steps per run for gradient optimizers (default: budget/4 on boxes, "
            + "about the same compute as the evaluations: one full-batch step ≈ 3 forward passes + one monitoring evaluation)")
    Long steps;

    @Option(names = {"-o", "--option"}, paramLabel = "NAME.OPTION=VALUE",
            description = "an option for every run that has that task, generator or optimizer, e.g. -o boxes.size=11 -o dct.coefficients=64")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "experiment folder: results.jsonl, report.md, report.html, table.csv "
            + "(default: results/<command>-<task>)")
    Path out;

    @Option(names = "--score", paramLabel = "METRIC", description = "the metric compared (default: the task's primary metric, e.g. hit_rate); evaluations ranks runs by the evaluations they needed (a solved run up to its first solving candidate, an unsolved run its budget)")
    String score;

    @Option(names = "--threshold", paramLabel = "X", description = "report evaluations to reach this score (default: 0.5 for rates/accuracies)")
    Double threshold;

    @Option(names = "--format", defaultValue = "text", description = "table format: ${COMPLETION-CANDIDATES}")
    RunCommand.Format format;

    /** What goes to the workers of a --cluster. */
    enum Distribute { candidates, runs }

    @Option(names = "--distribute", defaultValue = "candidates",
            description = "with --cluster: candidates (each generation's evaluations go to the workers; runs are driven "
                    + "here) or runs (every run goes whole to a worker thread: for grids of many runs, gradient runs "
                    + "included, and large θ); default: ${DEFAULT-VALUE}")
    Distribute distribute;
}
