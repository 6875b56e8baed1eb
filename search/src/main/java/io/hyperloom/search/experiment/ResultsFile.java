package io.hyperloom.search.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON Lines results file: one {@link RunResult} per line, appended as runs finish.
 *
 * <p>Appends write the whole line with one write and force it to disk, so a run killed midway
 * leaves at worst a truncated last line; {@link #read} reports such a line and skips it, and
 * reports (never silently drops) any other line that is not a record.
 */
public final class ResultsFile {

    private final Path path;

    public ResultsFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /** Appends one record as one line (creating the file and its folder if needed). */
    public synchronized void append(RunResult result) throws IOException {
        byte[] line = (Json.MAPPER.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        repairTail();
        try (var ch = java.nio.channels.FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line));
            ch.force(true);
        }
    }

    /** A file cut mid-line by a kill gets a newline, so the next record starts on a line of its own. */
    private void repairTail() throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return;
        }
        try (var ch = java.nio.channels.FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            if (last.get(0) != '\n') {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), ch.size());
            }
        }
    }

    /** What {@link #read} found: the records, and a message per line that was not one. */
    public record Contents(List<RunResult> results, List<String> problems) {
        public Contents {
            results = List.copyOf(results);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads every record.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if no line at all is a record (the file is not a results file)
     */
    public Contents read() throws IOException {
        if (!Files.exists(path)) {
            throw new java.io.FileNotFoundException("no results file at " + path);
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<RunResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                results.add(Json.MAPPER.readValue(line, RunResult.class));
            } catch (JsonProcessingException e) {
                boolean last = i == lines.size() - 1;
                problems.add(path + ":" + (i + 1) + ": " + (last ? "truncated last line (a run killed while writing?), skipped"
                        : "not a run record, skipped: " + e.getOriginalMessage()));
            }
        }
        if (results.isEmpty() && !problems.isEmpty()) {
            throw new IllegalArgumentException(path + " is not a hyperloom results file (JSON Lines of run records): "
                    + problems.get(0));
        }
        return new Contents(results, problems);
    }

    /** Writes records to a stream, one per line (for {@code --format json}). */
    public static void write(RunResult result, OutputStream out) throws IOException {
        out.write((Json.MAPPER.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
