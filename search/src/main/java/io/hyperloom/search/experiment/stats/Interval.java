package io.hyperloom.search.experiment.stats;

/** A closed interval [low, high], e.g. a confidence interval. */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval needs low <= high, got [" + low + ", " + high + "]");
        }
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
