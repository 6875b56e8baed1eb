package io.hyperloom.search.task.continual;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@code permuted-mnist}: T tasks, each MNIST with its own fixed pixel permutation
 * ({@link Permutations#of}; task 0 is plain MNIST unless {@code identity-first=false}), all ten
 * classes in each.
 */
public final class PermutedMnistProvider extends ContinualMnistProvider {

    @Override
    public String name() {
        return "permuted-mnist";
    }

    @Override
    public String description() {
        return "continual learning: T MNIST tasks with fixed seeded pixel permutations, learned one after another "
                + "(optimizer sequential); metrics acc_after_t, acc_final_t, forgetting; needs <data-dir>/mnist";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.ofInt("tasks", 10, "T, the number of permutations (tasks)"),
                OptionSpec.ofLong("permutation-seed", 1, "seed of the pixel permutations (fixed per seed, not per run)"),
                OptionSpec.ofBoolean("identity-first", true, "task 0 is unpermuted MNIST")));
        o.addAll(commonOptions());
        return List.copyOf(o);
    }

    @Override
    ContinualImageTasks tasks(Options options, Loaded d) {
        return ContinualImageTasks.permuted(name(), d.architecture(), d.train(), d.test(), options.intValue("tasks"),
                options.longValue("permutation-seed"), options.bool("identity-first"), options.bool("center"));
    }
}
