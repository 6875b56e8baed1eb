package io.hyperloom.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.hyperloom.search.experiment.ExperimentRunner;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker dies in the middle of a whole run; the run starts again elsewhere and writes the same record. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterRunFailoverTest {

    private static final ClusterSettings SETTINGS =
            TestClusters.settings("hyperloom-test-run-failover-" + ProcessHandle.current().pid(), 27501);

    @TempDir
    static Path data;

    private static HazelcastInstance survivor;
    private static HazelcastInstance doomed;
    private static HazelcastInstance coordinator;
    private static ClusterEvaluator cluster;

    @BeforeAll
    static void startCluster() {
        survivor = TestClusters.worker(SETTINGS, data, 1);
        doomed = TestClusters.worker(SETTINGS, data, 1);
        coordinator = TestClusters.coordinator(SETTINGS);
        cluster = new ClusterEvaluator(coordinator, false, 1);
        cluster.awaitWorkers(2, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        TestClusters.shutdown(coordinator, doomed, survivor);
    }

    @Test
    void aRunWhoseWorkerDiesIsRunAgainAndWritesTheUndisturbedRecord(@TempDir Path dir) throws IOException, InterruptedException {
        Experiments experiments = new Experiments(Registry.load(), new Environment(data));
        // two runs of about a second each: one lands on each worker, one thread each
        List<RunSpec> specs = List.of(1, 2).stream().map(seed -> RunSpec.of(ProbeTaskProvider.NAME, "direct", "cmaes", seed)
                .withTaskOptions(Map.of("sleep-ms", "5")).withOptimizer("cmaes", Map.of("variant", "separable"))
                .withBudget(200)).toList();
        new ExperimentRunner(experiments, new ResultsFile(dir.resolve("local.jsonl")), 2).run(specs, s -> ProgressListener.NONE);

        AtomicBoolean killedMidRun = new AtomicBoolean();
        Thread killer = Thread.ofPlatform().daemon().start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!TestClusters.isEvaluating(doomed) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            killedMidRun.set(TestClusters.isEvaluating(doomed));
            doomed.getLifecycleService().terminate();
        });
        new ExperimentRunner(experiments, new ResultsFile(dir.resolve("remote.jsonl")), cluster.parallelRuns())
                .distributeRunsTo(cluster).run(specs, s -> ProgressListener.NONE);
        killer.join(TimeUnit.SECONDS.toMillis(30));

        assertTrue(killedMidRun.get(), "the doomed worker was inside a run when terminated");
        assertFalse(doomed.getLifecycleService().isRunning());
        Map<String, RunResult> undisturbed = new HashMap<>();
        new ResultsFile(dir.resolve("local.jsonl")).read().results().forEach(r -> undisturbed.put(r.specHash(), r.withoutTimings()));
        List<RunResult> remote = new ResultsFile(dir.resolve("remote.jsonl")).read().results();
        assertEquals(2, remote.size());
        for (RunResult r : remote) {
            assertEquals(undisturbed.get(r.specHash()), r.withoutTimings(), "seed " + r.seed());
            assertEquals(200, r.evaluations());
        }
    }
}
