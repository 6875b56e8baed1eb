package io.hyperloom.search.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path images(String name, int count, byte[] pixels, boolean gz) throws IOException {
        byte[] raw = TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {count, 4, 3}, pixels);
        return write(name, gz ? TestData.gzip(raw) : raw);
    }

    private Path labels(String name, byte[] labels, boolean gz) throws IOException {
        byte[] raw = TestData.idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, labels);
        return write(name, gz ? TestData.gzip(raw) : raw);
    }

    private static byte[] pixels(int count) {
        byte[] p = new byte[count * 12];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 37);
        }
        return p;
    }

    @Test
    void readsGzippedAndPlainFilesAlike() throws IOException {
        byte[] p = pixels(5);
        byte[] l = {3, 1, 4, 1, 5};
        for (boolean gz : new boolean[] {true, false}) {
            String ext = gz ? ".gz" : "";
            ImageSet set = IdxReader.read(images("i" + ext, 5, p, gz), null, labels("l" + ext, l, gz), null);
            assertEquals(5, set.size());
            assertEquals(4, set.rows());
            assertEquals(3, set.cols());
            assertEquals(4, set.label(2));
            assertEquals(p[12 * 3 + 2 * 3 + 1] & 0xFF, set.pixel(3, 2, 1));
            double[] out = new double[14];
            set.copyScaled(4, out, 2);
            for (int k = 0; k < 12; k++) {
                assertEquals((p[48 + k] & 0xFF) / 255.0, out[2 + k], 1e-15);
            }
            assertEquals(0.0, out[0]);
            assertEquals(List.of(5, 4, 3), IdxReader.header(dir.resolve("i" + ext)).dimensions());
            assertEquals(IdxReader.LABELS_MAGIC, IdxReader.header(dir.resolve("l" + ext)).magic());
        }
    }

    @Test
    void checksIdxFilesAgainstTheirSha256() throws IOException {
        Path i = images("i.gz", 2, pixels(2), true);
        Path l = labels("l.gz", new byte[] {0, 1}, true);
        ImageSet ok = IdxReader.read(i, Checksums.sha256(i), l, Checksums.sha256(l));
        assertEquals(2, ok.size());
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> IdxReader.read(i, "0".repeat(64), l, null));
        assertTrue(e.getMessage().contains("i.gz") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(i, e.file());
    }

    @Test
    void rejectsAWrongMagicNumberNamingTheFile() throws IOException {
        Path l = labels("l.gz", new byte[] {0, 1}, true);
        // a label file given where images are expected
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(l, null, l, null));
        assertTrue(e.getMessage().contains("l.gz") && e.getMessage().contains("2049")
                && e.getMessage().contains("2051"), e.getMessage());
        Path bad = write("bad.gz", TestData.gzip(TestData.idx(0x0803_0000, new int[] {1}, new byte[0])));
        assertThrows(CorruptDataException.class, () -> IdxReader.header(bad));
    }

    @Test
    void rejectsATruncatedBody() throws IOException {
        byte[] p = pixels(3);
        Path i = write("i.gz", TestData.gzip(TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 3},
                Arrays.copyOf(p, 30))));
        Path l = labels("l.gz", new byte[] {0, 1, 2}, true);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(i, null, l, null));
        assertTrue(e.getMessage().contains("i.gz") && e.getMessage().contains("truncated")
                && e.getMessage().contains("30"), e.getMessage());
    }

    @Test
    void rejectsATruncatedGzipStream() throws IOException {
        byte[] gz = TestData.gzip(TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {50, 4, 3}, pixels(50)));
        Path i = write("i.gz", Arrays.copyOf(gz, gz.length / 2));
        Path l = labels("l.gz", new byte[50], true);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(i, null, l, null));
        assertTrue(e.getMessage().contains("i.gz"), e.getMessage());
    }

    @Test
    void rejectsExtraBytesAfterTheAnnouncedData() throws IOException {
        Path i = write("i", TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 4, 3}, pixels(3)));
        Path l = labels("l", new byte[] {0, 1}, false);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(i, null, l, null));
        assertTrue(e.getMessage().contains("extra bytes"), e.getMessage());
    }

    @Test
    void rejectsImageAndLabelCountsThatDisagree() throws IOException {
        Path i = images("i.gz", 3, pixels(3), true);
        Path l = labels("l.gz", new byte[] {0, 1}, true);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(i, null, l, null));
        assertTrue(e.getMessage().contains("l.gz") && e.getMessage().contains("2 labels")
                && e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void rejectsLabelsOutsideTheTenClasses() throws IOException {
        Path i = images("i.gz", 2, pixels(2), true);
        Path l = labels("l.gz", new byte[] {0, 10}, true);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> IdxReader.read(i, null, l, null));
        assertTrue(e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void slicesShareStorageAndCheckBounds() throws IOException {
        ImageSet set = IdxReader.read(images("i", 5, pixels(5), false), null,
                labels("l", new byte[] {0, 1, 2, 3, 4}, false), null);
        ImageSet tail = set.slice(3, 2);
        assertEquals(2, tail.size());
        assertEquals(3, tail.label(0));
        assertEquals(set.pixel(4, 1, 1), tail.pixel(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> set.slice(4, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.label(2));
    }
}
