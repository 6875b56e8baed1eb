package io.hyperloom.search.task;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run finds what is not part of its spec: the data directory. Results never depend on it
 * beyond the files it holds (which are checked by checksum). Datasets live at
 * {@code <dataDir>/<dataset>/<file>}.
 */
public record Environment(Path dataDir) {

    /** The environment variable naming the data directory when {@code --data-dir} is not given. */
    public static final String DATA_ENV = "HYPERLOOM_DATA";

    public Environment {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** {@code HYPERLOOM_DATA}, else {@code ~/.hyperloom/data}. */
    public static Environment fromSystem() {
        return fromSystem(System.getenv(), System.getProperty("user.home"));
    }

    /** {@code dataDir} when given (e.g. {@code --data-dir}), else {@link #fromSystem()}. */
    public static Environment resolve(Path dataDir) {
        return dataDir != null ? new Environment(dataDir) : fromSystem();
    }

    /** {@code env.get(HYPERLOOM_DATA)} when set and not blank, else {@code <userHome>/.hyperloom/data}. */
    public static Environment fromSystem(Map<String, String> env, String userHome) {
        String v = env.get(DATA_ENV);
        if (v != null && !v.isBlank()) {
            return new Environment(Path.of(v));
        }
        return new Environment(Path.of(userHome, ".hyperloom", "data"));
    }
}
