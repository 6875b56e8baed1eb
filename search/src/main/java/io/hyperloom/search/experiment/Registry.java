package io.hyperloom.search.experiment;

import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.Component;
import io.hyperloom.search.task.TaskProvider;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every task, generator family and optimizer on the class path, found with {@link ServiceLoader}
 * (each module lists its providers in {@code META-INF/services}). Immutable.
 */
public record Registry(List<TaskProvider> tasks, List<GeneratorProvider> generators,
                       List<OptimizerProvider> optimizers) {

    public Registry {
        tasks = sortedCopy(tasks);
        generators = sortedCopy(generators);
        optimizers = sortedCopy(optimizers);
    }

    private static <T extends Component> List<T> sortedCopy(List<T> list) {
        return list.stream().sorted(Comparator.comparing(Component::name)).toList();
    }

    /** The providers visible to this class's loader. */
    public static Registry load() {
        ClassLoader cl = Registry.class.getClassLoader();
        return new Registry(
                ServiceLoader.load(TaskProvider.class, cl).stream().map(ServiceLoader.Provider::get).toList(),
                ServiceLoader.load(GeneratorProvider.class, cl).stream().map(ServiceLoader.Provider::get).toList(),
                ServiceLoader.load(OptimizerProvider.class, cl).stream().map(ServiceLoader.Provider::get).toList());
    }

    public TaskProvider task(String name) {
        return find("task", tasks, name);
    }

    public GeneratorProvider generator(String name) {
        return find("generator", generators, name);
    }

    public OptimizerProvider optimizer(String name) {
        return find("optimizer", optimizers, name);
    }

    private static <T extends Component> T find(String kind, List<T> list, String name) {
        return list.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown " + kind + " '" + name + "'; valid " + kind + "s: "
                        + String.join(", ", list.stream().map(Component::name).toList())));
    }

    /**
     * The canonical spec: names checked, every option present with its default, values in
     * canonical form. The budget stays as given (0 = the task's default, fixed when the run starts).
     *
     * @throws IllegalArgumentException naming what is wrong and what is valid
     */
    public RunSpec resolve(RunSpec spec) {
        TaskProvider tp = task(spec.task());
        Map<String, String> t = tp.resolve(spec.taskOptions()).values();
        Map<String, String> g = generator(spec.generator())
                .resolve(withTaskDefaults(tp, spec.generator(), spec.generatorOptions())).values();
        Map<String, String> o = optimizer(spec.optimizer())
                .resolve(withTaskDefaults(tp, spec.optimizer(), spec.optimizerOptions())).values();
        return new RunSpec(spec.task(), t, spec.generator(), g, spec.optimizer(), o, spec.budget(), spec.seed());
    }

    /** The task's own values for {@code component}'s options, overlaid by the given ones. */
    private static Map<String, String> withTaskDefaults(TaskProvider task, String component, Map<String, String> given) {
        Map<String, String> preset = task.defaultsFor(component);
        if (preset.isEmpty()) {
            return given;
        }
        Map<String, String> merged = new HashMap<>(preset);
        merged.putAll(given);
        return merged;
    }
}
