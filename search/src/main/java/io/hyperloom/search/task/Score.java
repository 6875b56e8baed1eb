package io.hyperloom.search.task;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one evaluation of a network yields: a fitness (higher is better, finite) and named metrics.
 *
 * @param solved whether the task's success criterion is met, or null where it has none
 */
public record Score(double fitness, Map<String, Double> metrics, Boolean solved) {

    public Score {
        if (!Double.isFinite(fitness)) {
            throw new IllegalArgumentException("fitness must be finite, got " + fitness);
        }
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metrics, "metrics")));
    }

    public static Score of(double fitness) {
        return new Score(fitness, Map.of(), null);
    }

    public boolean isSolved() {
        return Boolean.TRUE.equals(solved);
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; metrics are " + metrics.keySet());
        }
        return v;
    }
}
