package io.hyperloom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentCommandsTest {

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cl = Hyperloom.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void runWithAnUnknownTaskExitsTwoAndListsTheTasks() {
        Outcome o = run("run", "--task", "nosuch", "-q");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown task 'nosuch'; valid tasks: ") && o.err().contains("boxes"), o.err());
    }

    @Test
    void distributingRunsWithoutAClusterExitsTwoBeforeWritingAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path out = dir.resolve("grid");
        Outcome o = run("compare", "--task", "xor", "--seeds", "1", "--distribute", "runs", "--out", out.toString(), "-q");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("give --cluster NAME too"), o.err());
        assertTrue(!java.nio.file.Files.exists(out), "nothing written");
    }

    @Test
    void aSeedThatIsNotANumberExitsTwo() {
        Outcome o = run("run", "--task", "xor", "--seed", "abc");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Invalid value for option '--seed': 'abc' is not a long"), o.err());
    }

    @Test
    void compareRunsEveryArmAndARebuiltReportEqualsTheFirst(@TempDir Path dir) throws Exception {
        Path exp = dir.resolve("exp");
        Outcome o = run("compare", "--task", "xor", "--generators", "direct,dct", "--optimizers", "ga",
                "-o", "dct.coefficients=4", "--seeds", "2", "--budget", "300", "--threads", "2", "-q", "--out", exp.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("direct/ga") && o.out().contains("dct/ga"), o.out());
        assertEquals(4, Files.readAllLines(exp.resolve("results.jsonl")).size());
        byte[] md = Files.readAllBytes(exp.resolve("report.md"));
        byte[] csv = Files.readAllBytes(exp.resolve("table.csv"));
        Path again = dir.resolve("again");
        Outcome r = run("report", exp.resolve("results.jsonl").toString(), "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(md, Files.readAllBytes(again.resolve("report.md")));
        assertArrayEquals(csv, Files.readAllBytes(again.resolve("table.csv")));
        assertEquals(Files.readString(exp.resolve("report.html")), Files.readString(again.resolve("report.html")));

        Outcome rerun = run("compare", "--task", "xor", "--generators", "direct,dct", "--optimizers", "ga",
                "-o", "dct.coefficients=4", "--seeds", "2", "--budget", "300", "--out", exp.toString());
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(rerun.err().contains("4 of 4 runs were already recorded"), rerun.err());
        assertEquals(4, Files.readAllLines(exp.resolve("results.jsonl")).size());
    }

    @Test
    void ablateRejectsAnUnknownOptionAndAnEmptyValueList(@TempDir Path dir) {
        Outcome unknown = run("ablate", "--task", "xor", "--optimizer", "ga", "--vary", "ga.nosuch=1,2",
                "--out", dir.toString(), "-q");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("optimizer ga has no option 'nosuch'"), unknown.err());
        Outcome empty = run("ablate", "--task", "xor", "--optimizer", "ga", "--vary", "ga.population=",
                "--out", dir.toString(), "-q");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("has an empty value list"), empty.err());
    }

    @Test
    void ablateRunsTheFullGrid(@TempDir Path dir) throws Exception {
        Outcome o = run("ablate", "--task", "xor", "--optimizer", "ga", "--vary", "ga.population=20,40",
                "--vary", "ga.crossover=uniform,none", "--seeds", "1", "--budget", "200", "-q", "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(4, Files.readAllLines(dir.resolve("results.jsonl")).size());
        assertTrue(o.out().contains("ga.population"), o.out());
    }

    @Test
    void reportRejectsAFileThatIsNotJsonLinesAndSkipsATruncatedLastLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "this is not json\n");
        Outcome o = run("report", bad.toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("is not a hyperloom results file"), o.err());

        Path exp = dir.resolve("exp");
        assertEquals(0, run("run", "--task", "xor", "--optimizer", "ga", "--budget", "100", "-q",
                "--out", exp.resolve("results.jsonl").toString()).code());
        String line = Files.readString(exp.resolve("results.jsonl"));
        Files.writeString(exp.resolve("results.jsonl"), line.substring(0, line.length() / 2), java.nio.file.StandardOpenOption.APPEND);
        Outcome t = run("report", exp.resolve("results.jsonl").toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("truncated last line"), t.err());
    }

    @Test
    void runOfNeatOnXorPrintsAndRecordsWhereItSolved(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        Outcome o = run("run", "--task", "xor", "--optimizer", "neat", "--seed", "1", "--threads", "1", "-q",
                "--out", results.toString());
        assertEquals(0, o.code(), o.err());
        com.fasterxml.jackson.databind.JsonNode record = io.hyperloom.search.experiment.Json.MAPPER.readTree(
                Files.readAllLines(results).get(0));
        assertTrue(record.get("solved").asBoolean(), o.out());
        long solvedAt = record.get("solved_at").asLong();
        long evaluations = record.get("evaluations").asLong();
        assertTrue(solvedAt > evaluations - 150 && solvedAt <= evaluations,
                "solved at " + solvedAt + " within the last generation of 150 of " + evaluations);
        assertTrue(o.out().contains(String.format(java.util.Locale.ROOT, "solved at %,d evaluations", solvedAt)), o.out());
    }

    @Test
    void listShowsEveryComponentWithItsDefaults() {
        Outcome o = run("list");
        assertEquals(0, o.code());
        for (String name : List.of("boxes", "xor", "direct", "dct", "hypernet", "cppn", "neat", "cmaes", "adam", "ga")) {
            assertTrue(o.out().contains("  " + name + " "), name + " missing from list");
        }
        assertTrue(o.out().contains("population"), o.out());
    }
}
