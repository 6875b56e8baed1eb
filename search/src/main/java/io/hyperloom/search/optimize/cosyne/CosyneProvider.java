package io.hyperloom.search.optimize.cosyne;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;
import java.util.Locale;

/** Registers {@code cosyne}. */
public final class CosyneProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "cosyne";
    }

    @Override
    public String description() {
        return "cooperative synapse neuroevolution: per-coordinate subpopulations, permuted (Gomez et al. 2008)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("population", 40, "networks per generation m (>= 4)"),
                OptionSpec.ofDouble("elite", 0.25, "fraction of networks that breed; as many children replace "
                        + "the worst, in (0, 0.5]"),
                OptionSpec.ofDouble("mutation-rate", 0.3, "probability of mutating each coordinate of a child"),
                OptionSpec.ofChoice("mutation", "cauchy", "mutation noise distribution", "cauchy", "gaussian"),
                OptionSpec.ofDouble("mutation-scale", 0.6, "noise scale as a multiple of the generator's search "
                        + "scale (direct: scale option, 0.5)"));
    }

    @Override
    public Optimizer create(Options options) {
        return new CosyneOptimizer(options.intValue("population"), options.doubleValue("elite"),
                options.doubleValue("mutation-rate"),
                CosyneOptimizer.Mutation.valueOf(options.string("mutation").toUpperCase(Locale.ROOT)),
                options.doubleValue("mutation-scale"));
    }
}
