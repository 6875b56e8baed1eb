package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.experiment.ExperimentRunner;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.CurvePoint;
import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient runs killed midway resume from their last monitoring point's checkpoint and end with the
 * record of an uninterrupted run. A "kill" is an exception thrown from the progress listener; the
 * resumed attempt shares nothing with it but the files on disk (new checkpoint, journal and
 * evaluator objects), as a new process would.
 */
class AdamCheckpointTest {

    private static final String TEXT = "abcabcabdabcabcabdabcabcabd\n".repeat(40);

    /** boxes, 75 examples in batches of 30 (reshuffled every 2 steps), monitored every 3 steps: mid-epoch checkpoints. */
    private static final RunSpec BOXES = RunSpec.of("boxes", "direct", "adam", 11).withBudget(24)
            .withTaskOptions(Map.of("test-trials", "10"))
            .withOptimizer("adam", Map.of("batch", "30", "eval-every", "3", "chunk", "20", "lr", "0.01"));

    private final Experiments experiments = new Experiments(Registry.load(), new Environment(Path.of("no-data")));

    /** Stands in for a kill. */
    private static final class Kill extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static String hash(Experiments experiments, RunSpec spec) {
        return Experiments.hash(experiments.build(spec).spec());
    }

    private static RunResult run(Experiments experiments, RunSpec spec, Path dir, int threads, ProgressListener l,
                                 RunCheckpoint checkpoint) {
        try (LocalEvaluator e = new LocalEvaluator(threads)) {
            return experiments.run(spec, e, l, new EvaluationJournal(dir.resolve("run.journal")), checkpoint);
        }
    }

    private static RunResult uninterrupted(Experiments experiments, RunSpec spec) {
        try (LocalEvaluator e = new LocalEvaluator(1)) {
            return experiments.run(spec, e, ProgressListener.NONE);
        }
    }

    /** Runs until the {@code killAt}-th progress report, then dies; the checkpoint of the report before survives. */
    private static void runAndKill(Experiments experiments, RunSpec spec, Path dir, int killAt) {
        int[] reports = {0};
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("run.ckpt"), hash(experiments, spec));
        assertThrows(Kill.class, () -> run(experiments, spec, dir, 1, p -> {
            if (++reports[0] == killAt) {
                throw new Kill();
            }
        }, checkpoint));
        assertEquals(killAt - 2, checkpoint.saves());
    }

    /** Resumes with fresh objects; returns the record, and the steps of the first report in {@code firstSteps}. */
    private static RunResult resume(Experiments experiments, RunSpec spec, Path dir, int threads,
                                    RunCheckpoint checkpoint, long[] firstSteps) {
        firstSteps[0] = -1;
        return run(experiments, spec, dir, threads, p -> {
            if (firstSteps[0] < 0) {
                firstSteps[0] = p.steps();
            }
        }, checkpoint);
    }

    private static void assertWallTimeCarriesOver(RunResult r) {
        double last = 0;
        for (CurvePoint p : r.curve()) {
            assertTrue(p.seconds() >= last, "curve time went back: " + r.curve());
            last = p.seconds();
        }
        assertTrue(r.wallSeconds() >= last);
    }

    @Test
    void aSupervisedRunKilledMidwayResumesFromItsLastCheckpointWithTheSameRecord(@TempDir Path dir) {
        RunResult reference = uninterrupted(experiments, BOXES);
        runAndKill(experiments, BOXES, dir, 5); // reports at steps 0, 3, 6, 9, 12: dies at 12, checkpoint at 9
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("run.ckpt"), hash(experiments, BOXES));
        long[] first = new long[1];
        RunResult resumed = resume(experiments, BOXES, dir, 2, checkpoint, first);
        assertEquals(OptionalLong.of(9), checkpoint.resumedStep());
        assertEquals(12, first[0], "the resumed run recomputed steps it had checkpointed");
        assertEquals(List.of(), checkpoint.problems());
        assertEquals(reference.withoutTimings(), resumed.withoutTimings());
        assertEquals(reference.curve().size(), resumed.curve().size());
        assertWallTimeCarriesOver(resumed);
    }

    @Test
    void aSequenceRunKilledMidEpochResumesWithItsCarriedStatesAndTheSameRecord(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("t.txt");
        Files.writeString(corpus, TEXT);
        // 25 chunks per epoch, monitored every 7: the checkpoint at step 14 holds both groups' hidden states
        RunSpec spec = new RunSpec("char-lm", Map.of("corpus", corpus.toString(), "units", "8", "seq-len", "10",
                "batch", "4", "eval-chars", "100"), "direct", Map.of(), "adam",
                Map.of("lr", "0.03", "chunk", "2", "eval-every", "7"), 40, 3);
        Experiments withData = new Experiments(Registry.load(), new Environment(dir));
        RunResult reference = uninterrupted(withData, spec);
        runAndKill(withData, spec, dir, 4); // reports at 0, 7, 14, 21: dies at 21, checkpoint at 14
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("run.ckpt"), hash(withData, spec));
        long[] first = new long[1];
        RunResult resumed = resume(withData, spec, dir, 1, checkpoint, first);
        assertEquals(OptionalLong.of(14), checkpoint.resumedStep());
        assertEquals(21, first[0]);
        assertEquals(reference.withoutTimings(), resumed.withoutTimings());
    }

    @Test
    void aDamagedCheckpointIsReportedAndIgnoredForThePreviousOneOrTheStart(@TempDir Path dir) throws Exception {
        RunResult reference = uninterrupted(experiments, BOXES);
        String hash = hash(experiments, BOXES);
        Path current = dir.resolve("run.ckpt");
        Path previous = dir.resolve("run.ckpt.prev");
        runAndKill(experiments, BOXES, dir, 5); // checkpoints at 6 (.prev) and 9
        Path saved = dir.resolve("saved");
        Files.copy(previous, saved);
        byte[] bytes = Files.readAllBytes(current);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(current, bytes);

        List<String> lines = new ArrayList<>();
        RunCheckpoint checkpoint = new RunCheckpoint(current, hash, lines::add);
        long[] first = new long[1];
        RunResult resumed = resume(experiments, BOXES, dir, 1, checkpoint, first);
        assertEquals(OptionalLong.of(6), checkpoint.resumedStep(), "falls back to the previous checkpoint");
        assertEquals(1, checkpoint.problems().size());
        assertTrue(checkpoint.problems().get(0).contains("checksum"), checkpoint.problems().get(0));
        assertEquals(checkpoint.problems().get(0), lines.get(0));
        assertTrue(lines.get(1).startsWith("resumed from checkpoint at step 6"), lines.get(1));
        assertEquals(reference.withoutTimings(), resumed.withoutTimings());

        // both damaged (one cut short): the run starts from scratch, still to the same record
        Files.write(current, Files.readAllBytes(saved));
        Files.write(previous, java.util.Arrays.copyOf(Files.readAllBytes(saved), 100));
        bytes = Files.readAllBytes(current);
        bytes[40] ^= 0x01;
        Files.write(current, bytes);
        RunCheckpoint again = new RunCheckpoint(current, hash);
        RunResult fresh = resume(experiments, BOXES, dir, 1, again, first);
        assertEquals(OptionalLong.empty(), again.resumedStep());
        assertEquals(2, again.problems().size(), again.problems().toString());
        assertEquals(0, first[0]);
        assertEquals(reference.withoutTimings(), fresh.withoutTimings());
    }

    @Test
    void anotherRunsCheckpointIsRefused(@TempDir Path dir) throws Exception {
        runAndKill(experiments, BOXES, dir.resolve("a"), 3);
        RunSpec other = BOXES.withSeed(12);
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        Files.copy(dir.resolve("a").resolve("run.ckpt"), b.resolve("run.ckpt"), StandardCopyOption.REPLACE_EXISTING);
        RunCheckpoint checkpoint = new RunCheckpoint(b.resolve("run.ckpt"), hash(experiments, other));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(experiments, other, b, 1, ProgressListener.NONE, checkpoint));
        assertTrue(e.getMessage().contains("belongs to run " + hash(experiments, BOXES)), e.getMessage());
        assertTrue(e.getMessage().contains("not to this run " + hash(experiments, other)), e.getMessage());
        assertTrue(Files.exists(b.resolve("run.ckpt")), "the other run's checkpoint is left alone");
    }

    @Test
    void savesCloserThanTheMinimumIntervalAreSkippedButTheFirstAlwaysHappens(@TempDir Path dir) {
        RunCheckpoint everyPoint = new RunCheckpoint(dir.resolve("a.ckpt"), hash(experiments, BOXES));
        RunResult a = run(experiments, BOXES, dir.resolve("a"), 1, ProgressListener.NONE, everyPoint);
        RunCheckpoint hourly = new RunCheckpoint(dir.resolve("b.ckpt"), hash(experiments, BOXES), m -> { },
                Duration.ofHours(1));
        RunResult b = run(experiments, BOXES, dir.resolve("b"), 1, ProgressListener.NONE, hourly);
        assertTrue(everyPoint.saves() > 2, "saves at every monitoring point: " + everyPoint.saves());
        assertEquals(1, hourly.saves());
        assertEquals(a.withoutTimings(), b.withoutTimings());
    }

    @Test
    void theRunnerResumesAKilledGradientRunAndDeletesItsCheckpointWhenTheRecordLands(@TempDir Path dir)
            throws Exception {
        RunResult reference = uninterrupted(experiments, BOXES);
        ResultsFile file = new ResultsFile(dir.resolve("results.jsonl"));
        int[] reports = {0};
        ExperimentRunner killed = new ExperimentRunner(experiments, file, 1).checkpointEvery(Duration.ZERO);
        assertThrows(Kill.class, () -> killed.run(List.of(BOXES), s -> p -> {
            if (++reports[0] == 4) {
                throw new Kill();
            }
        }));
        Path ckpt = killed.checkpoints().resolve(hash(experiments, BOXES) + ".ckpt");
        assertTrue(Files.exists(ckpt));
        assertFalse(Files.exists(file.path()));

        ExperimentRunner.Outcome outcome = new ExperimentRunner(experiments, file, 1)
                .run(List.of(BOXES), s -> ProgressListener.NONE);
        assertEquals(1, outcome.notes().size(), outcome.notes().toString());
        assertTrue(outcome.notes().get(0).startsWith("resumed from checkpoint at step 6"), outcome.notes().get(0));
        assertEquals(reference.withoutTimings(), outcome.results().get(0).withoutTimings());
        try (Stream<Path> left = Files.list(killed.checkpoints())) {
            assertEquals(List.of(), left.toList(), "journal and checkpoints are deleted with the record");
        }
    }
}
