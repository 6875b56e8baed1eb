package io.hyperloom.search.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files and datasets made by tests. */
public final class TestData {

    private TestData() {
    }

    /** IDX bytes: {@code magic}, the header ints, then {@code body}. */
    public static byte[] idx(int magic, int[] header, byte[] body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(magic);
            for (int h : header) {
                out.writeInt(h);
            }
            out.write(body);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(raw);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} 28×28 images: image i has a 3×3 blob of value 10·(i%25)+5 at a position
     * derived from i, inside a blank border of at least 2 pixels; label i % 10.
     */
    public static byte[][] images(int count, int side) {
        byte[] pixels = new byte[count * side * side];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int r0 = 2 + (i * 7) % (side - 6);
            int c0 = 2 + (i * 3) % (side - 6);
            for (int r = r0; r < r0 + 3; r++) {
                for (int c = c0; c < c0 + 3; c++) {
                    pixels[i * side * side + r * side + c] = (byte) (10 * (i % 25) + 5 + r - r0);
                }
            }
            labels[i] = (byte) (i % 10);
        }
        return new byte[][] {pixels, labels};
    }

    /**
     * Writes an MNIST-layout dataset named {@code name} (four gzipped IDX files of 28×28 images)
     * under {@code dataDir/name} and returns its catalog entry with the files' real checksums.
     */
    public static Dataset writeIdxDataset(Path dataDir, String name, int train, int test) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve(name));
        byte[][] tr = images(train, 28);
        byte[][] te = images(test, 28);
        byte[][] contents = {
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {train, 28, 28}, tr[0])),
                gzip(idx(IdxReader.LABELS_MAGIC, new int[] {train}, tr[1])),
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {test, 28, 28}, te[0])),
                gzip(idx(IdxReader.LABELS_MAGIC, new int[] {test}, te[1]))};
        String[] names = {DatasetCatalog.TRAIN_IMAGES, DatasetCatalog.TRAIN_LABELS, DatasetCatalog.TEST_IMAGES,
                DatasetCatalog.TEST_LABELS};
        java.util.List<DatasetFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Files.write(dir.resolve(names[i]), contents[i]);
            files.add(new DatasetFile(names[i], java.net.URI.create("http://127.0.0.1:1/" + names[i]),
                    Checksums.sha256(contents[i])));
        }
        return new Dataset(name, "test data", "made by the test", files);
    }

    /** The directory holding {@code shared/data/mnist}, found by walking up from the working directory, or null. */
    public static Path sharedData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("mnist"))) {
                return candidate;
            }
        }
        return null;
    }
}
