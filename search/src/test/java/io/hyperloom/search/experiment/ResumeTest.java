package io.hyperloom.search.experiment;

import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumeTest {

    private final Experiments experiments = new Experiments(Registry.load(), new Environment(Path.of("no-data")));
    private final RunSpec spec = RunSpec.of("xor", "direct", "ga", 5).withBudget(3_000)
            .withOptimizer("ga", Map.of("population", "50", "mutation-rate", "0.05"));

    /** Stands in for a kill: the run dies after a number of generations. */
    private static final class Kill extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aRunKilledMidwayResumesFromItsJournalWithTheSameNumbers(@TempDir Path dir) {
        RunResult uninterrupted;
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            uninterrupted = experiments.run(spec, e, ProgressListener.NONE);
        }
        Path journalPath = dir.resolve("run.journal");
        int[] generations = {0};
        long[] evaluatedBeforeKill = {0};
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            assertThrows(Kill.class, () -> experiments.run(spec, e, p -> {
                if (++generations[0] == 5) {
                    evaluatedBeforeKill[0] = p.evaluations();
                    throw new Kill();
                }
            }, new EvaluationJournal(journalPath)));
        }
        EvaluationJournal journal = new EvaluationJournal(journalPath);
        RunResult resumed;
        try (LocalEvaluator e = new LocalEvaluator(2)) {
            resumed = experiments.run(spec, e, ProgressListener.NONE, journal);
        }
        assertEquals(uninterrupted.withoutTimings(), resumed.withoutTimings());
        assertEquals(evaluatedBeforeKill[0], journal.replayed(), "every evaluation before the kill is reused");
        assertTrue(evaluatedBeforeKill[0] > 0);
    }

    @Test
    void aSolvingRunKilledMidwayResumesToTheSameSolvedAt(@TempDir Path dir) {
        RunSpec solving = RunSpec.of("xor", "direct", "ga", 1).withBudget(20_000)
                .withOptimizer("ga", Map.of("population", "50"));
        RunResult uninterrupted;
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            uninterrupted = experiments.run(solving, e, ProgressListener.NONE);
        }
        Path journalPath = dir.resolve("run.journal");
        int[] generations = {0};
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            assertThrows(Kill.class, () -> experiments.run(solving, e, p -> {
                if (++generations[0] == 5) {
                    throw new Kill();
                }
            }, new EvaluationJournal(journalPath)));
        }
        RunResult resumed;
        try (LocalEvaluator e = new LocalEvaluator(2)) {
            resumed = experiments.run(solving, e, ProgressListener.NONE, new EvaluationJournal(journalPath));
        }
        assertEquals(Boolean.TRUE, uninterrupted.solved());
        assertTrue(uninterrupted.solvedAt() != null && uninterrupted.solvedAt() > 5 * 50,
                "solved at " + uninterrupted.solvedAt() + ", after the kill");
        assertEquals(uninterrupted.solvedAt(), resumed.solvedAt());
        assertEquals(uninterrupted.withoutTimings(), resumed.withoutTimings());
    }

    @Test
    void rerunningAnExperimentSkipsRecordedRunsAndFinishesTheRest(@TempDir Path dir) {
        ResultsFile file = new ResultsFile(dir.resolve("results.jsonl"));
        ExperimentRunner runner = new ExperimentRunner(experiments, file, 2);
        ExperimentRunner.Outcome first = runner.run(List.of(spec), s -> ProgressListener.NONE);
        assertEquals(0, first.skipped());
        ExperimentRunner.Outcome second = runner.run(List.of(spec, spec.withSeed(6)), s -> ProgressListener.NONE);
        assertEquals(1, second.skipped());
        assertEquals(2, second.results().size());
        assertEquals(first.results().get(0), second.results().get(0));
    }
}
