package io.hyperloom.search.task.pole;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;

/** Registers {@code double-pole}. */
public final class DoublePoleProvider implements TaskProvider {

    @Override
    public String name() {
        return "double-pole";
    }

    @Override
    public String description() {
        return "Markovian double pole balancing (Wieland's cart, RK4, NEAT's physics): fitness = actions balanced; "
                + "solved at 100,000 (evolution only)";
    }

    @Override
    public List<OptionSpec> options() {
        return SinglePoleProvider.markovOptions(0);
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new MarkovPoleTask(2, options.doubleValue("start-angle"), options.intValue("max-steps"),
                options.intValue("hidden"), options.bool("bias-input"));
    }
}
