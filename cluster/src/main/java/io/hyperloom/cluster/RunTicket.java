package io.hyperloom.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.DatasetFile;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.RunSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a worker needs to rebuild a run's fitness function, shipped with every chunk (a few
 * hundred bytes): the resolved spec as JSON and its hash, the coordinator's hyperloom version,
 * and the SHA-256 of every dataset file the task reads (the coordinator's; the worker refuses to
 * serve when its own differ).
 *
 * @param dataChecks {@code dataset/file → SHA-256}; empty for tasks without datasets
 */
record RunTicket(String specJson, String specHash, String version, Map<String, String> dataChecks) {

    RunTicket {
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(version, "version");
        dataChecks = java.util.Collections.unmodifiableMap(new TreeMap<>(dataChecks));
    }

    static RunTicket of(RunSpec resolved) {
        try {
            return new RunTicket(Json.MAPPER.writeValueAsString(resolved), Experiments.hash(resolved), localVersion(),
                    dataChecks(resolved.task()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunSpec spec() {
        try {
            return Json.MAPPER.readValue(specJson, RunSpec.class);
        } catch (JsonProcessingException e) {
            throw new WorkerSetupException("cannot read the run spec sent by the coordinator: " + e.getOriginalMessage(), e);
        }
    }

    static String localVersion() {
        return Experiments.versions().get("hyperloom");
    }

    /**
     * The SHA-256 of the files of the dataset a task is named after, from this process's catalog;
     * the data loader checks the file bytes against the same catalog while reading, so equal
     * catalogs mean equal bytes.
     */
    static Map<String, String> dataChecks(String task) {
        DatasetCatalog catalog = DatasetCatalog.standard();
        Map<String, String> m = new TreeMap<>();
        if (catalog.names().contains(task)) {
            Dataset d = catalog.dataset(task);
            for (DatasetFile f : d.files()) {
                m.put(d.name() + "/" + f.name(), f.sha256());
            }
        }
        return m;
    }

    void write(ObjectDataOutput out) throws IOException {
        out.writeString(specJson);
        out.writeString(specHash);
        out.writeString(version);
        out.writeInt(dataChecks.size());
        for (Map.Entry<String, String> e : dataChecks.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
    }

    static RunTicket read(ObjectDataInput in) throws IOException {
        String json = in.readString();
        String hash = in.readString();
        String version = in.readString();
        int n = in.readInt();
        Map<String, String> checks = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            checks.put(in.readString(), in.readString());
        }
        return new RunTicket(json, hash, version, checks);
    }
}
