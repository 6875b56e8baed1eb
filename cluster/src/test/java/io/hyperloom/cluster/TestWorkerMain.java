package io.hyperloom.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A worker JVM for the failover test (what {@code hyperloom worker} does, without picocli):
 * {@code <cluster> <base-port> <data-dir>}. Evaluates until killed.
 */
public final class TestWorkerMain {

    private TestWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterSettings s = TestClusters.settings(args[0], Integer.parseInt(args[1]));
        var hz = TestClusters.worker(s, Path.of(args[2]), 2);
        CountDownLatch down = new CountDownLatch(1);
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                down.countDown();
            }
        });
        down.await();
    }
}
