package io.hyperloom.cppn.evolve;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers the {@code neat} optimizer. */
public final class NeatProvider implements OptimizerProvider {

    /** Without a named generator, NEAT evolves the target network itself (the classic setting). */
    @Override
    public String defaultGenerator() {
        return "neat";
    }

    @Override
    public String name() {
        return "neat";
    }

    @Override
    public String description() {
        return "NEAT (Stanley & Miikkulainen 2002): speciated, complexifying evolution of network or CPPN genomes";
    }

    @Override
    public List<OptionSpec> options() {
        return NeatParameters.options();
    }

    @Override
    public Optimizer create(Options options) {
        return new NeatOptimizer(NeatParameters.of(options));
    }
}
