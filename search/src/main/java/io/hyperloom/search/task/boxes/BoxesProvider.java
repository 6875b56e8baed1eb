package io.hyperloom.search.task.boxes;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.util.List;

/** Registers {@code boxes}. */
public final class BoxesProvider implements TaskProvider {

    @Override
    public String name() {
        return "boxes";
    }

    @Override
    public String description() {
        return "HyperNEAT's visual discrimination task: find the large box's centre in an n×n field (75 trials)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("size", 11, "side n of the visual and target fields (11 in the paper; 33, 55 scale it)"),
                OptionSpec.ofInt("test-trials", 300, "random held-out placements for test_hit_rate (fixed seed)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        return new BoxesTask(options.intValue("size"), options.intValue("test-trials"));
    }

    @Override
    public String primaryMetric() {
        return "hit_rate";
    }
}
