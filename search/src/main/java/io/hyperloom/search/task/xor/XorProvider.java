package io.hyperloom.search.task.xor;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;

/** Registers {@code xor}. */
public final class XorProvider implements TaskProvider {

    @Override
    public String name() {
        return "xor";
    }

    @Override
    public String description() {
        return "two-input XOR, NEAT's fitness (4 − Σ|o−t|)²; solved when all four outputs are on the right side of 0.5";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.ofInt("hidden", 3, "hidden units of the 2-h-1 target network (2-2-1 without skip connections has local optima)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new XorTask(options.intValue("hidden"));
    }
}
