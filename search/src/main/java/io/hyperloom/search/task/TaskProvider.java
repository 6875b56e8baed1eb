package io.hyperloom.search.task;

import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.Options;

import java.util.Map;

/** A registered task (found with {@link java.util.ServiceLoader}). */
public interface TaskProvider extends Component {

    /**
     * @throws IllegalArgumentException for options that do not fit
     * @throws java.io.UncheckedIOException when a dataset cannot be read (message names the file)
     */
    Task create(Options options, Environment environment);

    /**
     * The metric comparisons rank this task's runs by, from the records alone ({@code "fitness"}
     * for the best fitness).
     */
    default String primaryMetric() {
        return "fitness";
    }

    /** Whether smaller values of {@code metric} are better (distances, errors, losses, bits per character). */
    default boolean lowerIsBetter(String metric) {
        return metric.endsWith("distance") || metric.endsWith("error") || metric.endsWith("loss")
                || metric.endsWith("bpc");
    }

    /**
     * Option values this task gives the named generator or optimizer where the user sets none: a
     * benchmark's own setting (e.g. the initial CMA-ES step size its literature uses), kept in
     * the resolved spec of every run so records show it. Options given with {@code -o} win.
     */
    default Map<String, String> defaultsFor(String component) {
        return Map.of();
    }

    @Override
    default String kind() {
        return "task";
    }
}
