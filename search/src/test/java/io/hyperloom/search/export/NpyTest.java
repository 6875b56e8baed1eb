package io.hyperloom.search.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {

    @Test
    void writesAVersionOneHeaderAlignedTo64BytesThenLittleEndianDoubles(@TempDir Path dir) throws Exception {
        double[] values = {9, 1.5, -2, 3, 4, 5, 6.25};
        Path f = dir.resolve("a.npy");
        Npy.write(f, values, 1, new int[] {2, 3});
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, b[6]);
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertEquals(values[1 + i], data.getDouble());
        }
        assertEquals(0, data.remaining());
    }

    @Test
    void aOneDimensionalShapeIsATupleWithATrailingComma(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.npy");
        Npy.write(f, new double[] {1, 2, 3}, 0, new int[] {3});
        assertTrue(new String(Files.readAllBytes(f), StandardCharsets.US_ASCII).contains("'shape': (3,), }"));
    }
}
