package io.hyperloom.search.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named dataset: the files it consists of, which live at {@code <dataDir>/<name>/<file>} (the
 * layout of the shared data folder, so {@code --data-dir ../shared/data} works). Immutable.
 *
 * @param source citation and licence in one line, for listings
 */
public record Dataset(String name, String description, String source, List<DatasetFile> files) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("dataset name '" + name + "' must be lower-case with dashes");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " has no files");
        }
        if (files.stream().map(DatasetFile::name).distinct().count() != files.size()) {
            throw new IllegalArgumentException("dataset " + name + " lists a file twice");
        }
    }

    /** The catalog entry of {@code fileName}. */
    public DatasetFile file(String fileName) {
        return files.stream().filter(f -> f.name().equals(fileName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("dataset " + name + " has no file '" + fileName + "'; its files are "
                        + files.stream().map(DatasetFile::name).toList()));
    }

    /** {@code <dataDir>/<name>}. */
    public Path directory(Path dataDir) {
        return dataDir.resolve(name);
    }

    /**
     * The dataset's folder, after checking that the named files are present.
     *
     * @throws MissingDatasetException saying which files are missing, where they were looked for,
     *                                 and how to get them
     */
    public Path locate(Path dataDir, String... needed) throws MissingDatasetException {
        Path dir = directory(dataDir);
        List<String> missing = new ArrayList<>();
        for (String f : needed) {
            file(f);
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDatasetException("dataset " + name + " not found: missing " + String.join(", ", missing)
                    + " in " + dir.toAbsolutePath().normalize() + ". Download it with `hyperloom data fetch " + name
                    + "` (into the data directory " + dataDir.toAbsolutePath().normalize()
                    + "), or point --data-dir (or the HYPERLOOM_DATA environment variable) at a directory that holds "
                    + name + "/" + String.join(", " + name + "/", needed) + ".");
        }
        return dir;
    }
}
