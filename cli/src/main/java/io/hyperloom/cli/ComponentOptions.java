package io.hyperloom.cli;

import io.hyperloom.search.experiment.ExperimentPlan;
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
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            int dot = s.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new IllegalArgumentException("option setting '" + s + "' is not NAME.OPTION=VALUE "
                        + "(NAME: task, generator, optimizer or a component's name)");
            }
            parsed.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return ExperimentPlan.apply(spec, parsed);
    }

    /** The settings that concern this spec (its task, generator or optimizer, by role or name), applied; others left out. */
    static RunSpec applyWhereOwned(RunSpec spec, List<String> settings) {
        List<String> owned = settings.stream().filter(s -> {
            int dot = s.indexOf('.');
            String owner = dot < 0 ? "" : s.substring(0, dot);
            return owner.equals("task") || owner.equals("generator") || owner.equals("optimizer")
                    || owner.equals(spec.task()) || owner.equals(spec.generator())
                    || owner.equals(spec.optimizer());
        }).toList();
        return apply(spec, owned);
    }
}
