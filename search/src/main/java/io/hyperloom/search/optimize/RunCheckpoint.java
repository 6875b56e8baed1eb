package io.hyperloom.search.optimize;

import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.task.Score;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A run's state at its last saved monitoring point (every one, or with a minimum interval the
 * last one that far after the previous save), on disk, so a run killed midway (even by SIGKILL)
 * continues from there instead of from the start: the {@link Search}'s own state (counters, curve,
 * best score and genome, the first solver's position, reported metrics, elapsed time) and the
 * optimizer's ({@link State}: θ, Adam's moments, the step, the epoch position). Gradient optimizers use it through
 * {@link Search#checkpoint} and {@link Search#restore}; evolution needs only the
 * {@link EvaluationJournal}.
 *
 * <p>How it works:
 * <ol>
 *   <li>{@link #save} serialises everything into one buffer: a magic word and format version, a
 *       small JSON header (the run id, i.e. the spec hash, the step, and the first solver's
 *       position once there is one), the search state and the optimizer's named fields, doubles
 *       as their raw bits so they round-trip exactly, and a CRC32C of all of it at the end.</li>
 *   <li>The buffer goes to {@code <path>.tmp}, which is forced to disk; the current checkpoint is
 *       renamed to {@code <path>.prev} and the new one renamed into place (atomic renames), so a
 *       kill at any moment leaves at least one complete checkpoint.</li>
 *   <li>{@link #load} tries {@code <path>}, then {@code <path>.prev}: a file whose checksum or
 *       structure is wrong (a cut write, a damaged disk) is reported and skipped, never used; a
 *       complete checkpoint whose run id is not this run's is refused with an
 *       {@link IllegalArgumentException}, since continuing from it would silently mix two runs.</li>
 * </ol>
 * Run-scoped, used from the optimizer's thread.
 */
public final class RunCheckpoint {

    private static final byte[] MAGIC = "HLCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Path path;
    private final String run;
    private final Consumer<String> log;
    private final List<String> problems = new ArrayList<>();
    private long resumedStep = -1;
    private int saves;
    private final long minIntervalNanos;
    private long lastSave;

    /**
     * How far apart the commands space a run's saves. Each save writes the whole curve, so saving
     * at every monitoring point of a cheap run grows quadratically: boxes, hypernet, Adam, 1,250
     * steps spent most of its 4.8 s in checkpoints. A kill then repeats at most this much work.
     */
    public static final Duration EVERY = Duration.ofSeconds(2);

    /**
     * @param path where the checkpoint lives ({@code .prev} and {@code .tmp} siblings are used too)
     * @param run  the run's id (its spec hash): a checkpoint of another id is refused
     * @param log  told, in one line each, when the run resumes and when a checkpoint is ignored
     */
    public RunCheckpoint(Path path, String run, Consumer<String> log) {
        this(path, run, log, Duration.ZERO);
    }

    /**
     * @param minInterval a save comes at least this long after the previous one (the first always
     *                    happens); zero saves at every monitoring point
     */
    public RunCheckpoint(Path path, String run, Consumer<String> log, Duration minInterval) {
        this.path = Objects.requireNonNull(path, "path");
        this.run = Objects.requireNonNull(run, "run");
        this.log = Objects.requireNonNull(log, "log");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
    }

    public RunCheckpoint(Path path, String run) {
        this(path, run, m -> { });
    }

    public Path path() {
        return path;
    }

    /** Checkpoints that were found damaged and ignored, one message each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The step the run resumed from, if {@link #load} found a checkpoint. */
    public OptionalLong resumedStep() {
        return resumedStep < 0 ? OptionalLong.empty() : OptionalLong.of(resumedStep);
    }

    /** Checkpoints written by this object. */
    public int saves() {
        return saves;
    }

    /** Removes the checkpoint (and its previous one) once the run's record is safely stored. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(sibling(".prev"));
            Files.deleteIfExists(sibling(".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + path, e);
        }
    }

    private Path sibling(String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    /**
     * An optimizer's state: named longs and arrays, copied in and out. Mutable, filled by the
     * optimizer before {@link Search#checkpoint} and read back after {@link Search#restore}.
     */
    public static final class State {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        public State put(String name, long value) {
            fields.put(name, value);
            return this;
        }

        public State put(String name, double[] values) {
            fields.put(name, values.clone());
            return this;
        }

        public State put(String name, int[] values) {
            fields.put(name, values.clone());
            return this;
        }

        public boolean has(String name) {
            return fields.containsKey(name);
        }

        public long longValue(String name) {
            return (Long) field(name, Long.class);
        }

        /** A copy of the array {@code name}. */
        public double[] doubles(String name) {
            return ((double[]) field(name, double[].class)).clone();
        }

        /** Copies the array {@code name} into {@code into}, which must have its length. */
        public void copyInto(String name, double[] into) {
            double[] v = (double[]) field(name, double[].class);
            if (v.length != into.length) {
                throw new IllegalArgumentException("checkpoint field " + name + " has " + v.length
                        + " numbers, the run needs " + into.length + " (a checkpoint of another configuration?)");
            }
            System.arraycopy(v, 0, into, 0, v.length);
        }

        public int[] ints(String name) {
            return ((int[]) field(name, int[].class)).clone();
        }

        private Object field(String name, Class<?> type) {
            Object v = fields.get(name);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("checkpoint has no " + type.getSimpleName() + " field '" + name
                        + "'; it has " + fields.keySet());
            }
            return v;
        }
    }

    /** What {@link #load} found: the search's state and the optimizer's. */
    static final class Restored {
        final long evaluations;
        /** The search's {@link Search#solvedAt}, 0 if unsolved or the checkpoint predates the field. */
        final long solvedAt;
        final long steps;
        final long examples;
        final double seconds;
        final String stopReason;
        final Score bestScore;
        final double[] bestGenome;
        final List<CurvePoint> curve;
        final Map<String, Double> reportedMetrics;
        final State optimizer;

        private Restored(long evaluations, long solvedAt, long steps, long examples, double seconds,
                         String stopReason, Score bestScore, double[] bestGenome, List<CurvePoint> curve,
                         Map<String, Double> reportedMetrics, State optimizer) {
            this.evaluations = evaluations;
            this.solvedAt = solvedAt;
            this.steps = steps;
            this.examples = examples;
            this.seconds = seconds;
            this.stopReason = stopReason;
            this.bestScore = bestScore;
            this.bestGenome = bestGenome;
            this.curve = curve;
            this.reportedMetrics = reportedMetrics;
            this.optimizer = optimizer;
        }
    }

    /**
     * Writes the search's and the optimizer's state atomically (see the class comment), unless the
     * last save is more recent than the minimum interval.
     */
    void save(Search search, State optimizer) {
        if (saves > 0 && System.nanoTime() - lastSave < minIntervalNanos) {
            return;
        }
        Object genome = search.bestGenome();
        if (genome != null && !(genome instanceof double[])) {
            throw new IllegalStateException("run checkpoints hold θ genomes (double[]) only, not "
                    + genome.getClass().getSimpleName());
        }
        byte[] bytes;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeInt(VERSION);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("run", run);
            header.put("step", search.steps());
            // In the header, not the binary body, so the format version stays and older checkpoints still load.
            search.solvedAt().ifPresent(at -> header.put("solved_at", at));
            byte[] json = Json.MAPPER.writeValueAsBytes(header);
            out.writeInt(json.length);
            out.write(json);
            out.writeLong(search.evaluations());
            out.writeLong(search.steps());
            out.writeLong(search.examples());
            out.writeDouble(search.seconds());
            writeNullable(out, search.stopReason());
            Score best = search.bestScore();
            out.writeBoolean(best != null);
            if (best != null) {
                out.writeDouble(best.fitness());
                writeMetrics(out, best.metrics());
                out.writeByte(best.solved() == null ? 0 : best.solved() ? 2 : 1);
            }
            writeDoubles(out, (double[]) genome);
            List<CurvePoint> curve = search.curve();
            out.writeInt(curve.size());
            for (CurvePoint p : curve) {
                out.writeLong(p.evaluations());
                out.writeLong(p.steps());
                out.writeDouble(p.seconds());
                out.writeDouble(p.best());
                out.writeDouble(p.mean());
                writeMetrics(out, p.metrics());
            }
            writeMetrics(out, search.reportedMetrics());
            out.writeInt(optimizer.fields.size());
            for (Map.Entry<String, Object> f : optimizer.fields.entrySet()) {
                out.writeUTF(f.getKey());
                switch (f.getValue()) {
                    case Long l -> {
                        out.writeByte('L');
                        out.writeLong(l);
                    }
                    case double[] d -> {
                        out.writeByte('D');
                        writeDoubles(out, d);
                    }
                    case int[] a -> {
                        out.writeByte('I');
                        out.writeInt(a.length);
                        for (int x : a) {
                            out.writeInt(x);
                        }
                    }
                    default -> throw new IllegalStateException("unknown field type " + f.getValue().getClass());
                }
            }
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(buffer.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            bytes = buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(bytes);
        saves++;
        lastSave = System.nanoTime();
    }

    private void write(byte[] bytes) {
        Path tmp = sibling(".tmp");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            if (Files.exists(path)) {
                move(path, sibling(".prev"));
            }
            move(tmp, path);
            forceDirectory(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the renames durable where the platform allows it (Linux does; others may not). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported here (e.g. Windows): the renames are still atomic, only maybe not yet durable
        }
    }

    /**
     * The last good checkpoint, or empty to start from scratch. Damaged files are reported in
     * {@link #problems()} and skipped.
     *
     * @throws IllegalArgumentException if a complete checkpoint belongs to another run
     */
    Optional<Restored> load() {
        for (Path p : List.of(path, sibling(".prev"))) {
            if (!Files.exists(p)) {
                continue;
            }
            Restored r;
            try {
                r = read(p);
            } catch (Refused e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                String problem = "ignored damaged checkpoint " + p + " (" + e.getMessage() + ")";
                problems.add(problem);
                log.accept(problem);
                continue;
            }
            resumedStep = r.steps;
            log.accept("resumed from checkpoint at step " + r.steps + " (" + r.evaluations + " evaluations) "
                    + p.getFileName());
            return Optional.of(r);
        }
        return Optional.empty();
    }

    /** A complete checkpoint of another run. */
    private static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private Restored read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not a hyperloom checkpoint, or cut short: " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IOException("checksum mismatch: cut short or corrupt");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length,
                bytes.length - 4 - MAGIC.length));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("format version " + version + ", this build reads " + VERSION);
        }
        int jsonLength = in.readInt();
        if (jsonLength < 0 || jsonLength > in.available()) {
            throw new IOException("header of " + jsonLength + " bytes does not fit");
        }
        byte[] json = new byte[jsonLength];
        in.readFully(json);
        Map<?, ?> header = Json.MAPPER.readValue(json, Map.class);
        if (!run.equals(header.get("run"))) {
            throw new Refused("checkpoint " + p + " belongs to run " + header.get("run") + ", not to this run " + run
                    + "; refusing to continue from it (delete it to start this run from scratch)");
        }
        long solvedAt = header.get("solved_at") instanceof Number n ? n.longValue() : 0;
        long evaluations = in.readLong();
        long steps = in.readLong();
        long examples = in.readLong();
        double seconds = in.readDouble();
        String stopReason = readNullable(in);
        Score best = null;
        if (in.readBoolean()) {
            double fitness = in.readDouble();
            Map<String, Double> metrics = readMetrics(in);
            byte solved = in.readByte();
            best = new Score(fitness, metrics, solved == 0 ? null : solved == 2);
        }
        double[] genome = readDoubles(in);
        int points = in.readInt();
        List<CurvePoint> curve = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            curve.add(new CurvePoint(in.readLong(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                    readMetrics(in)));
        }
        Map<String, Double> reported = readMetrics(in);
        State state = new State();
        int fields = in.readInt();
        for (int i = 0; i < fields; i++) {
            String name = in.readUTF();
            int type = in.readByte();
            switch (type) {
                case 'L' -> state.fields.put(name, in.readLong());
                case 'D' -> state.fields.put(name, readDoubles(in));
                case 'I' -> {
                    int length = in.readInt();
                    if (length < 0 || length > in.available() / 4) {
                        throw new IOException("an array of " + length + " ints does not fit in what is left");
                    }
                    int[] a = new int[length];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = in.readInt();
                    }
                    state.fields.put(name, a);
                }
                default -> throw new IOException("unknown field type " + type + " of " + name);
            }
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " unexpected bytes after the last field");
        }
        return new Restored(evaluations, solvedAt, steps, examples, seconds, stopReason, best, genome, curve, reported,
                state);
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeMetrics(DataOutputStream out, Map<String, Double> metrics) throws IOException {
        out.writeInt(metrics.size());
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readMetrics(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readDouble());
        }
        return m;
    }

    /** Length (−1 for null) then raw bits: exact, NaN payloads included. */
    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        b.asDoubleBuffer().put(values);
        out.write(b.array());
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available() / 8) {
            throw new IOException("an array of " + n + " doubles does not fit in what is left");
        }
        byte[] raw = new byte[n * 8];
        in.readFully(raw);
        double[] v = new double[n];
        ByteBuffer.wrap(raw).asDoubleBuffer().get(v);
        return v;
    }
}
