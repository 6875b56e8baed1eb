package io.hyperloom.search.task.pole;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;

/** Registers {@code single-pole}. */
public final class SinglePoleProvider implements TaskProvider {

    @Override
    public String name() {
        return "single-pole";
    }

    @Override
    public String description() {
        return "Markovian single pole balancing (Wieland's cart, RK4): fitness = actions balanced; "
                + "solved at max-steps (evolution only)";
    }

    @Override
    public List<OptionSpec> options() {
        return markovOptions(0);
    }

    static List<OptionSpec> markovOptions(int hidden) {
        return List.of(
                OptionSpec.ofDouble("start-angle", 0.07, "initial angle θ₁ of the long pole in rad (0.07 as NEAT; 1° = 0.01745 is also used)"),
                OptionSpec.ofInt("max-steps", 100_000, "actions of 0.02 s to balance; reaching it solves the task"),
                OptionSpec.ofInt("hidden", hidden, "tanh hidden units (0 = inputs straight to the sigmoid output, as Igel 2003)"),
                OptionSpec.ofBoolean("bias-input", false, "feed the literature's constant 0.5 input (the network's own biases are always there)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new MarkovPoleTask(1, options.doubleValue("start-angle"), options.intValue("max-steps"),
                options.intValue("hidden"), options.bool("bias-input"));
    }
}
