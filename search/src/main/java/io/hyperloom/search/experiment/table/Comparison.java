package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.stats.Bootstrap;
import io.hyperloom.search.experiment.stats.EffectSize;
import io.hyperloom.search.experiment.stats.Holm;
import io.hyperloom.search.experiment.stats.Interval;
import io.hyperloom.search.experiment.stats.MannWhitney;
import io.hyperloom.search.experiment.stats.Quantiles;
import io.hyperloom.search.optimize.Seeds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A comparison of arms on one task, computed from run records alone: the figures of every
 * {@link ArmSummary}, with Mann–Whitney p-values (Holm-corrected across the non-baseline arms) and
 * A₁₂ against the baseline arm.
 *
 * {@snippet :
 * var table = Comparison.of(records, ComparisonOptions.defaults().withMeasure(Measure.higher("hit_rate")));
 * System.out.print(Tables.text(table));
 * }
 *
 * @param arms the grouped runs, in table order
 * @param rows one summary per arm, in the same order
 */
public record Comparison(String task, ComparisonOptions options, String baseline, List<Arm> arms,
                         List<ArmSummary> rows) {

    public Comparison {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(options, "options");
        arms = List.copyOf(arms);
        rows = List.copyOf(rows);
    }

    public Measure measure() {
        return options.measure();
    }

    /**
     * Builds the comparison.
     *
     * @throws IllegalArgumentException if there are no records, they span several tasks, the
     *         baseline label names no arm, or a record lacks the measured metric
     */
    public static Comparison of(List<RunResult> records, ComparisonOptions options) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no run records to compare");
        }
        List<String> tasks = records.stream().map(RunResult::task).distinct().sorted().toList();
        if (tasks.size() != 1) {
            throw new IllegalArgumentException("a comparison covers one task, the records hold " + tasks
                    + "; compare each task separately");
        }
        List<Arm> arms = Arms.group(records, options.armLabel());
        Measure m = options.measure();
        String baseline = options.baseline() != null ? options.baseline() : defaultBaseline(arms);
        int base = -1;
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).label().equals(baseline)) {
                base = i;
            }
        }
        if (base < 0) {
            throw new IllegalArgumentException("baseline arm '" + baseline + "' is not among the arms: "
                    + arms.stream().map(Arm::label).toList());
        }
        double[][] scores = new double[arms.size()][];
        for (int i = 0; i < arms.size(); i++) {
            scores[i] = arms.get(i).runs().stream().mapToDouble(m::finalValue).toArray();
        }
        // Tests against the baseline, oriented so that A12 > 0.5 always means "better than the baseline".
        double[] baseOriented = oriented(m, scores[base]);
        List<Integer> tested = new ArrayList<>();
        List<MannWhitney.Result> tests = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            if (i != base) {
                tested.add(i);
                tests.add(MannWhitney.test(oriented(m, scores[i]), baseOriented));
            }
        }
        double[] holm = Holm.adjust(tests.stream().mapToDouble(MannWhitney.Result::p).toArray());
        List<ArmSummary> rows = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            int t = tested.indexOf(i);
            Double p = null;
            Double ph = null;
            Boolean exact = null;
            Double a12 = null;
            EffectSize.Magnitude mag = null;
            if (t >= 0) {
                p = tests.get(t).p();
                ph = holm[t];
                exact = tests.get(t).exact();
                a12 = EffectSize.a12(oriented(m, scores[i]), baseOriented);
                mag = EffectSize.magnitude(a12);
            }
            rows.add(summarise(arm, scores[i], options, i == base, p, ph, exact, a12, mag));
        }
        return new Comparison(tasks.get(0), options, baseline, arms, rows);
    }

    /** The row of the arm with this label. */
    public ArmSummary row(String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no arm '" + label + "'; arms: " + rows.stream().map(ArmSummary::label).toList()));
    }

    /** Whether any row has a p-value from the normal approximation (stated under tables). */
    public boolean anyApproximateP() {
        return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.exact()));
    }

    private static String defaultBaseline(List<Arm> arms) {
        return arms.stream().filter(a -> a.generator().equals("direct")).findFirst().orElse(arms.get(0)).label();
    }

    private static double[] oriented(Measure m, double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = m.oriented(values[i]);
        }
        return out;
    }

    private static ArmSummary summarise(Arm arm, double[] scores, ComparisonOptions o, boolean baseline, Double p,
                                        Double pHolm, Boolean exact, Double a12, EffectSize.Magnitude mag) {
        List<RunResult> runs = arm.runs();
        // One bootstrap stream per arm label, so adding an arm leaves the other arms' intervals unchanged.
        long stream = java.util.Arrays.hashCode(arm.label().getBytes(StandardCharsets.UTF_8));
        Interval ci = Bootstrap.medianInterval(scores, o.confidence(), o.resamples(),
                Seeds.random(Seeds.derive(o.bootstrapSeed(), stream, 0)));
        Double thresholdEvaluations = null;
        int reached = 0;
        if (o.threshold() != null) {
            List<Double> evals = new ArrayList<>();
            for (RunResult r : runs) {
                OptionalLong e = o.measure().evaluationsToReach(r, o.threshold());
                if (e.isPresent()) {
                    evals.add((double) e.getAsLong());
                }
            }
            reached = evals.size();
            if (reached > 0) {
                thresholdEvaluations = Quantiles.median(evals.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        Map<String, List<Double>> parts = new TreeMap<>();
        for (RunResult r : runs) {
            r.thetaParts().forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v.doubleValue()));
        }
        Map<String, Double> partMedians = new TreeMap<>();
        parts.forEach((k, v) -> partMedians.put(k, Quantiles.median(v.stream().mapToDouble(Double::doubleValue).toArray())));
        boolean anyCriterion = runs.stream().anyMatch(r -> r.solved() != null);
        Integer solved = anyCriterion ? (int) runs.stream().filter(r -> Boolean.TRUE.equals(r.solved())).count() : null;
        Double solvedEvaluations = runs.stream().filter(r -> Boolean.TRUE.equals(r.solved()))
                .mapToLong(RunResult::evaluationsToSolve).average().stream().boxed().findFirst().orElse(null);
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        return new ArmSummary(arm.label(), arm.generator(), arm.optimizer(), arm.options(), runs.size(),
                runs.stream().map(RunResult::seed).toList(), median(runs, r -> r.thetaCount()), partMedians,
                median(runs, r -> r.weightCount()), median(runs, RunResult::compression),
                Quantiles.sortedQuantile(sorted, 0.5), Quantiles.sortedQuantile(sorted, 0.25),
                Quantiles.sortedQuantile(sorted, 0.75), ci, thresholdEvaluations, reached,
                median(runs, r -> r.evaluations()), median(runs, r -> r.gradientSteps()),
                median(runs, RunResult::wallSeconds), solved, solvedEvaluations, runs.stream().mapToLong(RunResult::failures).sum(),
                baseline, p, pHolm, exact, a12, mag);
    }

    private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return Quantiles.median(runs.stream().mapToDouble(f).toArray());
    }
}
