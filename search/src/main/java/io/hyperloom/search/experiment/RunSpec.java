package io.hyperloom.search.experiment;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run, completely described: task, generator family, optimizer, each with its options, the
 * budget (in the optimizer's unit) and the seed. A value: the same spec and seed give the same
 * result, whatever the thread count.
 *
 * <p>A spec read from a user may leave options out and the budget at 0 ("the task's default");
 * {@link Registry#resolve} returns the canonical spec with every option and the budget filled in,
 * which is what records carry and hash.
 */
public record RunSpec(String task, Map<String, String> taskOptions,
                      String generator, Map<String, String> generatorOptions,
                      String optimizer, Map<String, String> optimizerOptions,
                      long budget, long seed) {

    public RunSpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(optimizer, "optimizer");
        taskOptions = sorted(taskOptions);
        generatorOptions = sorted(generatorOptions);
        optimizerOptions = sorted(optimizerOptions);
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0 (0 = the task's default), got " + budget);
        }
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m == null ? Map.of() : m));
    }

    public static RunSpec of(String task, String generator, String optimizer, long seed) {
        return new RunSpec(task, Map.of(), generator, Map.of(), optimizer, Map.of(), 0, seed);
    }

    public RunSpec withSeed(long seed) {
        return new RunSpec(task, taskOptions, generator, generatorOptions, optimizer, optimizerOptions, budget, seed);
    }

    public RunSpec withBudget(long budget) {
        return new RunSpec(task, taskOptions, generator, generatorOptions, optimizer, optimizerOptions, budget, seed);
    }

    public RunSpec withTaskOptions(Map<String, String> options) {
        return new RunSpec(task, options, generator, generatorOptions, optimizer, optimizerOptions, budget, seed);
    }

    public RunSpec withGenerator(String generator, Map<String, String> options) {
        return new RunSpec(task, taskOptions, generator, options, optimizer, optimizerOptions, budget, seed);
    }

    public RunSpec withOptimizer(String optimizer, Map<String, String> options) {
        return new RunSpec(task, taskOptions, generator, generatorOptions, optimizer, options, budget, seed);
    }
}
