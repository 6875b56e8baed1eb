package io.hyperloom.search.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun's MNIST format) as published: gzipped ({@code .gz}) or plain.
 *
 * <p>Format: big-endian 32-bit integers; an image file starts with magic 2051 (0x00000803), then
 * count, rows, cols, then count·rows·cols unsigned bytes; a label file starts with magic 2049
 * (0x00000801), then count, then count unsigned bytes. The reader checks the magic numbers, that
 * the dimensions are positive, that image and label counts agree, and that the file holds exactly
 * the bytes its header announces (neither truncated nor followed by extra data). With an expected
 * SHA-256 it also hashes the file bytes while reading them, so the check costs no second pass.
 *
 * <p>Stateless; the returned {@link ImageSet} is immutable.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    private static final int BUFFER = 1 << 16;

    private IdxReader() {
    }

    /** The magic number and dimensions at the start of an IDX file. */
    public record Header(int magic, List<Integer> dimensions) {
        public Header {
            dimensions = List.copyOf(dimensions);
        }
    }

    /**
     * Reads an image file and its label file into one set, pixels scaled by 1/255 when copied out.
     *
     * @param imagesSha256 expected SHA-256 (hex) of the image file as stored, or null to skip the check
     * @param labelsSha256 likewise for the label file
     * @throws CorruptDataException naming the file: bad magic, truncated, extra bytes, count
     *                              mismatch, label ≥ 10, checksum mismatch, broken gzip stream
     * @throws IOException          when a file cannot be read at all
     */
    public static ImageSet read(Path images, String imagesSha256, Path labels, String labelsSha256)
            throws IOException {
        byte[][] img = new byte[1][];
        int[] dims = new int[3];
        readFile(images, imagesSha256, IMAGES_MAGIC, (in, header) -> {
            long n = (long) header[0] * header[1] * header[2];
            if (n > Integer.MAX_VALUE - 16) {
                throw new CorruptDataException(images, "header announces " + header[0] + " images of "
                        + header[1] + "×" + header[2] + ", too many to hold");
            }
            img[0] = readExactly(in, (int) n, images, header[0] + " images of " + header[1] + "×" + header[2]);
            System.arraycopy(header, 0, dims, 0, 3);
        });
        byte[][] lab = new byte[1][];
        readFile(labels, labelsSha256, LABELS_MAGIC, (in, header) ->
                lab[0] = readExactly(in, header[0], labels, header[0] + " labels"));
        if (lab[0].length != dims[0]) {
            throw new CorruptDataException(labels, "holds " + lab[0].length + " labels but " + images.getFileName()
                    + " holds " + dims[0] + " images");
        }
        for (int i = 0; i < lab[0].length; i++) {
            if ((lab[0][i] & 0xFF) > 9) {
                throw new CorruptDataException(labels, "label " + (lab[0][i] & 0xFF) + " at index " + i
                        + " is not a class 0..9");
            }
        }
        return new ImageSet(img[0], lab[0], dims[1], dims[2], 255, 10);
    }

    /** Reads only the header (magic and dimensions) of an IDX file, gzipped or plain. */
    public static Header header(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(decompressed(file, raw))) {
            int magic = in.readInt();
            int rank = magic & 0xFF;
            if ((magic >>> 8) != 0x08 || rank < 1 || rank > 4) {
                throw new CorruptDataException(file, "magic number " + magic + " is not an unsigned-byte IDX magic"
                        + " (2049 labels, 2051 images)");
            }
            Integer[] dims = new Integer[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
            }
            return new Header(magic, List.of(dims));
        } catch (EOFException e) {
            throw new CorruptDataException(file, "ends inside the IDX header", e);
        } catch (ZipException e) {
            throw new CorruptDataException(file, "is not a valid gzip stream (" + e.getMessage() + ")", e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void read(DataInputStream in, int[] header) throws IOException;
    }

    /**
     * How it works: 1. the file stream is hashed as it is read (DigestInputStream); 2. gzip is
     * undone on the fly; 3. the header is checked and the body read in one readNBytes; 4. the
     * decompressed stream must then be at its end; 5. the raw stream is drained so the hash
     * covers every byte, then compared.
     */
    private static void readFile(Path file, String sha256, int magic, Body body) throws IOException {
        MessageDigest md = sha256 == null ? null : Checksums.newSha256();
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream hashed = md == null ? raw : new DigestInputStream(raw, md);
            InputStream in = decompressed(file, hashed);
            DataInputStream data = new DataInputStream(in);
            int found = data.readInt();
            if (found != magic) {
                throw new CorruptDataException(file, "magic number " + found + " but an IDX "
                        + (magic == IMAGES_MAGIC ? "image" : "label") + " file starts with " + magic);
            }
            int rank = magic == IMAGES_MAGIC ? 3 : 1;
            int[] header = new int[rank];
            for (int i = 0; i < rank; i++) {
                header[i] = data.readInt();
                if (header[i] < (i == 0 ? 0 : 1)) {
                    throw new CorruptDataException(file, "header dimension " + i + " is " + header[i]);
                }
            }
            body.read(data, header);
            if (data.read() != -1) {
                throw new CorruptDataException(file, "has extra bytes after the " + describe(header) + " its header announces");
            }
            hashed.transferTo(OutputStream.nullOutputStream());
            if (md != null) {
                String actual = Checksums.hex(md.digest());
                if (!actual.equalsIgnoreCase(sha256)) {
                    throw new CorruptDataException(file, "SHA-256 is " + actual + ", expected " + sha256.toLowerCase()
                            + " (the file is damaged or not the published one; fetch it again)");
                }
            }
        } catch (EOFException e) {
            throw new CorruptDataException(file, "is truncated (ends inside the IDX header or the gzip stream)", e);
        } catch (ZipException e) {
            throw new CorruptDataException(file, "is not a valid gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(int[] header) {
        return header.length == 3 ? header[0] + " images of " + header[1] + "×" + header[2] : header[0] + " labels";
    }

    private static InputStream decompressed(Path file, InputStream raw) throws IOException {
        InputStream buffered = new BufferedInputStream(raw, BUFFER);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    private static byte[] readExactly(InputStream in, int n, Path file, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new CorruptDataException(file, "is truncated: its header announces " + what + " (" + n
                    + " bytes) but the data ends after " + b.length);
        }
        return b;
    }
}
