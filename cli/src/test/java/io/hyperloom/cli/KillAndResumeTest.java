package io.hyperloom.cli;

import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A comparison, and a gradient {@code run}, killed with SIGKILL midway and run again end with the
 * records of uninterrupted ones.
 */
class KillAndResumeTest {

    private static final String[] COMPARE = {"compare", "--task", "xor", "--generators", "direct,dct", "--optimizers", "ga",
            "-o", "ga.population=30", "-o", "dct.coefficients=4", "--seeds", "3", "--budget", "3000", "--threads", "1", "-q"};

    private static int runInProcess(Path out) {
        CommandLine cl = Hyperloom.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        String[] args = Stream.concat(Stream.of(COMPARE), Stream.of("--out", out.toString())).toArray(String[]::new);
        return cl.execute(args);
    }

    @Test
    void aKilledComparisonResumesToTheSameRecords(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, runInProcess(reference));

        Path killed = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Hyperloom.class.getName()));
        cmd.addAll(List.of(COMPARE));
        cmd.addAll(List.of("--out", killed.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path checkpoints = killed.resolve("results.jsonl.checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait until the child has checkpointed some generations of a run, then kill it without warning
        while (System.nanoTime() < deadline && p.isAlive() && journalLines(checkpoints) < 3) {
            Thread.sleep(20);
        }
        boolean killedMidway = p.isAlive();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(killedMidway, "the child finished before it could be killed");
        long recordedBeforeKill = Files.exists(killed.resolve("results.jsonl"))
                ? Files.readAllLines(killed.resolve("results.jsonl")).size() : 0;
        assertTrue(recordedBeforeKill < 6, "all runs were recorded before the kill");
        assertEquals(0, runInProcess(killed));
        assertEquals(sorted(reference), sorted(killed));
    }

    /** boxes with Adam: 1,500 steps, a checkpoint every 25, so the child is caught between two of them. */
    private static final String[] RUN = {"run", "--task", "boxes", "--optimizer", "adam", "-o", "boxes.test-trials=10",
            "-o", "adam.batch=30", "-o", "adam.eval-every=25", "-o", "adam.chunk=30", "--budget", "1500",
            "--seed", "4", "--threads", "1", "-q", "--format", "json"};

    private static RunResult runInProcess(Path out, StringWriter err) throws Exception {
        CommandLine cl = Hyperloom.commandLine();
        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        cl.setErr(new PrintWriter(err));
        String[] args = Stream.concat(Stream.of(RUN), Stream.of("--out", out.toString())).toArray(String[]::new);
        assertEquals(0, cl.execute(args), err.toString());
        return io.hyperloom.search.experiment.Json.MAPPER.readValue(json.toString(), RunResult.class);
    }

    @Test
    void aKilledAdamRunResumesFromItsLastCheckpointToTheSameRecord(@TempDir Path dir) throws Exception {
        RunResult reference = runInProcess(dir.resolve("reference.jsonl"), new StringWriter());

        Path out = dir.resolve("killed.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Hyperloom.class.getName()));
        cmd.addAll(List.of(RUN));
        cmd.addAll(List.of("--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path checkpoints = dir.resolve("killed.jsonl.checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait for the child's first gradient checkpoint, then kill it without warning
        while (System.nanoTime() < deadline && p.isAlive() && checkpointFiles(checkpoints) == 0) {
            Thread.sleep(10);
        }
        boolean killedMidway = p.isAlive();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(killedMidway, "the child finished before it could be killed");
        assertTrue(!Files.exists(out) || Files.readAllLines(out).isEmpty(), "the run was recorded before the kill");

        StringWriter err = new StringWriter();
        RunResult resumed = runInProcess(out, err);
        Matcher m = Pattern.compile("resumed from checkpoint at step (\\d+)")
                .matcher(err.toString());
        assertTrue(m.find(), "no resume line in: " + err);
        long step = Long.parseLong(m.group(1));
        assertTrue(step > 0 && step < 1500 && step % 25 == 0, "resumed from step " + step);
        assertEquals(reference.withoutTimings(), resumed.withoutTimings());
        assertEquals(List.of(reference.withoutTimings()), new ResultsFile(out).read().results().stream()
                .map(RunResult::withoutTimings).toList());
        assertTrue(!Files.exists(checkpoints), "the checkpoints are deleted once the record lands");
    }

    private static long checkpointFiles(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ckpt")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long journalLines(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.mapToLong(f -> {
                try {
                    return Files.readAllLines(f).size();
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).sum();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static List<RunResult> sorted(Path dir) throws Exception {
        return new ResultsFile(dir.resolve("results.jsonl")).read().results().stream()
                .map(RunResult::withoutTimings)
                .sorted(Comparator.comparing(RunResult::specHash))
                .toList();
    }

}
