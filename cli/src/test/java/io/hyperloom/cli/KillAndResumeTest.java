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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A comparison killed with SIGKILL midway and run again ends with the records of an uninterrupted one. */
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
