package io.hyperloom.search.data;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One file of a dataset: its name inside {@code <dataDir>/<dataset>/}, the URL it is published
 * at, and its SHA-256 as stored (the gzipped bytes for {@code .gz} files).
 */
public record DatasetFile(String name, URI url, String sha256) {

    public DatasetFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("file name '" + name + "' must be a plain name without a path");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of " + name + " must be 64 hex digits, got '" + sha256 + "'");
        }
    }
}
