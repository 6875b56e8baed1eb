package io.hyperloom.search.optimize;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.direct.DirectFamily;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Search#solvedAt}: the evaluations a sequential evaluator would have needed up to the first solver. */
class SearchSolvedAtTest {

    private static final XorTask XOR = new XorTask(2);

    /**
     * Fitness = genome[0]; solved when it is at least 1. A candidate with genome[1] > 0 sleeps that
     * many milliseconds first, so on two threads a later solver finishes before an earlier one.
     */
    private static final FitnessFunction<double[]> THRESHOLD = new FitnessFunction<>() {
        @Override
        public Score evaluate(double[] genome, long seed) {
            if (genome[1] > 0) {
                try {
                    Thread.sleep((long) genome[1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Score(genome[0], Map.of(), genome[0] >= 1);
        }

        @Override
        public Score failureScore() {
            return new Score(-1, Map.of(), false);
        }
    };

    private static double[] candidate(double fitness, double sleepMillis) {
        return new double[] {fitness, sleepMillis};
    }

    private static Search search(LocalEvaluator evaluator) {
        DirectFamily family = new DirectFamily(XOR.architecture().layout(), Initialisation.LECUN, 0.5);
        return new Search(XOR, family, evaluator, 1, 1000, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
    }

    /** Batch of 4 unsolved, then a batch of 5 whose 3rd and 5th solve (the 3rd slowly), then one more batch. */
    private static Search runBatches(int threads) {
        try (LocalEvaluator evaluator = new LocalEvaluator(threads)) {
            Search s = search(evaluator);
            s.evaluate(THRESHOLD, List.of(candidate(0.1, 0), candidate(0.2, 0), candidate(0.3, 0), candidate(0.4, 0)),
                    0, double[]::clone);
            assertEquals(OptionalLong.empty(), s.solvedAt());
            s.evaluate(THRESHOLD, List.of(candidate(0.5, 0), candidate(0.6, 0), candidate(1.5, 30), candidate(0.7, 0),
                    candidate(2.0, 0)), 1, double[]::clone);
            s.evaluate(THRESHOLD, List.of(candidate(3.0, 0)), 2, double[]::clone);
            return s;
        }
    }

    @Test
    void theThirdCandidateOfABatchSolvingGivesTheEvaluationsBeforePlusThree() {
        Search s = runBatches(1);
        assertTrue(s.isSolved());
        assertEquals(OptionalLong.of(4 + 3), s.solvedAt());
        assertEquals(10, s.evaluations(), "every evaluation spent is still counted");
        assertEquals(3.0, s.bestScore().fitness(), "later solvers still compete for the best");
    }

    @Test
    void solvedAtIsTheSameOnOneAndTwoThreads() {
        assertEquals(runBatches(1).solvedAt(), runBatches(2).solvedAt());
        assertEquals(OptionalLong.of(7), runBatches(2).solvedAt());
    }

    @Test
    void aCandidateOfferedOutsideEvaluateCountsAsTheLastEvaluationCounted() {
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            Search s = search(evaluator);
            s.countEvaluations(5);
            s.offer(candidate(0.5, 0), new Score(0.5, Map.of(), false), double[]::clone);
            assertFalse(s.solvedAt().isPresent());
            s.countEvaluations(1);
            s.offer(candidate(1.5, 0), new Score(1.5, Map.of(), true), double[]::clone);
            assertEquals(OptionalLong.of(6), s.solvedAt());
        }
    }

    @Test
    void aRestoredCheckpointKeepsSolvedAt(@TempDir Path dir) {
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("run.ckpt"), "run-1");
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            Search s = runBatches(1).withCheckpoint(checkpoint);
            s.record(0.0);
            s.checkpoint(new RunCheckpoint.State().put("step", 3));
            Search restored = search(evaluator).withCheckpoint(new RunCheckpoint(dir.resolve("run.ckpt"), "run-1"));
            assertTrue(restored.restore().isPresent());
            assertEquals(OptionalLong.of(7), restored.solvedAt());
            assertEquals(10, restored.evaluations());
            assertTrue(restored.isSolved());
        }
    }

    @Test
    void anUnsolvedRestoredCheckpointHasNoSolvedAt(@TempDir Path dir) {
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("run.ckpt"), "run-2");
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            Search s = search(evaluator).withCheckpoint(checkpoint);
            s.evaluate(THRESHOLD, List.of(candidate(0.1, 0), candidate(0.2, 0)), 0, double[]::clone);
            s.record(0.0);
            s.checkpoint(new RunCheckpoint.State());
            Search restored = search(evaluator).withCheckpoint(new RunCheckpoint(dir.resolve("run.ckpt"), "run-2"));
            assertTrue(restored.restore().isPresent());
            assertEquals(OptionalLong.empty(), restored.solvedAt());
            assertEquals(2, restored.evaluations());
        }
    }
}
