package io.hyperloom.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.hyperloom.search.task.Score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of one chunk in candidate order, how many of its evaluations threw (scored worst),
 * and the worker's time for the chunk (used only to size later chunks). A wire type, filled once.
 */
final class ChunkResult implements IdentifiedDataSerializable {

    private List<Score> scores = List.of();
    private int failures;
    private long nanos;

    ChunkResult() {
    }

    ChunkResult(List<Score> scores, int failures, long nanos) {
        this.scores = List.copyOf(scores);
        this.failures = failures;
        this.nanos = nanos;
    }

    List<Score> scores() {
        return scores;
    }

    int failures() {
        return failures;
    }

    long nanos() {
        return nanos;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.CHUNK_RESULT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(failures);
        out.writeLong(nanos);
        out.writeInt(scores.size());
        for (Score s : scores) {
            out.writeDouble(s.fitness());
            out.writeByte(s.solved() == null ? 0 : s.solved() ? 2 : 1);
            out.writeInt(s.metrics().size());
            for (Map.Entry<String, Double> e : s.metrics().entrySet()) {
                out.writeString(e.getKey());
                out.writeDouble(e.getValue());
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        failures = in.readInt();
        nanos = in.readLong();
        int n = in.readInt();
        List<Score> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double fitness = in.readDouble();
            byte solved = in.readByte();
            int m = in.readInt();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int j = 0; j < m; j++) {
                metrics.put(in.readString(), in.readDouble());
            }
            list.add(new Score(fitness, metrics, solved == 0 ? null : solved == 2));
        }
        scores = List.copyOf(list);
    }
}
