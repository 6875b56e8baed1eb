package io.hyperloom.search.task.pole;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;

/** Registers {@code double-pole-nv}. */
public final class DoublePoleNvProvider implements TaskProvider {

    @Override
    public String name() {
        return "double-pole-nv";
    }

    @Override
    public String description() {
        return "double pole balancing without velocities, fully recurrent net, Gruau's damping fitness; solved by "
                + "100,000 steps and >= 200/625 generalisation starts (evolution only)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofDouble("start-angle", 0.07, "initial angle θ₁ of the long pole in rad"),
                OptionSpec.ofChoice("network", "fully-recurrent", "target network: fully-recurrent (hidden + 1 "
                        + "tanh neurons seeing all inputs and all previous activations, the last the output, as "
                        + "in the literature) or elman (Elman tanh layer -> dense sigmoid output)",
                        "fully-recurrent", "elman"),
                OptionSpec.ofInt("hidden", 3, "hidden neurons besides the output (3 as Igel 2003)"),
                OptionSpec.ofBoolean("bias-input", false, "feed the literature's constant 0.5 input (the network's own biases are always there)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new NonMarkovPoleTask(options.doubleValue("start-angle"), options.intValue("hidden"),
                options.bool("bias-input"), NonMarkovPoleTask.Topology.of(options.string("network")));
    }
}
