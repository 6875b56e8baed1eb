package io.hyperloom.search.optimize;

import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.Options;

/** A registered optimizer (found with {@link java.util.ServiceLoader}). */
public interface OptimizerProvider extends Component {

    /** @throws IllegalArgumentException for options that do not fit together */
    Optimizer create(Options options);

    /** The generator a run uses when none is named ({@code neat}: the genome is the network). */
    default String defaultGenerator() {
        return "direct";
    }

    @Override
    default String kind() {
        return "optimizer";
    }
}
