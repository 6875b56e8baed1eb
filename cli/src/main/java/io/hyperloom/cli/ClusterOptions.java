package io.hyperloom.cli;

import io.hyperloom.cluster.ClusterEvaluator;
import io.hyperloom.cluster.ClusterSettings;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.LocalEvaluator;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * Options that make a running command a cluster coordinator (a picocli mixin): without
 * {@code --cluster} evaluation stays on local threads. Use {@link #evaluator} to get the
 * evaluator for a command and {@link #status} for a progress line; see docs/cluster.md.
 *
 * {@snippet :
 * @Mixin ClusterOptions cluster;
 * try (Evaluator evaluator = cluster.evaluator(common.threads())) {
 *     experiments.run(spec, evaluator, listener);   // run, compare, ablate alike
 * }
 * }
 */
public final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "evaluate on the hyperloom workers of this Hazelcast cluster (this process joins as a "
                    + "coordinator, a lite member); default: local threads")
    String cluster;

    @Option(names = "--members", paramLabel = "HOST[,HOST…]",
            description = "addresses to join the cluster through: host, host:port (TCP-IP only, no multicast); "
                    + "default: ${DEFAULT-VALUE}", defaultValue = ClusterSettings.DEFAULT_INTERFACE)
    String members;

    @Option(names = "--interface", paramLabel = "ADDR", defaultValue = ClusterSettings.DEFAULT_INTERFACE,
            description = "the interface to bind and announce (default: ${DEFAULT-VALUE})")
    String iface;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5701",
            description = "first cluster port tried; the next ones are tried when taken (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--min-workers", paramLabel = "N", defaultValue = "1",
            description = "wait for at least this many workers before starting (default: ${DEFAULT-VALUE})")
    int minWorkers;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long to wait for them (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    public boolean isCluster() {
        return cluster != null;
    }

    /** The settings named by the options (also used by {@code hyperloom worker}). */
    public ClusterSettings settings() {
        return ClusterSettings.of(cluster, members, iface, port);
    }

    /**
     * A {@link ClusterEvaluator} joined to the named cluster (waiting for {@code --min-workers}),
     * or a {@link LocalEvaluator} with {@code localThreads} when no {@code --cluster} is given.
     * The caller closes it (leaving the cluster).
     *
     * @throws IllegalArgumentException for bad option values
     * @throws IllegalStateException    when the workers do not appear in time
     */
    public Evaluator evaluator(int localThreads) {
        if (!isCluster()) {
            return new LocalEvaluator(localThreads);
        }
        if (minWorkers < 1 || waitSeconds < 1) {
            throw new IllegalArgumentException("--min-workers and --wait must be >= 1, got " + minWorkers + " and "
                    + waitSeconds);
        }
        return ClusterEvaluator.connect(settings(), minWorkers, Duration.ofSeconds(waitSeconds), localThreads);
    }

    /** "2 workers, 3 tasks in flight, 1,234 eval/s" for a cluster evaluator, else null. */
    public static String status(Evaluator evaluator) {
        return evaluator instanceof ClusterEvaluator c ? c.status().toString() : null;
    }
}
