package io.hyperloom.search.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes NumPy {@code .npy} files (format version 1.0): little-endian float64, C order, so
 * {@code numpy.load} reads them as they are.
 *
 * <p>The format is a fixed magic string, a two-byte header length, a Python-literal header padded
 * with spaces to a 64-byte boundary, then the raw data
 * (numpy.org/doc/stable/reference/generated/numpy.lib.format.html). It is small and stable enough
 * that a library (the JVM ones are Kotlin and bring their runtime) would cost more than it saves.
 */
public final class Npy {

    private Npy() {
    }

    /**
     * Writes {@code values[offset .. offset + size(shape))} with the given shape, atomically (a
     * temporary file moved into place).
     */
    public static void write(Path file, double[] values, int offset, int[] shape) throws IOException {
        long n = 1;
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            n *= d;
            dims.append(d).append(shape.length == 1 ? "," : ", ");
        }
        String shapeText = shape.length == 1 ? "(" + dims + ")" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer data = ByteBuffer.allocate((int) (n * 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putDouble(values[offset + i]);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            byte[] h = header.getBytes(StandardCharsets.US_ASCII);
            out.write(h.length & 0xff);
            out.write(h.length >>> 8);
            out.write(h);
            out.write(data.array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
