package io.hyperloom.cli;

import com.sun.net.httpserver.HttpServer;
import io.hyperloom.search.data.Checksums;
import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.DatasetFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {

    static final byte[] A = "alpha\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
    static final byte[] B = "beta\n".repeat(70).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    static DatasetCatalog toyCatalog() {
        return DatasetCatalog.of(new Dataset("toy", "test", "test", List.of(
                new DatasetFile("a.txt", URI.create("http://127.0.0.1:1/a.txt"), Checksums.sha256(A)),
                new DatasetFile("b.txt", URI.create("http://127.0.0.1:1/b.txt"), Checksums.sha256(B)))));
    }

    int run(DataCommand command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void fetchDownloadsAndVerifyConfirms() throws IOException {
        files.put("a.txt", A);
        files.put("b.txt", B);
        assertEquals(0, run(new DataCommand(toyCatalog()), "fetch", "--data-dir", data.toString(),
                "--base-url", base(), "toy"), err.toString());
        assertArrayEquals(B, Files.readAllBytes(data.resolve("toy/b.txt")));
        assertTrue(out.toString().contains("fetched") && out.toString().contains("toy: ok"), out.toString());
        assertEquals(0, run(new DataCommand(toyCatalog()), "verify", "--data-dir", data.toString()), err.toString());
        Files.write(data.resolve("toy/a.txt"), B);
        assertEquals(2, run(new DataCommand(toyCatalog()), "verify", "--data-dir", data.toString(), "toy"));
        assertTrue(out.toString().contains("corrupt") && out.toString().contains("a.txt"), out.toString());
        assertTrue(err.toString().contains("hyperloom data fetch toy"), err.toString());
        assertTrue(err.toString().contains("a.txt (corrupt)"), "the error line names the bad file: " + err);
    }

    @Test
    void checksumMismatchExitsTwoNamingTheFileAndWritesNothing() {
        files.put("a.txt", A);
        files.put("b.txt", A);
        assertEquals(2, run(new DataCommand(toyCatalog()), "fetch", "--data-dir", data.toString(),
                "--base-url", base(), "toy"));
        assertTrue(err.toString().contains("b.txt") && err.toString().contains("SHA-256"), err.toString());
        assertFalse(Files.exists(data.resolve("toy")));
    }

    @Test
    void theStandardCatalogRejectsFilesThatAreNotThePublishedOnes() {
        files.put(DatasetCatalog.TRAIN_IMAGES, A);
        files.put(DatasetCatalog.TRAIN_LABELS, A);
        files.put(DatasetCatalog.TEST_IMAGES, A);
        files.put(DatasetCatalog.TEST_LABELS, A);
        assertEquals(2, run(new DataCommand(), "fetch", "--data-dir", data.toString(), "--base-url", base(), "mnist"));
        assertTrue(err.toString().contains(DatasetCatalog.TRAIN_IMAGES), err.toString());
        assertFalse(Files.exists(data.resolve("mnist")));
    }

    @Test
    void anHttpErrorExitsOne() {
        files.put("a.txt", A);
        assertEquals(1, run(new DataCommand(toyCatalog()), "fetch", "--data-dir", data.toString(),
                "--base-url", base(), "toy"));
        assertTrue(err.toString().contains("b.txt") && err.toString().contains("404"), err.toString());
    }

    @Test
    void anUnknownDatasetExitsTwoListingTheKnownOnes() {
        assertEquals(2, run(new DataCommand(), "fetch", "--data-dir", data.toString(), "cifar"));
        assertTrue(err.toString().contains("cifar") && err.toString().contains("fashion-mnist"), err.toString());
        assertEquals(2, run(new DataCommand(), "verify", "--data-dir", data.toString(), "nosuch"));
    }

    @Test
    void verifyWithNothingInstalledSaysSo() {
        assertEquals(0, run(new DataCommand(), "verify", "--data-dir", data.toString()));
        assertTrue(out.toString().contains("no datasets"), out.toString());
    }
}
