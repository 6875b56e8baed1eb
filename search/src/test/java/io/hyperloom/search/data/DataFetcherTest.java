package io.hyperloom.search.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFetcherTest {

    @TempDir
    Path tmp;

    static final byte[] A = "first file\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    static final byte[] B = "second file\n".repeat(300).getBytes(StandardCharsets.US_ASCII);

    static Dataset dataset(String name) {
        return new Dataset(name, "test", "test", List.of(
                new DatasetFile("a.bin", URI.create("http://127.0.0.1:1/a.bin"), Checksums.sha256(A)),
                new DatasetFile("b.bin", URI.create("http://127.0.0.1:1/b.bin"), Checksums.sha256(B))));
    }

    static DataFetcher fetcher(LocalServer server) {
        return new DataFetcher(server.base(), Duration.ofSeconds(20));
    }

    /** Every path under {@code dir}, relative, sorted, with sizes: a snapshot to compare. */
    static List<String> snapshot(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : "dir"))
                    .sorted().toList();
        }
    }

    @Test
    void fetchesVerifiesAndPlacesEveryFile() throws IOException {
        Path data = tmp.resolve("data");
        try (LocalServer server = new LocalServer().serve("a.bin", A).serve("b.bin", B)) {
            List<FileCheck> r = fetcher(server).fetch(dataset("toy"), data, line -> { });
            assertEquals(List.of(FileCheck.Status.FETCHED, FileCheck.Status.FETCHED),
                    r.stream().map(FileCheck::status).toList());
            assertArrayEquals(A, Files.readAllBytes(data.resolve("toy/a.bin")));
            assertArrayEquals(B, Files.readAllBytes(data.resolve("toy/b.bin")));
            assertEquals(List.of(":dir", "a.bin:" + A.length, "b.bin:" + B.length), snapshot(data.resolve("toy")));
            // a second fetch finds both present and downloads nothing
            server.serve("a.bin", new byte[0]).serve("b.bin", new byte[0]);
            List<FileCheck> again = fetcher(server).fetch(dataset("toy"), data, line -> { });
            assertTrue(again.stream().allMatch(c -> c.status() == FileCheck.Status.OK));
        }
    }

    @Test
    void checksumMismatchNamesTheFileAndLeavesTheDirectoryAsItWas() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.createDirectories(data.resolve("toy"));
        Files.write(data.resolve("toy/a.bin"), A);
        List<String> before = snapshot(data);
        byte[] wrong = B.clone();
        wrong[5] ^= 1;
        try (LocalServer server = new LocalServer().serve("a.bin", A).serve("b.bin", wrong)) {
            CorruptDataException e = assertThrows(CorruptDataException.class,
                    () -> fetcher(server).fetch(dataset("toy"), data, line -> { }));
            assertTrue(e.getMessage().contains("b.bin") && e.getMessage().contains("SHA-256"), e.getMessage());
        }
        assertEquals(before, snapshot(data));
    }

    @Test
    void aFailedFetchRemovesTheFoldersItCreated() throws IOException {
        Path data = tmp.resolve("fresh/data");
        byte[] wrong = A.clone();
        wrong[0] ^= 1;
        try (LocalServer server = new LocalServer().serve("a.bin", wrong).serve("b.bin", B)) {
            assertThrows(CorruptDataException.class, () -> fetcher(server).fetch(dataset("toy"), data, line -> { }));
        }
        assertFalse(Files.exists(tmp.resolve("fresh")));
    }

    @Test
    void httpErrorNamesTheFileAndWritesNothing() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (LocalServer server = new LocalServer().serve("a.bin", A)) {
            IOException e = assertThrows(IOException.class,
                    () -> fetcher(server).fetch(dataset("toy"), data, line -> { }));
            assertFalse(e instanceof CorruptDataException);
            assertTrue(e.getMessage().contains("b.bin") && e.getMessage().contains("404"), e.getMessage());
        }
        assertEquals(List.of(":dir"), snapshot(data));
    }

    @Test
    void truncatedBodyNamesTheFileAndWritesNothing() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (LocalServer server = new LocalServer().serve("a.bin", A).serve("b.bin", B).truncate("b.bin")) {
            IOException e = assertThrows(IOException.class,
                    () -> fetcher(server).fetch(dataset("toy"), data, line -> { }));
            assertTrue(e.getMessage().contains("b.bin"), e.getMessage());
        }
        assertEquals(List.of(":dir"), snapshot(data));
    }

    @Test
    void verifyReportsMissingAndCorruptFiles() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("toy"));
        Files.write(data.resolve("toy/a.bin"), A);
        List<FileCheck> r = DataFetcher.verify(dataset("toy"), data);
        assertEquals(List.of(FileCheck.Status.OK, FileCheck.Status.MISSING), r.stream().map(FileCheck::status).toList());
        Files.write(data.resolve("toy/b.bin"), A);
        FileCheck b = DataFetcher.verify(dataset("toy"), data).get(1);
        assertEquals(FileCheck.Status.CORRUPT, b.status());
        assertEquals(Checksums.sha256(A), b.actualSha256());
        assertTrue(b.describe().contains("b.bin"));
    }

    @Test
    void locateSaysWhereItLookedAndHowToGetTheData() {
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> dataset("toy").locate(tmp, "a.bin"));
        assertTrue(e.getMessage().contains(tmp.resolve("toy").toString())
                && e.getMessage().contains("hyperloom data fetch toy") && e.getMessage().contains("--data-dir"),
                e.getMessage());
    }
}
