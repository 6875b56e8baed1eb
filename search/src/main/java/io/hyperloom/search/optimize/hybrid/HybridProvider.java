package io.hyperloom.search.optimize.hybrid;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.optimize.adam.AdamOptimizer;
import io.hyperloom.search.optimize.adam.AdamTrainer;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;
import java.util.Locale;

/** Registers {@code hybrid}. */
public final class HybridProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public String description() {
        return "evolution of genomes with a few Adam steps on every candidate's θ before scoring (DPPN with cppn; "
                + "supervised tasks, differentiable generators); budget in evaluations";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("steps", 20, "Adam steps on each candidate's θ before it is scored"),
                OptionSpec.ofChoice("inheritance", "lamarckian", "lamarckian writes the trained θ back into the genome "
                        + "(Fernando et al. 2016); baldwinian keeps only the fitness", "lamarckian", "baldwinian"),
                OptionSpec.ofInt("population", 20, "genomes per generation"),
                OptionSpec.ofInt("elite", 2, "fittest genomes copied unchanged into the next generation"),
                OptionSpec.ofInt("tournament", 3, "tournament size of parent selection"),
                OptionSpec.ofDouble("crossover-rate", 0.5, "probability that an offspring has two parents"),
                OptionSpec.ofDouble("mutation-rate", 0.1, "parametric families: per-coordinate mutation probability"),
                OptionSpec.ofDouble("mutation-sigma", 1.0, "parametric families: mutation σ in units of the family's scale"),
                OptionSpec.ofDouble("lr", 0.01, "Adam learning rate of the inner loop"),
                OptionSpec.ofInt("batch", 0, "mini-batch size (0 = the task's default)"),
                OptionSpec.ofDouble("beta1", 0.9, "first-moment decay"),
                OptionSpec.ofDouble("beta2", 0.999, "second-moment decay"),
                OptionSpec.ofDouble("eps", 1e-8, "denominator guard"),
                OptionSpec.ofDouble("clip", 0.0, "clip dθ to this global norm (0 = off)"),
                OptionSpec.ofInt("chunk", 100, "examples per gradient work unit"),
                OptionSpec.ofInt("max-theta", 0, "cap on a candidate's |θ| (e.g. 801 CPPN weights for DPPN): offspring "
                        + "over it are bred again, else their parent is kept; 0 = no cap"));
    }

    @Override
    public Optimizer create(Options o) {
        AdamTrainer trainer = new AdamTrainer(o.doubleValue("lr"), o.intValue("batch"), o.doubleValue("beta1"),
                o.doubleValue("beta2"), o.doubleValue("eps"), o.doubleValue("clip"), AdamOptimizer.Schedule.CONSTANT,
                o.intValue("chunk"));
        return new HybridOptimizer(trainer, o.intValue("steps"),
                HybridOptimizer.Inheritance.valueOf(o.string("inheritance").toUpperCase(Locale.ROOT)),
                o.intValue("population"), o.intValue("elite"), o.intValue("tournament"),
                o.doubleValue("crossover-rate"), o.doubleValue("mutation-rate"), o.doubleValue("mutation-sigma"),
                o.intValue("max-theta"));
    }
}
