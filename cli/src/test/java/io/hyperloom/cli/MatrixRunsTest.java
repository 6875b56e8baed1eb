package io.hyperloom.cli;

import io.hyperloom.search.experiment.CompatibilityMatrix;
import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.Registry;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.task.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every combination {@code hyperloom list --matrix} marks as runnable runs for a few generations
 * or steps on small settings and writes a record. Dataset tasks are left out (loading them per
 * combination is slow); the matrix still builds them when {@code /work/shared/data} holds them.
 */
class MatrixRunsTest {

    /** Small settings per task; tasks not listed are skipped (the image sets are too large for a test). */
    private static final Map<String, Map<String, String>> TASKS = Map.of(
            "xor", Map.of(),
            "boxes", Map.of("size", "7", "test-trials", "5"),
            "retina", Map.of(),
            "single-pole", Map.of("max-steps", "200"),
            "double-pole", Map.of("max-steps", "200"));

    private static final Map<String, Map<String, String>> GENERATORS = Map.of(
            "coordnet", Map.of("widths", "4"));

    private static final Map<String, Map<String, String>> OPTIMIZERS = Map.of(
            "cmaes", Map.of("lambda", "6"),
            "ga", Map.of("population", "6"),
            "cosyne", Map.of("population", "6"),
            "neat", Map.of("population", "6"),
            "hybrid", Map.of("population", "4", "steps", "2", "batch", "4", "chunk", "4"),
            "adam", Map.of("batch", "4", "chunk", "4"));

    @Test
    void everyRunnableCombinationOnSmallTasksWritesARecord(@TempDir Path dir) throws Exception {
        Environment env = new Environment(dir.resolve("no-data"));
        Experiments experiments = new Experiments(Registry.load(), env);
        List<CompatibilityMatrix.Cell> cells = CompatibilityMatrix.of(experiments);
        ResultsFile results = new ResultsFile(dir.resolve("runs.jsonl"));
        List<String> ran = new ArrayList<>();
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            for (CompatibilityMatrix.Cell c : cells) {
                if (!c.runs() || !TASKS.containsKey(c.task())) {
                    continue;
                }
                boolean evaluations = !c.optimizer().equals("adam");
                RunSpec spec = RunSpec.of(c.task(), c.generator(), c.optimizer(), 3)
                        .withTaskOptions(TASKS.get(c.task()))
                        .withGenerator(c.generator(), GENERATORS.getOrDefault(c.generator(), Map.of()))
                        .withOptimizer(c.optimizer(), OPTIMIZERS.getOrDefault(c.optimizer(), Map.of()))
                        .withBudget(evaluations ? 12 : 3);
                RunResult r = experiments.run(spec, evaluator, ProgressListener.NONE);
                results.append(r);
                ran.add(c.task() + "/" + c.generator() + "/" + c.optimizer());
            }
        }
        assertTrue(ran.contains("xor/cppn/hybrid") && ran.contains("boxes/coordnet/adam") && ran.contains("xor/neat/neat"),
                "expected the hybrids and neat among " + ran);
        assertEquals(ran.size(), results.read().results().size());
    }

    /**
     * Each dataset task, built by its provider from the real files and run for a few steps or
     * evaluations: the combinations a provider's option plumbing can break (the continual tasks once
     * failed to load at all). Runs where {@code shared/data} is found above the working directory.
     */
    @Test
    void everyDatasetTaskLoadsTheRealDataAndRuns(@TempDir Path dir) throws Exception {
        Path data = sharedData();
        assumeTrue(data != null, "shared/data/mnist not found above the working directory; skipping the real-data runs");
        Experiments experiments = new Experiments(Registry.load(), new Environment(data));
        record Case(String task, String folder, String generator, String optimizer, Map<String, String> options,
                    Map<String, String> optimizerOptions, int budget) {
        }
        Map<String, String> adam = Map.of("batch", "8", "chunk", "8");
        List<Case> cases = List.of(
                new Case("mnist", "mnist", "direct", "adam", Map.of("train-examples", "200", "eval-examples", "50"), adam, 2),
                new Case("mnist", "mnist", "cppn", "neat", Map.of("arch", "mnist-mlp", "center", "true",
                        "train-examples", "200", "eval-examples", "50"), Map.of("population", "4"), 4),
                new Case("fashion-mnist", "fashion-mnist", "direct", "adam",
                        Map.of("train-examples", "200", "eval-examples", "50"), adam, 2),
                new Case("digits", "digits", "neat", "neat", Map.of("train-examples", "200", "eval-examples", "50"),
                        Map.of("population", "4"), 4),
                new Case("char-lm", "text", "direct", "adam", Map.of("units", "8", "seq-len", "10", "batch", "2",
                        "eval-chars", "200"), Map.of(), 2),
                new Case("permuted-mnist", "mnist", "direct", "sequential", Map.of("tasks", "2", "center", "true",
                        "train-examples", "200", "test-examples", "50"), Map.of("batch", "8"), 4),
                new Case("split-mnist", "mnist", "direct", "sequential", Map.of("center", "true",
                        "train-examples", "300", "test-examples", "50"), Map.of("batch", "8"), 5));
        ResultsFile results = new ResultsFile(dir.resolve("runs.jsonl"));
        List<String> ran = new ArrayList<>();
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            for (Case c : cases) {
                if (!Files.isDirectory(data.resolve(c.folder()))) {
                    continue;
                }
                RunSpec spec = RunSpec.of(c.task(), c.generator(), c.optimizer(), 1)
                        .withTaskOptions(c.options())
                        .withOptimizer(c.optimizer(), c.optimizerOptions())
                        .withBudget(c.budget());
                RunResult r = experiments.run(spec, evaluator, ProgressListener.NONE);
                assertTrue(Double.isFinite(r.bestFitness()), c + ": best fitness " + r.bestFitness());
                results.append(r);
                ran.add(c.task() + "/" + c.generator() + "/" + c.optimizer());
            }
        }
        assertTrue(ran.contains("mnist/direct/adam") && ran.contains("split-mnist/direct/sequential"), "ran " + ran);
        assertEquals(ran.size(), results.read().results().size());
    }

    /** The directory holding {@code shared/data/mnist}, found by walking up from the working directory, or null. */
    private static Path sharedData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("mnist"))) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void listMatrixSaysWhyControlTasksRejectGradients() {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new ListCommand());
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute("--matrix", "--data-dir", "/nonexistent-hyperloom-data");
        assertEquals(Hyperloom.OK, code);
        String text = out.toString();
        assertTrue(text.contains("single-pole:"), text);
        assertTrue(text.contains("direct     adam     no: task single-pole has no differentiable loss"), text);
        assertTrue(text.contains("cppn       hybrid   runs"), text);
        assertTrue(text.contains("needs dataset"), text);
    }
}
