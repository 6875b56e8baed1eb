package io.hyperloom.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Hazelcast's factory for hyperloom's wire types: fixed class ids, no Java serialization, so
 * chunks are compact and a worker never deserializes arbitrary classes for them.
 */
final class ClusterSerialization implements DataSerializableFactory {

    static final int FACTORY_ID = 0x68_6c_6d; // "hlm"
    static final int CHUNK = 1;
    static final int CHUNK_RESULT = 2;
    static final int RUN = 3;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case CHUNK -> new EvaluationChunk();
            case CHUNK_RESULT -> new ChunkResult();
            case RUN -> new RunTask();
            default -> throw new IllegalArgumentException("unknown hyperloom cluster type id " + typeId);
        };
    }
}
