package io.hyperloom.search.optimize;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.task.Score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's checkpoint: the scores of every evaluated generation, appended as the run goes.
 *
 * <p>How it works: a run is deterministic given its spec and seed, so a run restarted after a
 * kill proposes exactly the same candidates again. {@link Search#evaluate} asks the journal
 * first and takes the stored scores of a generation it has already seen, evaluating only what
 * is new; the restarted run therefore ends with the numbers it would have had, and no
 * evaluation done before the kill is repeated. Each line is one generation, appended as the
 * generation ends; a killed process loses none of them, since the page cache outlives it. Lines
 * are forced to disk at most every {@link RunCheckpoint#EVERY}, which bounds what an
 * operating-system crash can take (forcing every line cost a cheap run more than its
 * evaluations). A line cut short is ignored. A digest of the candidates guards against a journal that
 * belongs to another run.
 *
 * <p>Run-scoped, used from the optimizer's thread.
 */
public final class EvaluationJournal {

    private record Entry(long generation, long digest, List<Score> scores) {
    }

    private final Path path;
    private boolean forced;
    private long lastForced;
    private final Map<String, Entry> entries = new HashMap<>();
    private int replayed;

    /** Opens (or starts) the journal at {@code path}, loading what an earlier attempt wrote. */
    public EvaluationJournal(Path path) {
        this.path = path;
        if (Files.exists(path)) {
            try {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Entry e = Json.MAPPER.readValue(line, new TypeReference<Entry>() { });
                        entries.put(key(e.generation(), e.digest()), e);
                    } catch (IOException cut) {
                        // a line cut by a kill: that generation is evaluated again
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + path, e);
            }
        }
    }

    /** The stored scores of {@code generation}, if its candidates match; else null. */
    List<Score> lookup(long generation, long digest, int count) {
        Entry e = entries.get(key(generation, digest));
        if (e == null || e.scores().size() != count) {
            return null;
        }
        replayed += count;
        return e.scores();
    }

    void store(long generation, long digest, List<Score> scores) {
        Entry e = new Entry(generation, digest, scores);
        entries.put(key(generation, digest), e);
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            byte[] line = (Json.MAPPER.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
                long now = System.nanoTime();
                if (!forced || now - lastForced >= RunCheckpoint.EVERY.toNanos()) {
                    ch.force(false);
                    forced = true;
                    lastForced = now;
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write checkpoint " + path, ex);
        }
    }

    private static String key(long generation, long digest) {
        return generation + ":" + digest;
    }

    /** Evaluations answered from the journal instead of being recomputed. */
    public int replayed() {
        return replayed;
    }

    /** Removes the journal once the run's record is safely stored. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A digest of candidate genomes: exact for θ vectors, their own for {@link Digestible}s, by string form otherwise. */
    static <G> long digest(List<G> candidates) {
        long h = 0x9E3779B97F4A7C15L;
        for (G g : candidates) {
            if (g instanceof double[] theta) {
                for (double v : theta) {
                    h = h * 31 + Double.doubleToLongBits(v);
                }
            } else if (g instanceof Digestible d) {
                h = h * 31 + d.digest();
            } else {
                h = h * 31 + String.valueOf(g).hashCode();
            }
            h = Long.rotateLeft(h, 7);
        }
        return h;
    }
}
