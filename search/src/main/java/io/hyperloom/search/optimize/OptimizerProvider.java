package io.hyperloom.search.optimize;

import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.Options;

/** A registered optimizer (found with {@link java.util.ServiceLoader}). */
public interface OptimizerProvider extends Component {

    /** @throws IllegalArgumentException for options that do not fit together */
    Optimizer create(Options options);

    @Override
    default String kind() {
        return "optimizer";
    }
}
