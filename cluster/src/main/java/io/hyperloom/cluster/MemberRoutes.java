package io.hyperloom.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The workers as routes: for each data member, its evaluation threads and a partition key whose
 * partition it owns right now. A chunk submitted with that key goes to that member yet stays
 * partition-routed, so Hazelcast re-runs it on the partition's next owner if the member leaves.
 *
 * <p>How it works: (1) once, integer keys 0, 1, 2, … are hashed until every partition has one
 * (about {@code p ln p} keys for {@code p} partitions, 271 by default: a few milliseconds);
 * (2) {@link #current} reads the partition table and gives each data member the key of the
 * first partition it owns. Not thread-safe; one per {@link ClusterEvaluator} dispatch loop.
 */
final class MemberRoutes {

    /** One worker: where to send, how many chunks it evaluates at once. */
    record Route(UUID member, Integer key, int threads) {
    }

    /** Keys tried before giving up on covering every partition (never reached with Hazelcast's hash). */
    private static final int MAX_KEYS = 1_000_000;

    private final PartitionService partitions;
    private final HazelcastInstance hz;
    private Map<Integer, Integer> keyByPartition;

    MemberRoutes(HazelcastInstance hz) {
        this.hz = Objects.requireNonNull(hz, "hz");
        this.partitions = hz.getPartitionService();
    }

    /** The data members now, each with a key routed to it; empty when there is none. */
    List<Route> current() {
        Map<Integer, Integer> keys = keys();
        Map<UUID, Integer> keyByMember = new HashMap<>();
        for (Partition p : partitions.getPartitions()) {
            Member owner = p.getOwner();
            Integer key = keys.get(p.getPartitionId());
            if (owner != null && key != null) {
                keyByMember.putIfAbsent(owner.getUuid(), key);
            }
        }
        List<Route> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            Integer key = keyByMember.get(m.getUuid());
            if (!m.isLiteMember() && key != null) {
                String t = m.getAttribute(ClusterMembers.THREADS_ATTRIBUTE);
                out.add(new Route(m.getUuid(), key, t == null ? 1 : Math.max(1, Integer.parseInt(t))));
            }
        }
        return out;
    }

    private Map<Integer, Integer> keys() {
        if (keyByPartition == null) {
            int count = partitions.getPartitions().size();
            Map<Integer, Integer> m = new LinkedHashMap<>();
            for (int k = 0; m.size() < count && k < MAX_KEYS; k++) {
                m.putIfAbsent(partitions.getPartition(k).getPartitionId(), k);
            }
            keyByPartition = m;
        }
        return keyByPartition;
    }
}
