package io.hyperloom.search.task;

import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.Options;

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

    @Override
    default String kind() {
        return "task";
    }
}
