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

    @Override
    default String kind() {
        return "task";
    }
}
