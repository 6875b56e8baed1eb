package io.hyperloom.search.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The state of one dataset file after {@link DataFetcher#verify} or {@link DataFetcher#fetch}.
 *
 * @param actualSha256 the file's SHA-256 where it was computed, else null
 */
public record FileCheck(DatasetFile file, Path path, Status status, String actualSha256) {

    public enum Status {
        /** Present with the catalog's checksum (already there before a fetch). */
        OK,
        /** Downloaded by this fetch and verified. */
        FETCHED,
        /** Not in the data directory. */
        MISSING,
        /** Present with a different checksum. */
        CORRUPT
    }

    public FileCheck {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
    }

    public boolean isGood() {
        return status == Status.OK || status == Status.FETCHED;
    }

    /** One line for the console, e.g. {@code corrupt  mnist/t10k-labels-idx1-ubyte.gz (sha256 …)}. */
    public String describe() {
        return switch (status) {
            case OK -> "ok       " + path;
            case FETCHED -> "fetched  " + path;
            case MISSING -> "missing  " + path;
            case CORRUPT -> "corrupt  " + path + " (SHA-256 " + actualSha256 + ", expected " + file.sha256() + ")";
        };
    }
}
