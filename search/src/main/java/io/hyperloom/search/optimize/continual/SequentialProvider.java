package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code sequential}. */
public final class SequentialProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "continual learning: Adam on each sub-task of permuted-mnist/split-mnist in turn (or all at once with "
                + "joint), with the output regulariser for task-conditioned generators; budget in steps";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofDouble("lr", 0.001, "Adam learning rate (a fresh Adam state per task)"),
                OptionSpec.ofInt("batch", 0, "mini-batch size (0 = the task's default, 128)"),
                OptionSpec.ofInt("steps-per-task", 0, "Adam steps on each task, overriding the budget (0 = the budget split evenly over the tasks)"),
                OptionSpec.ofDouble("beta", 0.01, "weight β of the output regulariser β/t·Σ_{t'<t} ‖H(e_t') − W*_t'‖² "
                        + "(task-conditioned generators only; von Oswald et al. 2020 use 0.01)"),
                OptionSpec.ofInt("reg-tasks", 0, "earlier tasks regularised per step, drawn at random (0 = all)"),
                OptionSpec.ofBoolean("joint", false, "train on all tasks at once for the whole budget (the upper bound)"),
                OptionSpec.ofDouble("clip", 0.0, "clip dθ to this global norm (0 = off)"));
    }

    @Override
    public Optimizer create(Options o) {
        return new SequentialOptimizer(o.doubleValue("lr"), o.intValue("batch"), o.intValue("steps-per-task"),
                o.doubleValue("beta"), o.intValue("reg-tasks"), o.bool("joint"), o.doubleValue("clip"));
    }
}
