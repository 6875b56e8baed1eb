package io.hyperloom.cli;

import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hyperloom report RESULTS.jsonl}: the table and the Markdown/HTML report, rebuilt from records alone. */
@Command(name = "report", description = "Rebuild the table and the Markdown and HTML report (with plots and table.csv) "
        + "from a results file alone.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RESULTS.jsonl", description = "a results file written by run, compare or ablate")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: the results file's folder)")
    Path out;

    @Option(names = "--score", paramLabel = "METRIC", description = "the metric compared (default: each task's primary metric); evaluations ranks runs by the evaluations they needed (a solved run up to its first solving candidate, an unsolved run its budget)")
    String score;

    @Option(names = "--threshold", paramLabel = "X", description = "report evaluations to reach this score (default: 0.5 for rates/accuracies)")
    Double threshold;

    @Option(names = "--format", defaultValue = "text", description = "table format: ${COMPLETION-CANDIDATES}")
    RunCommand.Format format;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(results)) {
            throw new UserInputException("no results file at " + results);
        }
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Experiment.report(spec.commandLine().getOut(), spec.commandLine().getErr(), Registry.load(),
                common.environment(), new ResultsFile(results), dir, score, threshold, format);
        return Hyperloom.OK;
    }
}
