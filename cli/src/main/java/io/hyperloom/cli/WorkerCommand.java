package io.hyperloom.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.hyperloom.cluster.ClusterMembers;
import io.hyperloom.cluster.ClusterSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code hyperloom worker}: a cluster member that evaluates the coordinators' candidates until killed. */
@Command(name = "worker", description = "Join a Hazelcast cluster as a worker and evaluate candidates until killed "
        + "(one per machine; see docs/cluster.md). Community Edition has no TLS: use a trusted network.")
final class WorkerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "the cluster's name")
    String cluster;

    @Option(names = "--members", paramLabel = "HOST[,HOST…]", defaultValue = ClusterSettings.DEFAULT_INTERFACE,
            description = "addresses to join through: host, host:port (TCP-IP only; default: ${DEFAULT-VALUE})")
    String members;

    @Option(names = "--interface", paramLabel = "ADDR", defaultValue = ClusterSettings.DEFAULT_INTERFACE,
            description = "the interface to bind and announce (default: ${DEFAULT-VALUE})")
    String iface;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5701",
            description = "first port tried (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        ClusterSettings settings = ClusterSettings.of(cluster, members, iface, port);
        int threads = common.threads();
        HazelcastInstance hz = ClusterMembers.startWorker(settings, common.environment(), threads);
        CountDownLatch down = new CountDownLatch(1);
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                down.countDown();
            }
        });
        if (!hz.getLifecycleService().isRunning()) {
            down.countDown();
        }
        PrintWriter err = spec.commandLine().getErr();
        if (!common.quiet) {
            err.printf("hyperloom worker %s in cluster '%s' (%d members), %d threads, data %s; evaluating until killed%n",
                    hz.getCluster().getLocalMember().getAddress(), settings.name(), hz.getCluster().getMembers().size(),
                    threads, common.environment().dataDir());
            err.flush();
        }
        down.await();
        return Hyperloom.OK;
    }
}
