package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.optimize.CurvePoint;

import java.util.OptionalLong;

/**
 * Which figure of a run is its score, and which direction is better: a final metric by name
 * (e.g. {@code hit_rate}, or {@code mean_distance} and {@code test_error} with lower better), or
 * the best fitness when {@code metric} is null, or {@code evaluations}, the evaluations a run needed (lower
 * better), which ranks tasks that runs stop on solving (pole balancing, xor) the way their literature does:
 * a solved run counts the evaluations up to its first solving candidate ({@link RunResult#evaluationsToSolve}),
 * an unsolved run its whole budget (the evaluations it spent).
 *
 * @param metric         a metric name of {@link RunResult#metrics()}, or null for {@code best_fitness}
 * @param higherIsBetter the direction of "better"
 */
public record Measure(String metric, boolean higherIsBetter) {

    public static final String FITNESS = "best_fitness";
    public static final String EVALUATIONS = "evaluations";

    public Measure {
        if (metric != null && (metric.isBlank() || metric.equals(FITNESS))) {
            metric = null;
        }
    }

    /** The best fitness, higher better. */
    public static Measure fitness() {
        return new Measure(null, true);
    }

    /** A metric with higher better (hit_rate, accuracy). */
    public static Measure higher(String metric) {
        return new Measure(metric, true);
    }

    /** A metric with lower better (mean_distance, test_error). */
    public static Measure lower(String metric) {
        return new Measure(metric, false);
    }

    /** The name shown in tables. */
    public String name() {
        return metric == null ? FITNESS : metric;
    }

    /**
     * The run's final score.
     *
     * @throws IllegalArgumentException if the record lacks the metric (naming the metrics it has)
     */
    public double finalValue(RunResult r) {
        if (metric == null) {
            return r.bestFitness();
        }
        Double v = r.metrics().get(metric);
        if (v == null && metric.equals(EVALUATIONS)) {
            return Boolean.TRUE.equals(r.solved()) ? r.evaluationsToSolve() : r.evaluations();
        }
        if (v == null) {
            throw new IllegalArgumentException("run " + r.generator() + "/" + r.optimizer() + " seed " + r.seed()
                    + " on " + r.task() + " has no metric '" + metric + "'; its metrics are: " + r.metrics().keySet());
        }
        return v;
    }

    /** The score of a curve point: the metric where the point carries it, else the best fitness so far. */
    public double curveValue(CurvePoint p) {
        if (metric != null) {
            Double v = p.metrics().get(metric);
            if (v != null) {
                return v;
            }
            if (metric.equals(EVALUATIONS)) {
                return p.evaluations();
            }
        }
        return p.best();
    }

    /** Whether {@code value} is at least as good as {@code threshold}. */
    public boolean reaches(double value, double threshold) {
        return higherIsBetter ? value >= threshold : value <= threshold;
    }

    /** The evaluations of the first curve point whose score reaches the threshold, if any does. */
    public OptionalLong evaluationsToReach(RunResult r, double threshold) {
        for (CurvePoint p : r.curve()) {
            if (reaches(curveValue(p), threshold)) {
                return OptionalLong.of(p.evaluations());
            }
        }
        return OptionalLong.empty();
    }

    /** The value oriented so that larger is better (negated when lower is better). */
    public double oriented(double value) {
        return higherIsBetter ? value : -value;
    }
}
