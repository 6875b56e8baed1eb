package io.hyperloom.search.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Downloads datasets into a data directory and verifies them against the catalog's SHA-256.
 *
 * <p>How a fetch works, so that a failure never leaves a half-written dataset behind:
 * <ol>
 *   <li>Files already present with the right checksum are kept and not downloaded again.</li>
 *   <li>Every other file is streamed into a hidden temporary file in the dataset's own folder
 *       ({@code .<name>.*.part}), hashed while it is written.</li>
 *   <li>A non-200 status, a body shorter than announced, or a checksum mismatch aborts the fetch:
 *       every temporary file is deleted, and folders the fetch created are removed again, so the
 *       data directory is exactly as it was. The exception names the file.</li>
 *   <li>Only when every file has been downloaded and verified are the temporary files moved
 *       into place, each with one atomic rename (same folder, same file system).</li>
 * </ol>
 * Immutable and thread-safe; one fetch per dataset folder at a time is the caller's business.
 */
public final class DataFetcher {

    private final HttpClient client;
    private final URI baseUrl;
    private final Duration timeout;

    /** Downloads from the catalog's published URLs. */
    public DataFetcher() {
        this(null, Duration.ofMinutes(10));
    }

    /**
     * @param baseUrl where to download {@code <baseUrl>/<file name>} from instead of the catalog's
     *                URLs (a mirror, or a local server in tests); null for the catalog's
     * @param timeout per request: connect and the whole download of one file
     */
    public DataFetcher(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl == null ? null : withSlash(baseUrl);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }

    /** The URL {@code file} is downloaded from. */
    public URI urlOf(DatasetFile file) {
        return baseUrl == null ? file.url() : baseUrl.resolve(file.name());
    }

    /**
     * Makes every file of {@code dataset} present and verified under {@code <dataDir>/<name>/}.
     *
     * @param log receives one line per file before it is downloaded (may be a no-op)
     * @return one {@link FileCheck} per catalog file, {@code OK} or {@code FETCHED}
     * @throws CorruptDataException when a download's SHA-256 differs (names the file; nothing written)
     * @throws IOException          for HTTP errors, truncated bodies, unreachable servers (names the
     *                              file and URL; nothing written)
     */
    public List<FileCheck> fetch(Dataset dataset, Path dataDir, Consumer<String> log) throws IOException {
        Path dir = dataset.directory(dataDir);
        Map<DatasetFile, FileCheck> result = new LinkedHashMap<>();
        List<DatasetFile> needed = new ArrayList<>();
        for (DatasetFile f : dataset.files()) {
            FileCheck c = check(f, dir.resolve(f.name()));
            result.put(f, c);
            if (!c.isGood()) {
                needed.add(f);
            }
        }
        if (needed.isEmpty()) {
            return List.copyOf(result.values());
        }
        List<Path> created = createDirectories(dir);
        Map<DatasetFile, Path> temps = new LinkedHashMap<>();
        boolean done = false;
        try {
            for (DatasetFile f : needed) {
                Path tmp = Files.createTempFile(dir, "." + f.name() + ".", ".part");
                temps.put(f, tmp);
                log.accept("downloading " + dataset.name() + "/" + f.name() + " from " + urlOf(f));
                download(f, dir.resolve(f.name()), tmp);
                readableByAll(tmp);
            }
            for (Map.Entry<DatasetFile, Path> e : temps.entrySet()) {
                Path target = dir.resolve(e.getKey().name());
                Files.move(e.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                result.put(e.getKey(), new FileCheck(e.getKey(), target, FileCheck.Status.FETCHED, e.getKey().sha256()));
            }
            done = true;
        } finally {
            for (Path tmp : temps.values()) {
                Files.deleteIfExists(tmp);
            }
            if (!done) {
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        Files.deleteIfExists(created.get(i));
                    } catch (java.nio.file.DirectoryNotEmptyException ignored) {
                        // someone else wrote there meanwhile: leave it
                    }
                }
            }
        }
        return List.copyOf(result.values());
    }

    /** Temporary files are created owner-only; a dataset file is data anyone may read. */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Creates {@code dir} and missing parents; returns those it created, outermost first. */
    private static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(dir);
        return missing;
    }

    private void download(DatasetFile f, Path target, Path tmp) throws IOException {
        URI url = urlOf(f);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + f.name() + " interrupted");
        } catch (IOException e) {
            throw new IOException("download of " + f.name() + " from " + url + " failed: " + e, e);
        }
        MessageDigest md = Checksums.newSha256();
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("download of " + f.name() + " from " + url + " failed: HTTP "
                        + response.statusCode());
            }
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                written = body.transferTo(out);
            } catch (IOException e) {
                throw new IOException("download of " + f.name() + " from " + url + " broke off (truncated): " + e, e);
            }
            if (expected >= 0 && written != expected) {
                throw new IOException("download of " + f.name() + " from " + url + " is truncated: " + written
                        + " of " + expected + " bytes");
            }
        }
        String actual = Checksums.hex(md.digest());
        if (!actual.equals(f.sha256())) {
            throw new CorruptDataException(target, "download from " + url + " has SHA-256 " + actual + ", expected "
                    + f.sha256() + "; nothing was written");
        }
    }

    /**
     * Checks every file of {@code dataset} in {@code dataDir} against its checksum.
     *
     * @return one {@link FileCheck} per catalog file: {@code OK}, {@code MISSING} or {@code CORRUPT}
     */
    public static List<FileCheck> verify(Dataset dataset, Path dataDir) throws IOException {
        Path dir = dataset.directory(dataDir);
        List<FileCheck> out = new ArrayList<>();
        for (DatasetFile f : dataset.files()) {
            out.add(check(f, dir.resolve(f.name())));
        }
        return List.copyOf(out);
    }

    private static FileCheck check(DatasetFile f, Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return new FileCheck(f, path, FileCheck.Status.MISSING, null);
        }
        String actual = Checksums.sha256(path);
        return new FileCheck(f, path, actual.equals(f.sha256()) ? FileCheck.Status.OK : FileCheck.Status.CORRUPT,
                actual);
    }
}
