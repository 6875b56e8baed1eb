package io.hyperloom.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.hyperloom.search.task.Environment;

import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hazelcast configurations and instances for hyperloom's two roles: a worker (a data member that
 * evaluates) and a coordinator (a lite member that owns no partitions and so runs no tasks).
 *
 * <p>Every configuration: TCP-IP join only (multicast and auto-detection off), the named cluster,
 * phone-home off, bound to the one named interface, Hazelcast's logging through java.util.logging
 * at SEVERE, and a short heartbeat so a member that dies is removed within seconds (its tasks are
 * then re-submitted by {@link ClusterEvaluator}).
 */
public final class ClusterMembers {

    /** The executor every worker runs evaluation chunks on. */
    public static final String EXECUTOR = "hyperloom-eval";
    /** Member attribute: how many chunks a worker evaluates at once. */
    public static final String THREADS_ATTRIBUTE = "hyperloom.threads";

    /** Kept so the level is not lost when java.util.logging drops unreferenced loggers. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private ClusterMembers() {
    }

    /**
     * The configuration both roles share; callers may adjust it (tests shorten join waits) before
     * starting an instance with it.
     */
    public static Config config(ClusterSettings settings, boolean lite, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("worker threads must be >= 1, got " + threads);
        }
        HAZELCAST_LOG.setLevel(Level.SEVERE);
        Config c = new Config();
        c.setClusterName(settings.name());
        c.setInstanceName(settings.name() + "-" + (lite ? "coordinator" : "worker") + "-" + System.nanoTime());
        c.setLiteMember(lite);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        c.setProperty("hazelcast.wait.seconds.before.join", "2");
        // Chunks are megabytes (boxes: 118 KB of θ per candidate): socket buffers of 1 MB instead
        // of 128 KB cut the IO threads' read/write rounds, and direct buffers spare NIO a copy
        // through a temporary direct buffer on every write and read.
        c.setProperty("hazelcast.socket.buffer.direct", "true");
        c.setProperty("hazelcast.socket.receive.buffer.size", "1024");
        c.setProperty("hazelcast.socket.send.buffer.size", "1024");
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
        net.getInterfaces().setEnabled(true).addInterface(settings.iface());
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(settings.members());
        c.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(threads).setQueueCapacity(0)
                .setStatisticsEnabled(false));
        c.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
        // θ vectors dominate the traffic (boxes: 118 KB per candidate); native byte order with
        // unsafe bulk copies moves double[] without per-element conversion. Every member uses
        // this configuration, so all agree on the byte order.
        c.getSerializationConfig().addDataSerializableFactory(ClusterSerialization.FACTORY_ID,
                new ClusterSerialization()).setUseNativeByteOrder(true).setAllowUnsafe(true);
        return c;
    }

    /**
     * Starts a worker: a data member whose executor evaluates chunks with {@code threads} threads,
     * reading datasets from {@code environment}.
     */
    public static HazelcastInstance startWorker(ClusterSettings settings, Environment environment, int threads) {
        return startWorker(config(settings, false, threads), environment);
    }

    /** Starts a worker from a configuration made by {@link #config} (possibly adjusted). */
    public static HazelcastInstance startWorker(Config config, Environment environment) {
        if (config.isLiteMember()) {
            throw new IllegalArgumentException("a worker must be a data member, not a lite member");
        }
        ConcurrentHashMap<String, Object> context = new ConcurrentHashMap<>(config.getUserContext());
        context.put(WorkerContext.KEY, new WorkerContext(environment));
        config.setUserContext(context);
        return Hazelcast.newHazelcastInstance(config);
    }

    /**
     * Starts a coordinator: a lite member. It sees every member directly (for progress and for
     * noticing departures at once) and needs no client configuration; owning no partitions, it
     * runs no evaluations itself, so the coordinator's machine also runs a worker.
     */
    public static HazelcastInstance startCoordinator(ClusterSettings settings) {
        return Hazelcast.newHazelcastInstance(config(settings, true, 1));
    }

    /** Data members (workers) currently in the cluster. */
    public static int workers(HazelcastInstance hz) {
        return (int) hz.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).count();
    }

    /** Evaluation threads summed over the workers (their {@link #THREADS_ATTRIBUTE}). */
    public static int workerThreads(HazelcastInstance hz) {
        int sum = 0;
        for (var m : hz.getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                String t = m.getAttribute(THREADS_ATTRIBUTE);
                sum += t == null ? 1 : Math.max(1, Integer.parseInt(t));
            }
        }
        return sum;
    }
}
