package io.hyperloom.search.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Image sets already read and verified in this process, by the identity of their two files (path,
 * size, modification time, file key) and the checksums they were verified against. Building the
 * runs of a comparison builds its dataset task once per arm and seed, several times over; without
 * this each build read and hashed MNIST's 55 MB again (about a second each). A file that changes
 * on disk has another identity and is read, and checked, again. Sets are softly held, so memory
 * pressure drops them and they are read again when needed. Thread-safe: runs built at the same
 * time read a set once.
 */
public final class ImageSetCache {

    private static final Map<List<Object>, Slot> SETS = new ConcurrentHashMap<>();

    private static final class Slot {
        private SoftReference<ImageSet> set = new SoftReference<>(null);
    }

    private ImageSetCache() {
    }

    /** {@link IdxReader#read}, once per identity of the two files. */
    public static ImageSet read(Path images, String imagesSha256, Path labels, String labelsSha256) throws IOException {
        List<Object> key;
        try {
            key = List.of(identity(images), String.valueOf(imagesSha256), identity(labels), String.valueOf(labelsSha256));
        } catch (IOException e) {
            // unreadable attributes (a missing file): the reader gives the error it always gives
            return IdxReader.read(images, imagesSha256, labels, labelsSha256);
        }
        Slot slot = SETS.computeIfAbsent(key, k -> new Slot());
        synchronized (slot) {
            ImageSet s = slot.set.get();
            if (s == null) {
                s = IdxReader.read(images, imagesSha256, labels, labelsSha256);
                slot.set = new SoftReference<>(s);
            }
            return s;
        }
    }

    private static List<Object> identity(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(file.toAbsolutePath().normalize().toString(), a.size(),
                a.lastModifiedTime().to(TimeUnit.NANOSECONDS), String.valueOf(a.fileKey()));
    }
}
