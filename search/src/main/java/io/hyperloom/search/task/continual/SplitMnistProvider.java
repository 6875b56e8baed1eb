package io.hyperloom.search.task.continual;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@code split-mnist}: five two-class tasks (digits 0/1, 2/3, 4/5, 6/7, 8/9). Task
 * identity is given by masking: task t's softmax is renormalised over its two outputs in training
 * and its prediction is the larger of the two ({@code mask=false}: all ten, class-incremental).
 */
public final class SplitMnistProvider extends ContinualMnistProvider {

    @Override
    public String name() {
        return "split-mnist";
    }

    @Override
    public String description() {
        return "continual learning: five two-class MNIST tasks (0/1, 2/3, …), task identity given by masking the other "
                + "classes' outputs; learned one after another (optimizer sequential); needs <data-dir>/mnist";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> o = new ArrayList<>(List.of(
                OptionSpec.ofBoolean("mask", true, "task identity given: each task chooses among its own two outputs")));
        o.addAll(commonOptions());
        return List.copyOf(o);
    }

    @Override
    ContinualImageTasks tasks(Options options, Loaded d) {
        return ContinualImageTasks.split(name(), d.architecture(), d.train(), d.test(), options.bool("mask"),
                options.bool("center"));
    }
}
