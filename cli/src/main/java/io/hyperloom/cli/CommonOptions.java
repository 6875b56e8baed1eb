package io.hyperloom.cli;

import io.hyperloom.search.task.Environment;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every running command shares (a picocli mixin). */
public final class CommonOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where datasets are (default: $HYPERLOOM_DATA, else ~/.hyperloom/data)")
    Path dataDir;

    @Option(names = "--threads", paramLabel = "N",
            description = "evaluation threads (default: all cores); results do not depend on it")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress output")
    boolean quiet;

    Environment environment() {
        return dataDir != null ? new Environment(dataDir) : Environment.fromSystem();
    }

    int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        return n;
    }
}
