package io.hyperloom.search.experiment;

import io.hyperloom.search.data.MissingDatasetException;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.TaskProvider;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which task × generator × optimizer combinations run, and why the others do not: every
 * combination is built with {@link Experiments#build} on default options, so the answer is the
 * one {@code hyperloom run} would give. A task whose data are missing is reported once per
 * combination as "needs dataset" without building further.
 */
public final class CompatibilityMatrix {

    /** One combination; {@code reason} is empty when it runs. */
    public record Cell(String task, String generator, String optimizer, String reason) {
        public Cell {
            Objects.requireNonNull(reason, "reason");
        }

        public boolean runs() {
            return reason.isEmpty();
        }
    }

    private CompatibilityMatrix() {
    }

    /** Every combination of the registry's components, tasks outermost, each group in name order. */
    public static List<Cell> of(Experiments experiments) {
        Registry r = experiments.registry();
        List<Cell> cells = new ArrayList<>();
        for (TaskProvider t : r.tasks()) {
            String missing = missingData(experiments, t);
            for (var g : r.generators()) {
                for (var o : r.optimizers()) {
                    String why = missing != null ? missing : reason(experiments, t.name(), g.name(), o.name());
                    cells.add(new Cell(t.name(), g.name(), o.name(), why));
                }
            }
        }
        return List.copyOf(cells);
    }

    private static String missingData(Experiments experiments, TaskProvider t) {
        try {
            t.create(new Options(t.resolve(Map.of()).values()), experiments.environment());
            return null;
        } catch (UncheckedIOException e) {
            return e.getCause() instanceof MissingDatasetException ? "needs dataset" : "dataset unreadable: " + e.getMessage();
        }
    }

    private static String reason(Experiments experiments, String task, String generator, String optimizer) {
        try {
            experiments.build(RunSpec.of(task, generator, optimizer, 1));
            return "";
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            String prefix = optimizer + " cannot run " + generator + " on " + task + ": ";
            return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        }
    }
}
