package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.stats.EffectSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {

    private static final double EXACT = 1e-12;
    private static final String DIRECT = "direct/cmaes";
    private static final String DCT16 = "dct[coefficients=16]/cmaes";
    private static final String DCT64 = "dct[coefficients=64]/cmaes";

    /** direct: 0.1…0.5; dct 16: 0.6…1.0 (fully better); dct 64: the same scores as direct. */
    static List<RunResult> threeArms() {
        List<RunResult> out = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            out.add(Runs.run("direct", Map.of(), "cmaes", s, s / 10.0));
            out.add(Runs.run("dct", Map.of("coefficients", "16"), "cmaes", s, 0.5 + s / 10.0));
            out.add(Runs.run("dct", Map.of("coefficients", "64"), "cmaes", s, s / 10.0));
        }
        return out;
    }

    private static ComparisonOptions hitRate() {
        return ComparisonOptions.defaults().withMeasure(Measure.higher("hit_rate")).withResamples(500);
    }

    @Test
    void armsGetShortLabelsInFamilyAndNumericOrder() {
        Comparison c = Comparison.of(threeArms(), hitRate());
        assertEquals(List.of(DIRECT, DCT16, DCT64), c.rows().stream().map(ArmSummary::label).toList());
        assertEquals(DIRECT, c.baseline());
        assertEquals(Map.of("dct.coefficients", "16"), c.row(DCT16).options());
    }

    @Test
    void mediansIqrPAndA12OfKnownScores() {
        Comparison c = Comparison.of(threeArms(), hitRate());
        ArmSummary direct = c.row(DIRECT);
        assertTrue(direct.baseline());
        assertEquals(5, direct.runs());
        assertEquals(0.3, direct.score(), EXACT);
        assertEquals(0.2, direct.scoreIqr(), 1e-9); // type 7 on 5 values: q1 = 0.2, q3 = 0.4
        assertNull(direct.p());
        assertEquals(14762, direct.thetaCount(), EXACT);
        assertEquals(4.0, direct.wallSeconds(), EXACT); // 1 + seed, median seed 3

        ArmSummary better = c.row(DCT16);
        assertEquals(0.8, better.score(), EXACT);
        assertEquals(2.0 / 252, better.p(), EXACT); // exact: fully separated 5 vs 5
        assertEquals(2 * 2.0 / 252, better.pHolm(), EXACT); // smallest of two p-values, times 2
        assertTrue(better.exact());
        assertEquals(1.0, better.a12(), EXACT);
        assertEquals(EffectSize.Magnitude.LARGE, better.magnitude());
        assertEquals(32, better.thetaCount(), EXACT);
        assertEquals(14762.0 / 32, better.compression(), EXACT);
        assertTrue(better.scoreInterval().contains(0.8));

        ArmSummary same = c.row(DCT64);
        assertEquals(1.0, same.p(), EXACT);
        assertEquals(1.0, same.pHolm(), EXACT);
        assertEquals(0.5, same.a12(), EXACT);
        assertEquals(EffectSize.Magnitude.NEGLIGIBLE, same.magnitude());
    }

    @Test
    void lowerIsBetterOrientsA12() {
        Comparison c = Comparison.of(threeArms(), hitRate().withMeasure(Measure.lower("mean_distance")));
        ArmSummary better = c.row(DCT16);
        assertEquals(0.2, better.score(), 1e-9); // 1 − 0.8
        assertEquals(1.0, better.a12(), EXACT, "lower distance is better, so dct 16 beats direct");
    }

    @Test
    void evaluationsToThresholdUseTheCurveMetric() {
        Comparison c = Comparison.of(threeArms(), hitRate().withThreshold(0.45));
        // direct: only seed 5 (0.5) reaches 0.45, at its second point.
        assertEquals(1, c.row(DIRECT).reached());
        assertEquals(200.0, c.row(DIRECT).thresholdEvaluations(), EXACT);
        // dct 16: 0.9 and 1.0 reach it at 100 (score/2 ≥ 0.45), the others at 200 → median 200.
        assertEquals(5, c.row(DCT16).reached());
        assertEquals(200.0, c.row(DCT16).thresholdEvaluations(), EXACT);
        Comparison high = Comparison.of(threeArms(), hitRate().withThreshold(0.99));
        assertEquals(0, high.row(DIRECT).reached());
        assertNull(high.row(DIRECT).thresholdEvaluations());
        // Best fitness is not on the curve's metrics, so the curve's best is used: 10·score ≥ 9 at 200, 5·score at 100.
        Comparison fit = Comparison.of(threeArms(), hitRate().withMeasure(Measure.fitness()).withThreshold(3.2));
        assertEquals(100.0, fit.row(DCT16).thresholdEvaluations(), EXACT); // 5·{0.6..1.0} ≥ 3.2 for four of five at 100
    }

    @Test
    void tableDoesNotDependOnRecordOrderAndDropsDuplicates() {
        List<RunResult> shuffled = new ArrayList<>(threeArms());
        Collections.shuffle(shuffled, new Random(4));
        shuffled.add(shuffled.get(0));
        String a = Tables.text(Comparison.of(threeArms(), hitRate()));
        String b = Tables.text(Comparison.of(shuffled, hitRate()));
        assertEquals(a, b);
        assertEquals(5, Comparison.of(shuffled, hitRate()).rows().get(0).runs());
    }

    @Test
    void textTableIsAligned() {
        String text = Tables.text(Comparison.of(threeArms(), hitRate().withThreshold(0.45)));
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("arm"));
        assertTrue(lines.get(0).contains("hit_rate") && lines.get(0).contains("p (Holm)") && lines.get(0).contains("evals to 0.45"));
        assertTrue(lines.get(2).startsWith(DIRECT) && lines.get(2).contains("baseline"));
        assertTrue(lines.get(3).contains("0.0159") && lines.get(3).contains("large"));
        // right-aligned columns end where their header ends
        int end = lines.get(0).indexOf("p (Holm)") + "p (Holm)".length();
        assertEquals(end, lines.get(3).indexOf("0.0159") + "0.0159".length());
        assertEquals(end, lines.get(4).indexOf("1.0000") + "1.0000".length());
    }

    @Test
    void csvHasHeaderAndOneRowPerArm() {
        String csv = Tables.csv(Comparison.of(threeArms(), hitRate()));
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("task", "arm", "generator", "optimizer", "option:dct.coefficients", "runs", "seeds"),
                header.subList(0, 7));
        int median = header.indexOf("score_median");
        int p = header.indexOf("p");
        int a12 = header.indexOf("a12");
        List<String> dct16 = List.of(lines.get(2).split(",", -1));
        assertEquals(header.size(), dct16.size());
        assertEquals("boxes", dct16.get(0));
        assertEquals(DCT16, dct16.get(1));
        assertEquals("16", dct16.get(4));
        assertEquals("1 2 3 4 5", dct16.get(6));
        assertEquals("0.8", dct16.get(median));
        assertEquals(Double.toString(2.0 / 252), dct16.get(p));
        assertEquals("1", dct16.get(a12));
        List<String> direct = List.of(lines.get(1).split(",", -1));
        assertEquals("", direct.get(p));
        assertEquals("true", direct.get(header.indexOf("baseline")));
    }

    @Test
    void explicitLabelsAndBaseline() {
        ComparisonOptions o = hitRate().withArmLabel(r -> r.generator()).withBaseline("dct");
        Comparison c = Comparison.of(threeArms(), o);
        assertEquals(List.of("direct", "dct"), c.rows().stream().map(ArmSummary::label).toList());
        assertEquals(10, c.row("dct").runs());
        assertFalse(c.row("direct").baseline());
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(threeArms(), hitRate().withBaseline("nosuch")));
        assertThrows(IllegalArgumentException.class,
                () -> Comparison.of(threeArms(), hitRate().withMeasure(Measure.higher("accuracy"))));
    }

    @Test
    void ablationMainEffectsAndGrid() {
        List<RunResult> records = new ArrayList<>();
        // score = coefficient effect + bias effect + seed jitter
        for (String k : List.of("16", "4", "64")) {
            for (String b : List.of("on", "off")) {
                for (int s = 1; s <= 3; s++) {
                    double score = Integer.parseInt(k) / 100.0 + (b.equals("on") ? 0.2 : 0) + s / 1000.0;
                    records.add(Runs.run("dct", Map.of("coefficients", k, "biases", b), "cmaes", s, score));
                }
            }
        }
        Ablation a = Ablation.of(records, List.of("dct.coefficients", "biases"), hitRate());
        assertEquals(6, a.cells().size());
        assertEquals(Map.of("dct.coefficients", "4", "biases", "off"), a.cells().get(0).values());
        assertEquals("coefficients=4,biases=off", a.comparison().baseline());
        Ablation.MainEffect first = a.mainEffects().get(0);
        assertEquals("dct.coefficients", first.option());
        assertEquals("4", first.value());
        assertEquals(2, first.cells());
        assertEquals(6, first.runs());
        // runs with k = 4: 0.04 + {0, 0.2} + {0.001..0.003}: median of six = mean of 0.043 and 0.241
        assertEquals((0.043 + 0.241) / 2, first.score(), 1e-9);
        Ablation.Grid g = a.grid("dct.coefficients", "biases");
        assertEquals(List.of("4", "16", "64"), g.rowValues());
        assertEquals(List.of("off", "on"), g.columnValues());
        assertEquals(0.64 + 0.2 + 0.002, g.scores().get(2).get(1), 1e-9);
        assertEquals(List.of("dct.biases", "dct.coefficients"), OptionNames.varied(records));
        assertThrows(IllegalArgumentException.class, () -> Ablation.of(records, List.of("nosuch"), hitRate()));
        assertTrue(Tables.text(a).contains("main effects"));
    }

    @Test
    void meanEvaluationsToSolveCountOnlyTheSolvedRuns() {
        List<RunResult> records = List.of(Runs.solving("direct", 1, 1000, true), Runs.solving("direct", 2, 3000, true),
                Runs.solving("direct", 3, 20000, false), Runs.solving("dct", 1, 20000, false));
        Comparison c = Comparison.of(records, hitRate());
        assertEquals(2000.0, c.row("direct/cmaes").solvedEvaluations(), EXACT);
        assertEquals(2, c.row("direct/cmaes").solved());
        assertNull(c.row("dct/cmaes").solvedEvaluations());
        String table = Tables.text(c);
        assertTrue(table.contains("mean evals (solved)"), table);
        assertTrue(table.contains(" 2000 "), table);

        Comparison byEvaluations = Comparison.of(records, hitRate().withMeasure(Measure.lower(Measure.EVALUATIONS)));
        assertEquals(3000.0, byEvaluations.row("direct/cmaes").score(), EXACT, "median of 1000, 3000 and the 20000 budget");
        assertEquals(20000.0, byEvaluations.row("dct/cmaes").score(), EXACT);
    }

    @Test
    void evaluationsToSolveCountUpToTheFirstSolverWhereRecorded() {
        // 1,050 spent, solved at 903; an old record (no solved_at) counts what it spent; an unsolved run its budget
        List<RunResult> records = List.of(Runs.solvedAt("direct", 1, 1050, 903), Runs.solving("direct", 2, 3000, true),
                Runs.solving("direct", 3, 20000, false));
        Comparison c = Comparison.of(records, hitRate());
        assertEquals((903 + 3000) / 2.0, c.row("direct/cmaes").solvedEvaluations(), EXACT);
        Measure evaluations = Measure.lower(Measure.EVALUATIONS);
        assertEquals(903.0, evaluations.finalValue(records.get(0)), EXACT);
        assertEquals(3000.0, evaluations.finalValue(records.get(1)), EXACT);
        assertEquals(20000.0, evaluations.finalValue(records.get(2)), EXACT);
        Comparison byEvaluations = Comparison.of(records, hitRate().withMeasure(evaluations));
        assertEquals(3000.0, byEvaluations.row("direct/cmaes").score(), EXACT, "median of 903, 3000 and the 20000 budget");
        assertTrue(Tables.text(c).contains(" 1952"), Tables.text(c));
    }
}
