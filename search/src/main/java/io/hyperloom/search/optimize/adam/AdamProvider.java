package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code adam}. */
public final class AdamProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public String description() {
        return "Adam through W into θ (gradient; supervised tasks, differentiable generators); budget in steps";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofDouble("lr", 0.001, "learning rate"),
                OptionSpec.ofInt("batch", 0, "mini-batch size (0 = the task's default)"),
                OptionSpec.ofDouble("beta1", 0.9, "first-moment decay"),
                OptionSpec.ofDouble("beta2", 0.999, "second-moment decay"),
                OptionSpec.ofDouble("eps", 1e-8, "denominator guard"),
                OptionSpec.ofDouble("clip", 0.0, "clip dθ to this global norm (0 = off)"),
                OptionSpec.ofChoice("schedule", "constant", "learning-rate schedule over the budget: constant, "
                        + "cosine (to 1%), step (×0.1 at 50% and 75%)", "constant", "cosine", "step"),
                OptionSpec.ofInt("eval-every", 0, "steps between fitness evaluations of θ (0 = once per epoch)"),
                OptionSpec.ofInt("chunk", 100, "examples per gradient work unit; fixed so results do not depend on threads"));
    }

    @Override
    public Optimizer create(Options o) {
        return new AdamOptimizer(o.doubleValue("lr"), o.intValue("batch"), o.doubleValue("beta1"),
                o.doubleValue("beta2"), o.doubleValue("eps"), o.doubleValue("clip"),
                AdamOptimizer.Schedule.valueOf(o.string("schedule").toUpperCase()), o.intValue("eval-every"),
                o.intValue("chunk"));
    }
}
