package io.hyperloom.cli;

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

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Hyperloom.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static boolean isPng(Path file) throws IOException {
        byte[] head = Files.readAllBytes(file);
        return head.length > 8 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
    }

    @Test
    void rendersARandomDctOnBoxes() throws IOException {
        Path images = dir.resolve("random");
        int code = run("render", "--task", "boxes", "--generator", "dct", "-o", "boxes.size=7",
                "-o", "dct.coefficients=4", "--seed", "3", "--out", images.toString());
        assertEquals(Hyperloom.OK, code, err.toString());
        // boxes 7×7: one dense 49→49 weight tensor and its bias (θ: 4 coefficients + 49 biases)
        try (var files = Files.list(images)) {
            List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
            assertEquals(3, pngs.size(), pngs.toString()); // two tensors and the colour bar
            for (Path p : pngs) {
                assertTrue(isPng(p), p.toString());
            }
        }
        assertTrue(Files.readString(images.resolve("weights.tsv")).lines().count() == 3);
        assertTrue(out.toString().contains("random θ (seed 3, |θ| 53)"), out.toString());
    }

    @Test
    void rendersTheBestOfARecordedRun() throws IOException {
        Path results = dir.resolve("runs.jsonl");
        Experiments experiments = new Experiments(Registry.load(), Environment.fromSystem());
        RunSpec spec = new RunSpec("boxes", Map.of("size", "7"), "dct", Map.of("coefficients", "6"), "cmaes", Map.of(), 30, 7);
        try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
            for (long seed : new long[] {7, 8}) {
                RunResult r = experiments.run(spec.withSeed(seed), evaluator, ProgressListener.NONE);
                new ResultsFile(results).append(r);
            }
        }
        Path images = dir.resolve("best");
        assertEquals(Hyperloom.OK, run("render", "--from", results.toString(), "--task", "boxes", "--generator", "dct",
                "--out", images.toString()), err.toString());
        assertTrue(isPng(images.resolve("colorbar.png")));
        assertTrue(out.toString().contains("best of the cmaes run with seed"), out.toString());
        assertEquals(Hyperloom.OK, run("render", "--from", results.toString(), "--run", "1", "--out",
                dir.resolve("second").toString()), err.toString());
        assertTrue(out.toString().contains("seed 8"), out.toString());
        assertEquals(Hyperloom.BAD_INPUT, run("render", "--from", results.toString(), "--run", "2", "--out",
                dir.resolve("none").toString()));
        assertTrue(err.toString().contains("--run must be in [0, 1]"), err.toString());
        assertEquals(Hyperloom.BAD_INPUT, run("render", "--from", results.toString(), "--generator", "direct", "--out",
                dir.resolve("none").toString()));
        assertTrue(err.toString().contains("no record"), err.toString());
    }

    @Test
    void badInputExitsTwoWithAMessage() {
        assertEquals(Hyperloom.BAD_INPUT, run("render", "--task", "boxes", "--out", dir.toString()));
        assertTrue(err.toString().contains("--generator"), err.toString());
        assertEquals(Hyperloom.BAD_INPUT, run("render", "--task", "boxes", "--generator", "nosuch", "--out", dir.toString()));
        assertTrue(err.toString().contains("nosuch"), err.toString());
        assertEquals(Hyperloom.BAD_INPUT, run("render", "--from", dir.resolve("missing.jsonl").toString(), "--out",
                dir.toString()));
        assertTrue(err.toString().contains("missing.jsonl"), err.toString());
    }
}
