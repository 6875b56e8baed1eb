package io.hyperloom.cli.report;

import io.hyperloom.search.experiment.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The hook through which a report shows the generated weight tensors of each arm's best run.
 * The report does not depend on a renderer; the CLI adapts {@code io.hyperloom.search.render.WeightImages}
 * to this interface once it exists and passes it in {@link ReportOptions#weightImages()}.
 */
@FunctionalInterface
public interface WeightImageRenderer {

    /**
     * Writes PNG images of the run's generated weight tensors into {@code dir}, each file name
     * starting with {@code prefix}, and returns the files written in display order (the report
     * links them from Markdown and embeds them in the HTML). Must be deterministic: the same run
     * gives the same bytes.
     *
     * @throws IOException if an image cannot be written
     */
    List<Path> write(RunResult run, Path dir, String prefix) throws IOException;
}
