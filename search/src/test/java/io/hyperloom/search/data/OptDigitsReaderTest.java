package io.hyperloom.search.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptDigitsReaderTest {

    @TempDir
    Path dir;

    static String row(int seed, int label) {
        return IntStream.range(0, 64).mapToObj(k -> Integer.toString((k * 7 + seed) % 17))
                .collect(Collectors.joining(",")) + "," + label;
    }

    @Test
    void readsPlainAndGzippedRows() throws IOException {
        String text = row(1, 3) + "\r\n" + row(2, 9) + "\n\n";
        Path plain = Files.writeString(dir.resolve("optdigits.tra"), text);
        Path gz = Files.write(dir.resolve("digits.csv.gz"), TestData.gzip(text.getBytes(StandardCharsets.US_ASCII)));
        for (Path p : new Path[] {plain, gz}) {
            ImageSet s = OptDigitsReader.read(p, Checksums.sha256(p));
            assertEquals(2, s.size());
            assertEquals(8, s.rows());
            assertEquals(9, s.label(1));
            assertEquals((10 * 7 + 2) % 17, s.pixel(1, 1, 2));
            double[] out = new double[64];
            s.copyScaled(0, out, 0);
            assertEquals(((5 * 7 + 1) % 17) / 16.0, out[5], 1e-15);
        }
    }

    @Test
    void rejectsMalformedRowsNamingFileAndLine() throws IOException {
        Path f = Files.writeString(dir.resolve("optdigits.tes"), row(1, 3) + "\n" + row(1, 3).replace(",3", ",17") + "\n");
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> OptDigitsReader.read(f, null));
        assertTrue(e.getMessage().contains("optdigits.tes") && e.getMessage().contains("line 2"), e.getMessage());
        Path g = Files.writeString(dir.resolve("short"), "1,2,3\n");
        assertTrue(assertThrows(CorruptDataException.class, () -> OptDigitsReader.read(g, null))
                .getMessage().contains("65"));
        assertTrue(assertThrows(CorruptDataException.class, () -> OptDigitsReader.read(f, "a".repeat(64)))
                .getMessage().contains("SHA-256"));
    }
}
