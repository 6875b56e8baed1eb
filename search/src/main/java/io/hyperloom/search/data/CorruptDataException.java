package io.hyperloom.search.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file exists but is not what it should be: wrong magic number, truncated, inconsistent
 * counts, or a SHA-256 that differs from the catalog's. The message names the file. Callers map
 * it to "bad input" (exit code 2) rather than an I/O failure.
 */
public class CorruptDataException extends IOException {

    private final transient Path file;

    public CorruptDataException(Path file, String what) {
        super(file + ": " + what);
        this.file = file;
    }

    public CorruptDataException(Path file, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
