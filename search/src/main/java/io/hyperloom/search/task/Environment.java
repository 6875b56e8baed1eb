package io.hyperloom.search.task;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run finds what is not part of its spec: the data directory. Results never depend on it
 * beyond the files it holds (which are checked by checksum).
 */
public record Environment(Path dataDir) {

    public Environment {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** {@code HYPERLOOM_DATA}, else {@code ~/.hyperloom/data}. */
    public static Environment fromSystem() {
        String env = System.getenv("HYPERLOOM_DATA");
        if (env != null && !env.isBlank()) {
            return new Environment(Path.of(env));
        }
        return new Environment(Path.of(System.getProperty("user.home"), ".hyperloom", "data"));
    }
}
