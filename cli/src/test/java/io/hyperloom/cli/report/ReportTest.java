package io.hyperloom.cli.report;

import io.hyperloom.search.experiment.Experiments;
import io.hyperloom.search.experiment.ResultsFile;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;
import io.hyperloom.search.experiment.table.Measure;
import io.hyperloom.search.optimize.CurvePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    /** A boxes run with final hit_rate {@code score} and a three-point curve. */
    static RunResult run(String generator, Map<String, String> options, long seed, double score) {
        RunSpec spec = new RunSpec("boxes", Map.of("size", "11"), generator, options, "cmaes", Map.of(), 300, seed);
        long theta = generator.equals("direct") ? 14762 : 2L * Long.parseLong(options.getOrDefault("coefficients", "8"));
        List<CurvePoint> curve = List.of(
                new CurvePoint(100, 0, 0.5 * seed, score * 3, score, Map.of("hit_rate", score / 3)),
                new CurvePoint(200, 0, 1.0 * seed, score * 6, score, Map.of("hit_rate", score * 2 / 3)),
                new CurvePoint(300 - seed, 0, 1.5 * seed, score * 10, score, Map.of("hit_rate", score)));
        return new RunResult("boxes", generator, "cmaes", seed, spec, Experiments.hash(spec), theta,
                Map.of("theta", (int) theta), 14762, 14762.0 / theta, 300 - seed, 0, 0, 1.5 * seed, null, score * 10,
                Map.of("hit_rate", score, "mean_distance", 1 - score), curve, null, 0, null,
                Map.of("hyperloom", "test", "java", "21"));
    }

    static List<RunResult> comparison() {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            out.add(run("direct", Map.of(), s, 0.2 + s / 20.0));
            out.add(run("dct", Map.of("coefficients", "16"), s, 0.5 + s / 20.0));
        }
        return out;
    }

    static List<RunResult> ablation() {
        List<RunResult> out = new ArrayList<>();
        for (String k : List.of("4", "16")) {
            for (String b : List.of("on", "off")) {
                for (int s = 1; s <= 3; s++) {
                    out.add(run("dct", Map.of("coefficients", k, "biases", b), s,
                            Integer.parseInt(k) / 40.0 + (b.equals("on") ? 0.3 : 0) + s / 100.0));
                }
            }
        }
        return out;
    }

    private static ReportOptions options() {
        return ReportOptions.defaults().withMeasures(Map.of("boxes", Measure.higher("hit_rate")))
                .withComparison(ReportOptions.defaults().comparison().withResamples(1000).withThreshold(0.5));
    }

    @Test
    void writesEveryFileAndASelfContainedHtml(@TempDir Path dir) throws IOException {
        List<Path> files = Report.write(comparison(), options(), dir);
        for (String name : List.of("report.md", "report.html", "table.csv", "boxes-score-evaluations.png",
                "boxes-score-time.png", "boxes-theta-score.png")) {
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
            assertTrue(files.contains(dir.resolve(name)), name);
        }
        BufferedImage img = javax.imageio.ImageIO.read(dir.resolve("boxes-score-evaluations.png").toFile());
        assertEquals(800, img.getWidth());
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network references");
        assertFalse(html.contains("<script") || html.contains("<link"), "no scripts or linked styles");
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/png;base64,"), src.group(1));
            images++;
        }
        assertEquals(3, images);
        assertTrue(html.contains("dct[coefficients=16]/cmaes") || html.contains("dct/cmaes"));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("](boxes-score-evaluations.png)"));
        assertTrue(md.contains("| arm |"));
        assertFalse(md.contains("Main effects"), "nothing was varied");
        List<String> csv = Files.readAllLines(dir.resolve("table.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("task,arm,generator,optimizer,runs,"));
    }

    @Test
    void rebuildingFromTheResultsFileGivesIdenticalFiles(@TempDir Path dir) throws IOException {
        List<RunResult> records = comparison();
        Report.write(records, options(), dir.resolve("a"));
        List<RunResult> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(2));
        ResultsFile file = new ResultsFile(dir.resolve("results.jsonl"));
        for (RunResult r : shuffled) {
            file.append(r);
        }
        Report.write(file.read().results(), options(), dir.resolve("b"));
        for (String name : List.of("report.md", "report.html", "table.csv", "boxes-score-time.png")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)),
                    Files.readAllBytes(dir.resolve("b").resolve(name)), name);
        }
    }

    @Test
    void ablationGetsMainEffectsGridAndHeatMap(@TempDir Path dir) throws IOException {
        Report.write(ablation(), options(), dir);
        assertTrue(Files.size(dir.resolve("boxes-grid-dct-biases-dct-coefficients.png")) > 0);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("### Main effects"));
        assertTrue(md.contains("### Grid: dct.biases × dct.coefficients"));
        assertTrue(md.contains("| coefficients=4,biases=off") || md.contains("| biases=off,coefficients=4"), md);
        String csv = Files.readString(dir.resolve("table.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().contains("option:dct.biases,option:dct.coefficients"));
    }

    @Test
    void weightImageHookIsEmbedded(@TempDir Path dir) throws IOException {
        List<String> asked = new ArrayList<>();
        WeightImageRenderer renderer = (run, out, prefix) -> {
            asked.add(run.generator() + ":" + run.seed());
            Path p = out.resolve(prefix + "w0.png");
            javax.imageio.ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
            return List.of(p);
        };
        Report.write(comparison(), options().withWeightImages(renderer), dir);
        assertEquals(List.of("direct:4", "dct:4"), asked, "each arm's best run (highest hit_rate: seed 4)");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("generated weights of direct/cmaes"));
        assertTrue(Files.exists(dir.resolve("boxes-weights-1-w0.png")));
        assertEquals(5, html.split("data:image/png;base64,", -1).length - 1);
        assertTrue(new String(Files.readAllBytes(dir.resolve("report.md")), StandardCharsets.UTF_8)
                .contains("](boxes-weights-2-w0.png)"));
    }
}
