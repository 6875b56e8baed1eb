package io.hyperloom.cli;

import io.hyperloom.search.data.CorruptDataException;
import io.hyperloom.search.data.DataFetcher;
import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.FileCheck;
import io.hyperloom.search.task.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hyperloom data fetch <dataset...>} and {@code hyperloom data verify [<dataset...>]}: thin
 * wrappers over {@link DataFetcher}. Exit codes: 0 done, 1 I/O failure (network, HTTP error,
 * truncated download, unreadable file), 2 bad input (unknown dataset, checksum mismatch, corrupt
 * or missing file).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Download and verify datasets (mnist, fashion-mnist, digits) in the data directory: "
                + "--data-dir, else $HYPERLOOM_DATA, else ~/.hyperloom/data; files live at <data-dir>/<dataset>/<file>.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class})
public final class DataCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int IO_FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private final DatasetCatalog catalog;

    @Spec
    CommandSpec spec;

    /** The standard catalog. */
    public DataCommand() {
        this(DatasetCatalog.standard());
    }

    /** Another catalog (tests). */
    public DataCommand(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** Options both subcommands take. */
    static final class DataOptions {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "data directory (default: $HYPERLOOM_DATA, else ~/.hyperloom/data)")
        Path dataDir;

        @Option(names = "--base-url", hidden = true, paramLabel = "URL",
                description = "download <URL>/<file> instead of the catalog's URLs (a mirror; tests)")
        URI baseUrl;

        Path resolveDataDir() {
            return Environment.resolve(dataDir).dataDir();
        }
    }

    /** The datasets named, or an exit code with the message printed. */
    private static List<Dataset> lookUp(DatasetCatalog catalog, List<String> names, PrintWriter err) {
        List<Dataset> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add(catalog.dataset(n));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return null;
            }
        }
        return out;
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download datasets, verify each file's SHA-256, and move them into <data-dir>/<dataset>/. "
                    + "Files already present and intact are kept. A failed download leaves the directory as it was.")
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions options;

        @Parameters(arity = "1..*", paramLabel = "<dataset>", description = "mnist, fashion-mnist or digits")
        List<String> names;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<Dataset> datasets = lookUp(parent.catalog, names, err);
            if (datasets == null) {
                return BAD_INPUT;
            }
            Path dataDir = options.resolveDataDir();
            DataFetcher fetcher = new DataFetcher(options.baseUrl, Duration.ofMinutes(10));
            for (Dataset ds : datasets) {
                try {
                    List<FileCheck> r = fetcher.fetch(ds, dataDir, line -> {
                        out.println(line);
                        out.flush();
                    });
                    r.forEach(c -> out.println(c.describe()));
                    out.println(ds.name() + ": ok");
                } catch (CorruptDataException e) {
                    err.println("error: " + e.getMessage());
                    return BAD_INPUT;
                } catch (IOException e) {
                    err.println("error: " + e.getMessage());
                    return IO_FAILURE;
                }
            }
            return OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every file of the named datasets (default: every known dataset with a folder in "
                    + "the data directory) against its SHA-256; report missing and corrupt files.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        DataCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        DataOptions options;

        @Parameters(arity = "0..*", paramLabel = "<dataset>", description = "mnist, fashion-mnist or digits")
        List<String> names = List.of();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path dataDir = options.resolveDataDir();
            List<Dataset> datasets;
            if (names.isEmpty()) {
                datasets = parent.catalog.datasets().stream()
                        .filter(d -> Files.isDirectory(d.directory(dataDir))).toList();
                if (datasets.isEmpty()) {
                    out.println("no datasets in " + dataDir + " (get one with: hyperloom data fetch <dataset>; known: "
                            + String.join(", ", parent.catalog.names()) + ")");
                    return OK;
                }
            } else {
                datasets = lookUp(parent.catalog, names, err);
                if (datasets == null) {
                    return BAD_INPUT;
                }
            }
            int code = OK;
            for (Dataset ds : datasets) {
                List<FileCheck> checks;
                try {
                    checks = DataFetcher.verify(ds, dataDir);
                } catch (IOException e) {
                    err.println("error: " + ds.name() + ": " + e.getMessage());
                    return IO_FAILURE;
                }
                checks.forEach(c -> out.println(c.describe()));
                long bad = checks.stream().filter(c -> !c.isGood()).count();
                if (bad == 0) {
                    out.println(ds.name() + ": ok");
                } else {
                    String which = checks.stream().filter(c -> !c.isGood())
                            .map(c -> c.path() + " (" + c.status().name().toLowerCase() + ")")
                            .collect(java.util.stream.Collectors.joining(", "));
                    err.println("error: " + ds.name() + ": " + bad + " of " + checks.size()
                            + " files missing or corrupt: " + which + "; fix with: hyperloom data fetch " + ds.name());
                    code = BAD_INPUT;
                }
            }
            return code;
        }
    }
}
