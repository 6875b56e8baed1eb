package io.hyperloom.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers die mid-generation — one in this JVM ({@code terminate()}), one in its own JVM
 * (destroyed forcibly) — and the run still writes the record of an undisturbed run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {

    private static final int BASE_PORT = 27401;
    private static final ClusterSettings SETTINGS =
            TestClusters.settings("hyperloom-test-failover-" + ProcessHandle.current().pid(), BASE_PORT);

    @TempDir
    static Path data;

    private static HazelcastInstance survivor;
    private static HazelcastInstance doomed;
    private static Process workerJvm;
    private static HazelcastInstance coordinator;
    private static ClusterEvaluator cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        survivor = TestClusters.worker(SETTINGS, data, 2);
        doomed = TestClusters.worker(SETTINGS, data, 2);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        workerJvm = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), TestWorkerMain.class.getName(),
                SETTINGS.name(), Integer.toString(BASE_PORT), data.toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("worker-jvm.log").toFile())
                .start();
        coordinator = TestClusters.coordinator(SETTINGS);
        cluster = new ClusterEvaluator(coordinator, false, 1);
        cluster.awaitWorkers(3, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
        if (workerJvm != null) {
            workerJvm.destroyForcibly();
            workerJvm.waitFor(10, TimeUnit.SECONDS);
        }
        TestClusters.shutdown(coordinator, doomed, survivor);
    }

    @Test
    void theRunSurvivesWorkersDyingMidGeneration() throws InterruptedException {
        Experiments experiments = new Experiments(Registry.load(), new Environment(data));
        RunSpec spec = RunSpec.of(ProbeTaskProvider.NAME, "direct", "cmaes", 11)
                .withTaskOptions(Map.of("sleep-ms", "5"))
                .withOptimizer("cmaes", Map.of("variant", "separable")).withBudget(300);
        RunResult undisturbed;
        try (LocalEvaluator threads = new LocalEvaluator(2)) {
            undisturbed = experiments.run(spec, threads, p -> { });
        }

        // The listener runs between generations; the killer waits until the doomed worker is inside
        // a chunk (the worker JVM: until chunks are out), so the kill lands mid-generation.
        List<Runnable> kills = List.of(() -> doomed.getLifecycleService().terminate(), () -> workerJvm.destroyForcibly());
        List<java.util.function.BooleanSupplier> ready = List.of(() -> TestClusters.isEvaluating(doomed),
                () -> cluster.status().tasksInFlight() > 0);
        CountDownLatch done = new CountDownLatch(kills.size());
        int[] generation = {0};
        java.util.concurrent.atomic.AtomicBoolean killedInsideChunk = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressListener killer = p -> {
            int g = ++generation[0];
            if (g == 2 || g == 4) {
                Runnable kill = kills.get(g == 2 ? 0 : 1);
                java.util.function.BooleanSupplier now = ready.get(g == 2 ? 0 : 1);
                Thread.ofPlatform().daemon().start(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!now.getAsBoolean() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    if (g == 2) {
                        killedInsideChunk.set(now.getAsBoolean());
                    }
                    kill.run();
                    done.countDown();
                });
            }
        };
        RunResult disturbed = experiments.run(spec, cluster, killer);

        assertTrue(done.await(10, TimeUnit.SECONDS), "both workers were killed");
        assertFalse(doomed.getLifecycleService().isRunning());
        assertTrue(workerJvm.waitFor(10, TimeUnit.SECONDS), "the worker JVM is gone");
        assertEquals(undisturbed.withoutTimings(), disturbed.withoutTimings());
        assertEquals(300, disturbed.evaluations());
        // Hazelcast itself re-invokes partition-routed tasks whose member left; ClusterEvaluator
        // re-submits whatever still fails. Either way: the worker died inside a chunk, none was lost.
        assertTrue(killedInsideChunk.get(), "the in-JVM worker was evaluating when terminated");
    }
}
