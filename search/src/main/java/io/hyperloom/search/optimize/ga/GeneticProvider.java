package io.hyperloom.search.optimize.ga;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code ga}. */
public final class GeneticProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "ga";
    }

    @Override
    public String description() {
        return "real-valued genetic algorithm over θ on Jenetics (Gaussian mutation, crossover, elitist survivors)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("population", 100, "individuals per generation"),
                OptionSpec.ofChoice("selection", "tournament", "parent selection", "tournament", "truncation", "roulette"),
                OptionSpec.ofInt("tournament-size", 3, "individuals per tournament"),
                OptionSpec.ofDouble("mutation-rate", 0.3, "probability that a gene is mutated"),
                OptionSpec.ofDouble("mutation-sigma", 2.0, "std of a mutation, times the generator's search scale"),
                OptionSpec.ofChoice("crossover", "uniform", "recombination", "uniform", "single-point", "mean", "none"),
                OptionSpec.ofDouble("crossover-rate", 0.3, "probability that a pair is recombined"),
                OptionSpec.ofDouble("survivors", 0.2, "fraction of each generation kept unchanged (the best)"),
                OptionSpec.ofDouble("bound", 20.0, "genes are clamped to ± this, times the search scale"));
    }

    @Override
    public Optimizer create(Options o) {
        return new GeneticOptimizer(o.intValue("population"),
                GeneticOptimizer.Selection.valueOf(o.string("selection").toUpperCase()),
                o.intValue("tournament-size"), o.doubleValue("mutation-rate"), o.doubleValue("mutation-sigma"),
                GeneticOptimizer.Crossover.valueOf(o.string("crossover").toUpperCase().replace('-', '_')),
                o.doubleValue("crossover-rate"), o.doubleValue("survivors"), o.doubleValue("bound"));
    }
}
