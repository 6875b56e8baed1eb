package io.hyperloom.search.generator.direct;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code direct}. */
public final class DirectProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public String description() {
        return "every weight searched, W = θ (the baseline)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofChoice("init", "lecun", "initial weights: normal with std 1/√fan-in (lecun), √(2/fan-in) (he), "
                        + "√(2/(fan-in+fan-out)) (glorot), or zero", "lecun", "he", "glorot", "zero"),
                OptionSpec.ofDouble("scale", 0.5, "per-weight scale for evolution (initial CMA-ES σ, GA mutation σ)"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options options) {
        return new DirectFamily(layout, Initialisation.valueOf(options.string("init").toUpperCase()),
                options.doubleValue("scale"));
    }
}
