package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.Component;
import io.hyperloom.search.option.Options;

/**
 * A registered generator family (found with {@link java.util.ServiceLoader}, so modules such as
 * {@code cppn} and {@code hypernet} add families without {@code search} knowing them).
 */
public interface GeneratorProvider extends Component {

    /**
     * A family filling {@code layout}.
     *
     * @param options resolved with {@link #resolve}
     * @throws IllegalArgumentException if the options do not fit the layout (message says why)
     */
    GeneratorFamily create(ParameterLayout layout, Options options);

    @Override
    default String kind() {
        return "generator";
    }
}
