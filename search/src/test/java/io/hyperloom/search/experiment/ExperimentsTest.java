package io.hyperloom.search.experiment;

import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentsTest {

    private final Experiments experiments = new Experiments(Registry.load(), new Environment(Path.of("no-data")));

    private RunResult run(RunSpec spec, int threads) {
        try (LocalEvaluator e = new LocalEvaluator(threads)) {
            return experiments.run(spec, e, ProgressListener.NONE);
        }
    }

    @Test
    void geneticAlgorithmSolvesXorAndSaysSo() {
        RunResult r = run(RunSpec.of("xor", "direct", "ga", 1), 1);
        assertEquals(Boolean.TRUE, r.solved());
        assertTrue(r.evaluations() < 20_000, "used " + r.evaluations());
        assertEquals(4.0, r.metrics().get("correct"));
        assertEquals(13, r.thetaCount()); // 2-3-1 with biases
    }

    @Test
    void solvedAtCountsUpToTheFirstSolverAndIsTheSameOnAnyThreadCount() {
        RunSpec spec = RunSpec.of("xor", "direct", "ga", 1).withOptimizer("ga", Map.of("population", "50"));
        RunResult one = run(spec, 1);
        RunResult two = run(spec, 2);
        assertEquals(Boolean.TRUE, one.solved());
        assertTrue(one.solvedAt() != null && one.solvedAt() > one.evaluations() - 50 && one.solvedAt() <= one.evaluations(),
                "solved at " + one.solvedAt() + " of " + one.evaluations() + ": within the last batch of 50");
        assertEquals(one.solvedAt(), two.solvedAt());
        assertEquals(one.evaluations(), two.evaluations());
    }

    @Test
    void adamTrainsBoxesToHitTheLargeBox() {
        RunResult r = run(RunSpec.of("boxes", "direct", "adam", 1).withTaskOptions(Map.of("test-trials", "50")), 1);
        assertTrue(r.metrics().get("hit_rate") >= 0.95, "hit rate " + r.metrics());
        assertNull(r.solved());
        assertEquals(14_762, r.weightCount());
        assertEquals(1.0, r.compression());
    }

    @Test
    void recordsAreIdenticalForOneAndTwoThreadsExceptTimings() {
        RunSpec ga = RunSpec.of("xor", "direct", "ga", 7).withBudget(2_000);
        assertEquals(run(ga, 1).withoutTimings(), run(ga, 2).withoutTimings());
        RunSpec adam = RunSpec.of("boxes", "direct", "adam", 7).withBudget(30)
                .withTaskOptions(Map.of("test-trials", "10"))
                .withOptimizer("adam", Map.of("chunk", "20"));
        assertEquals(run(adam, 1).withoutTimings(), run(adam, 2).withoutTimings());
    }

    @Test
    void resultsRoundTripThroughTheJsonLinesFile(@TempDir Path dir) throws Exception {
        RunResult r = run(RunSpec.of("xor", "direct", "ga", 3).withBudget(500), 1);
        ResultsFile f = new ResultsFile(dir.resolve("r.jsonl"));
        f.append(r);
        f.append(r);
        ResultsFile.Contents c = f.read();
        assertEquals(2, c.results().size());
        assertEquals(r, c.results().get(0));
        assertEquals(Experiments.hash(r.spec()), r.specHash());
    }

    @Test
    void aTruncatedLastLineIsReportedAndSkipped(@TempDir Path dir) throws Exception {
        RunResult r = run(RunSpec.of("xor", "direct", "ga", 3).withBudget(300), 1);
        Path p = dir.resolve("r.jsonl");
        new ResultsFile(p).append(r);
        String line = Json.MAPPER.writeValueAsString(r);
        Files.writeString(p, line.substring(0, line.length() / 2), java.nio.file.StandardOpenOption.APPEND);
        ResultsFile.Contents c = new ResultsFile(p).read();
        assertEquals(1, c.results().size());
        assertEquals(1, c.problems().size());
        assertTrue(c.problems().get(0).contains("truncated last line"), c.problems().get(0));
        new ResultsFile(p).append(r);
        assertEquals(2, new ResultsFile(p).read().results().size());
    }

    @Test
    void unknownNamesListTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(RunSpec.of("nosuch", "direct", "ga", 1), 1));
        assertTrue(e.getMessage().startsWith("unknown task 'nosuch'; valid tasks: "), e.getMessage());
        assertTrue(e.getMessage().contains("boxes") && e.getMessage().contains("xor"), e.getMessage());
    }

    @Test
    void gradientTrainingOfAnEvolutionOnlyCombinationIsRefusedWithTheReason() {
        RunSpec s = RunSpec.of("xor", "direct", "adam", 1).withOptimizer("adam", Map.of("lr", "abc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s, 1));
        assertEquals("option lr: 'abc' is not a finite number", e.getMessage());
    }
}
