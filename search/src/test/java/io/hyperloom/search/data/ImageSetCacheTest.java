package io.hyperloom.search.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A dataset is read and verified once per identity of its files, and again once they change. */
class ImageSetCacheTest {

    private static Path[] write(Path dir, int count) throws IOException {
        byte[][] set = TestData.images(count, 28);
        Path images = dir.resolve("images.idx");
        Path labels = dir.resolve("labels.idx");
        Files.write(images, TestData.idx(IdxReader.IMAGES_MAGIC, new int[] {count, 28, 28}, set[0]));
        Files.write(labels, TestData.idx(IdxReader.LABELS_MAGIC, new int[] {count}, set[1]));
        return new Path[] {images, labels};
    }

    @Test
    void theSameFilesGiveTheSameSetWithoutReadingThemAgain(@TempDir Path dir) throws IOException {
        Path[] f = write(dir, 12);
        String sha = Checksums.sha256(Files.readAllBytes(f[0]));
        ImageSet first = ImageSetCache.read(f[0], sha, f[1], null);
        assertSame(first, ImageSetCache.read(f[0], sha, f[1], null));
        assertEquals(12, first.size());
    }

    @Test
    void aFileThatChangesIsReadAndCheckedAgain(@TempDir Path dir) throws IOException {
        Path[] f = write(dir, 12);
        String sha = Checksums.sha256(Files.readAllBytes(f[0]));
        ImageSet before = ImageSetCache.read(f[0], sha, f[1], null);
        // same size, one pixel changed, a later modification time: the old checksum must now fail
        byte[] bytes = Files.readAllBytes(f[0]);
        bytes[bytes.length - 1] ^= 1;
        Files.write(f[0], bytes);
        Files.setLastModifiedTime(f[0], FileTime.fromMillis(Files.getLastModifiedTime(f[0]).toMillis() + 5_000));
        assertThrows(CorruptDataException.class, () -> ImageSetCache.read(f[0], sha, f[1], null));
        ImageSet after = ImageSetCache.read(f[0], Checksums.sha256(bytes), f[1], null);
        assertEquals(before.size(), after.size());
        assertEquals(false, before == after);
    }

    @Test
    void aMissingFileGivesTheReadersError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> ImageSetCache.read(dir.resolve("none.idx"), null, dir.resolve("nl.idx"), null));
    }
}
