package io.hyperloom.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.hyperloom.search.task.Environment;

import java.nio.file.Path;
import java.util.List;

/** Loopback clusters for tests: short join waits and heartbeats, ports from a per-class base. */
final class TestClusters {

    private TestClusters() {
    }

    static ClusterSettings settings(String name, int basePort) {
        return new ClusterSettings(name, List.of("127.0.0.1"), "127.0.0.1", basePort);
    }

    static Config config(ClusterSettings settings, boolean lite, int threads) {
        Config c = ClusterMembers.config(settings, lite, threads);
        c.getNetworkConfig().setPortCount(10);
        c.getExecutorConfig(ClusterMembers.EXECUTOR).setStatisticsEnabled(true);
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.tcp.join.port.try.count", "6");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        return c;
    }

    static HazelcastInstance worker(ClusterSettings settings, Path dataDir, int threads) {
        return ClusterMembers.startWorker(config(settings, false, threads), new Environment(dataDir));
    }

    static HazelcastInstance coordinator(ClusterSettings settings) {
        return com.hazelcast.core.Hazelcast.newHazelcastInstance(config(settings, true, 1));
    }

    /** Whether {@code worker} is evaluating a chunk right now (its executor statistics). */
    static boolean isEvaluating(HazelcastInstance worker) {
        var stats = worker.getExecutorService(ClusterMembers.EXECUTOR).getLocalExecutorStats();
        return stats.getStartedTaskCount() > stats.getCompletedTaskCount();
    }

    static void shutdown(HazelcastInstance... instances) {
        for (HazelcastInstance hz : instances) {
            if (hz != null && hz.getLifecycleService().isRunning()) {
                hz.getLifecycleService().terminate();
            }
        }
    }
}
