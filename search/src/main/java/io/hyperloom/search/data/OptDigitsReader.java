package io.hyperloom.search.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the 8×8 UCI optical digits (Alpaydin &amp; Kaynak 1998): {@code optdigits.tra} and
 * {@code optdigits.tes}, or scikit-learn's {@code digits.csv.gz} (the same rows as
 * {@code optdigits.tes}). One example per line, no header: 64 comma-separated integers 0..16
 * (pixel blocks, row-major), then the label 0..9. Values are scaled by 1/16 when copied out.
 * Blank lines are skipped; anything else that does not fit is an error naming file and line.
 * Stateless.
 */
public final class OptDigitsReader {

    public static final int SIDE = 8;
    public static final int MAX_VALUE = 16;

    private OptDigitsReader() {
    }

    /**
     * @param sha256 expected SHA-256 (hex) of the file as stored, or null to skip the check
     * @throws CorruptDataException naming the file (and line) for malformed content or a checksum mismatch
     */
    public static ImageSet read(Path file, String sha256) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (sha256 != null) {
            String actual = Checksums.sha256(bytes);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new CorruptDataException(file, "SHA-256 is " + actual + ", expected " + sha256.toLowerCase()
                        + " (the file is damaged or not the published one; fetch it again)");
            }
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (ZipException | java.io.EOFException e) {
                throw new CorruptDataException(file, "is not a complete gzip stream (" + e.getMessage() + ")", e);
            }
        }
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\r?\n");
        int n = SIDE * SIDE;
        byte[] pixels = new byte[lines.length * n];
        byte[] labels = new byte[lines.length];
        int count = 0;
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(",");
            if (parts.length != n + 1) {
                throw new CorruptDataException(file, "line " + (li + 1) + " has " + parts.length
                        + " values, expected " + (n + 1) + " (64 pixels and a label)");
            }
            for (int k = 0; k <= n; k++) {
                int v;
                try {
                    v = Integer.parseInt(parts[k].strip());
                } catch (NumberFormatException e) {
                    throw new CorruptDataException(file, "line " + (li + 1) + ", value " + (k + 1) + ": '" + parts[k]
                            + "' is not an integer");
                }
                int max = k == n ? 9 : MAX_VALUE;
                if (v < 0 || v > max) {
                    throw new CorruptDataException(file, "line " + (li + 1) + ", value " + (k + 1) + ": " + v
                            + " is not in 0.." + max);
                }
                if (k == n) {
                    labels[count] = (byte) v;
                } else {
                    pixels[count * n + k] = (byte) v;
                }
            }
            count++;
        }
        if (count == 0) {
            throw new CorruptDataException(file, "holds no examples");
        }
        return new ImageSet(java.util.Arrays.copyOf(pixels, count * n), java.util.Arrays.copyOf(labels, count),
                SIDE, SIDE, MAX_VALUE, 10);
    }
}
