package io.hyperloom.search.optimize;

import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a run's learning curve: the best fitness so far against evaluations, gradient
 * steps and wall time, with the best candidate's metrics.
 *
 * @param mean the mean fitness of the last generation (the last monitored fitness for gradient runs)
 */
public record CurvePoint(long evaluations, long steps, double seconds, double best, double mean,
                         Map<String, Double> metrics) {

    public CurvePoint {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** The same point with its time zeroed, for comparing runs whose timings differ. */
    public CurvePoint withoutTime() {
        return new CurvePoint(evaluations, steps, 0.0, best, mean, metrics);
    }
}
