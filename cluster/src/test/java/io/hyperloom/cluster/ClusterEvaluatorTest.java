package io.hyperloom.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.hyperloom.search.experiment.ExperimentRunner;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two workers and a lite coordinator in one JVM on 127.0.0.1: cluster runs equal local runs. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterEvaluatorTest {

    private static final ClusterSettings SETTINGS = TestClusters.settings("hyperloom-test-evaluator-" + ProcessHandle.current().pid(), 27301);
    private static final ProgressListener QUIET = p -> { };
    private static final Map<String, String> SEPARABLE = Map.of("variant", "separable");

    @TempDir
    static Path workerData;
    @TempDir
    static Path coordinatorData;

    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static HazelcastInstance coordinator;
    private static ClusterEvaluator cluster;
    private static Experiments experiments;

    @BeforeAll
    static void startCluster() throws IOException {
        Files.writeString(coordinatorData.resolve("marker"), "only the coordinator has it");
        first = TestClusters.worker(SETTINGS, workerData, 2);
        second = TestClusters.worker(SETTINGS, workerData, 2);
        coordinator = TestClusters.coordinator(SETTINGS);
        cluster = new ClusterEvaluator(coordinator, false, 1);
        cluster.awaitWorkers(2, Duration.ofSeconds(30));
        experiments = new Experiments(Registry.load(), new Environment(coordinatorData));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        TestClusters.shutdown(coordinator, second, first);
    }

    private static void assertSameRecord(RunSpec spec) {
        RunResult local;
        try (LocalEvaluator threads = new LocalEvaluator(2)) {
            local = experiments.run(spec, threads, QUIET);
        }
        long before = cluster.status().evaluations();
        RunResult remote = experiments.run(spec, cluster, QUIET);
        assertEquals(local.withoutTimings(), remote.withoutTimings());
        assertEquals(remote.evaluations(), cluster.status().evaluations() - before, "every evaluation went to the cluster");
    }

    @Test
    void cmaesRunOnTheClusterWritesTheLocalRecord() {
        assertSameRecord(RunSpec.of("boxes", "direct", "cmaes", 1).withTaskOptions(Map.of("size", "7"))
                .withOptimizer("cmaes", SEPARABLE).withBudget(120));
    }

    @Test
    void hyperNeatRunOnTheClusterWritesTheLocalRecord() {
        assertSameRecord(RunSpec.of("boxes", "cppn", "neat", 2).withTaskOptions(Map.of("size", "7"))
                .withOptimizer("neat", Map.of("population", "20")).withBudget(60));
    }

    @Test
    void neatNetworkRunOnTheClusterWritesTheLocalRecord() {
        assertSameRecord(RunSpec.of("xor", "neat", "neat", 3)
                .withOptimizer("neat", Map.of("population", "20")).withBudget(60));
    }

    @Test
    void gradientWorkStaysOnTheCoordinatorsOwnThreads() {
        // two workers of two threads evaluate; Adam's and the hybrid's gradients run here, on one
        assertEquals(4, cluster.parallelism());
        assertEquals(1, cluster.localParallelism());
        RunResult adam = experiments.run(RunSpec.of("boxes", "direct", "adam", 5).withTaskOptions(Map.of("size", "7"))
                .withBudget(3), cluster, QUIET);
        RunResult local;
        try (LocalEvaluator one = new LocalEvaluator(1)) {
            local = experiments.run(RunSpec.of("boxes", "direct", "adam", 5).withTaskOptions(Map.of("size", "7"))
                    .withBudget(3), one, QUIET);
        }
        assertEquals(local.withoutTimings(), adam.withoutTimings());
    }

    @Test
    void wholeRunsOnTheWorkersWriteTheLocalRecords(@TempDir Path dir) throws IOException {
        List<RunSpec> specs = List.of(
                RunSpec.of("xor", "direct", "cmaes", 1).withBudget(200),
                RunSpec.of("xor", "neat", "neat", 2).withOptimizer("neat", Map.of("population", "20")).withBudget(100),
                RunSpec.of("boxes", "direct", "adam", 3).withTaskOptions(Map.of("size", "7")).withBudget(3));
        ExperimentRunner.Outcome remote = new ExperimentRunner(experiments, new ResultsFile(dir.resolve("remote.jsonl")),
                cluster.parallelRuns()).distributeRunsTo(cluster).run(specs, s -> ProgressListener.NONE);
        new ExperimentRunner(experiments, new ResultsFile(dir.resolve("local.jsonl")), 2).run(specs, s -> ProgressListener.NONE);
        assertEquals(4, cluster.parallelRuns(), "a run per worker thread");
        assertEquals(3, remote.results().size());
        // both sides as written and read back: the records in the files must be the same
        Map<String, RunResult> byHash = new java.util.HashMap<>();
        new ResultsFile(dir.resolve("local.jsonl")).read().results().forEach(r -> byHash.put(r.specHash(), r.withoutTimings()));
        for (RunResult r : new ResultsFile(dir.resolve("remote.jsonl")).read().results()) {
            assertEquals(byHash.get(r.specHash()), r.withoutTimings(), r.task() + "/" + r.optimizer());
        }
    }

    @Test
    void aWholeRunAWorkerCannotServeFailsWithTheWorkersMessage() {
        RunSpec spec = experiments.build(RunSpec.of(ProbeTaskProvider.NAME, "direct", "cmaes", 6)
                .withTaskOptions(Map.of("require-marker", "yes")).withOptimizer("cmaes", SEPARABLE).withBudget(30)).spec();
        WorkerSetupException e = assertThrows(WorkerSetupException.class, () -> cluster.run(spec));
        assertTrue(e.getMessage().contains("no marker"), e.getMessage());
    }

    @Test
    void throwingEvaluationsScoreWorstAndAreCountedAlike() {
        RunSpec spec = RunSpec.of(ProbeTaskProvider.NAME, "direct", "cmaes", 4)
                .withTaskOptions(Map.of("fail-one-in", "3")).withOptimizer("cmaes", SEPARABLE).withBudget(60);
        RunResult remote = experiments.run(spec, cluster, QUIET);
        assertTrue(remote.failures() > 0, "some evaluations threw");
        assertSameRecord(spec);
    }

    @Test
    void aWorkerThatCannotBuildTheRunFailsItLoudly() {
        RunSpec spec = RunSpec.of(ProbeTaskProvider.NAME, "direct", "cmaes", 5)
                .withTaskOptions(Map.of("require-marker", "yes")).withOptimizer("cmaes", SEPARABLE).withBudget(30);
        WorkerSetupException e = assertThrows(WorkerSetupException.class, () -> experiments.run(spec, cluster, QUIET));
        assertTrue(e.getMessage().contains("no marker"), e.getMessage());
    }
}
