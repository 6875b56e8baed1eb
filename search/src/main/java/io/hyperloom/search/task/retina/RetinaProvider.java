package io.hyperloom.search.task.retina;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;
import java.util.Locale;

/** Registers {@code retina}. */
public final class RetinaProvider implements TaskProvider {

    @Override
    public String name() {
        return "retina";
    }

    @Override
    public String description() {
        return "Kashtan & Alon's left/right retina: 2×4 pixels, 256 patterns, 8 objects per side; "
                + "fitness 1000/(1 + Σ|o−t|), solved when all 256 are classified";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofChoice("variant", "both", "outputs: both = left present and right present; and = L∧R; or = L∨R",
                        "both", "and", "or"),
                OptionSpec.ofChoice("pixels", "signed", "pixel values: signed = on +1, off −1; binary = on 1, off 0",
                        "signed", "binary"),
                OptionSpec.ofIntList("hidden", "8,4", "tanh hidden layer widths (even widths are laid out on two rows)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new RetinaTask(RetinaTask.Variant.valueOf(options.string("variant").toUpperCase(Locale.ROOT)),
                RetinaTask.Pixels.valueOf(options.string("pixels").toUpperCase(Locale.ROOT)),
                options.intList("hidden"));
    }
}
