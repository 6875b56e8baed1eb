package io.hyperloom.cli;

import io.hyperloom.search.experiment.RunSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code NAME.OPTION=VALUE} settings into a spec's task, generator and optimizer options.
 * NAME is {@code task}, {@code generator}, {@code optimizer}, or the component's own name (so
 * {@code dct.coefficients=64} and {@code generator.coefficients=64} mean the same).
 */
final class ComponentOptions {

    private ComponentOptions() {
    }

    static RunSpec apply(RunSpec spec, List<String> settings) {
        Map<String, String> t = new LinkedHashMap<>(spec.taskOptions());
        Map<String, String> g = new LinkedHashMap<>(spec.generatorOptions());
        Map<String, String> o = new LinkedHashMap<>(spec.optimizerOptions());
        for (String s : settings) {
            int eq = s.indexOf('=');
            int dot = s.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("option setting '" + s + "' is not NAME.OPTION=VALUE "
                        + "(NAME: task, generator, optimizer or a component's name)");
            }
            String owner = s.substring(0, dot);
            String key = s.substring(dot + 1, eq);
            String value = s.substring(eq + 1);
            target(spec, owner, s, t, g, o).put(key, value);
        }
        return spec.withTaskOptions(t).withGenerator(spec.generator(), g).withOptimizer(spec.optimizer(), o);
    }

    /** The option map that {@code owner} names. */
    static Map<String, String> target(RunSpec spec, String owner, String setting, Map<String, String> t,
                                      Map<String, String> g, Map<String, String> o) {
        if (owner.equals("task") || owner.equals(spec.task())) {
            return t;
        }
        if (owner.equals("generator") || owner.equals(spec.generator())) {
            return g;
        }
        if (owner.equals("optimizer") || owner.equals(spec.optimizer())) {
            return o;
        }
        throw new IllegalArgumentException("'" + setting + "': '" + owner + "' is none of task, generator, optimizer, "
                + spec.task() + ", " + spec.generator() + ", " + spec.optimizer());
    }
}
