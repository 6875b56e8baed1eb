package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runs of one arm (one configuration over seeds), sorted by seed.
 *
 * @param options the qualified options that distinguish this arm from the others (see {@link OptionNames})
 */
public record Arm(String label, String generator, String optimizer, Map<String, String> options, List<RunResult> runs) {

    public Arm {
        Objects.requireNonNull(label, "label");
        options = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("arm " + label + " has no runs");
        }
    }
}
