package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups run records into arms, in an order that does not depend on the order the records were
 * written (parallel runs finish in any order).
 *
 * <p>The default label is the generator and optimizer with, in brackets, the options that differ
 * between records of the same task, generator and optimizer: {@code dct[coefficients=64]/cmaes};
 * varied task options follow as {@code /boxes[size=15]}, a varied budget as {@code budget=…}.
 */
public final class Arms {

    /** The canonical family order of tables; other generators follow alphabetically. */
    private static final List<String> FAMILY_ORDER = List.of("direct", "dct", "cppn", "hypernet");

    private Arms() {
    }

    /** Duplicates of a spec hash beyond the first (a run recorded twice) are dropped. */
    public static List<RunResult> distinct(List<RunResult> records) {
        Map<String, RunResult> byHash = new LinkedHashMap<>();
        List<RunResult> unhashed = new ArrayList<>();
        for (RunResult r : records) {
            if (r.specHash() == null) {
                unhashed.add(r);
            } else {
                byHash.putIfAbsent(r.specHash(), r);
            }
        }
        List<RunResult> out = new ArrayList<>(byHash.values());
        out.addAll(unhashed);
        return out;
    }

    /** The default arm label function for this set of records. */
    public static Function<RunResult, String> defaultLabels(List<RunResult> records) {
        List<String> varied = OptionNames.varied(records);
        return r -> label(r, distinguishing(r, varied));
    }

    /** The records sorted by family order, generator, optimizer, distinguishing options, seed. */
    public static List<RunResult> sorted(List<RunResult> records) {
        List<String> varied = OptionNames.varied(records);
        List<RunResult> out = new ArrayList<>(records);
        out.sort(order(varied));
        return out;
    }

    /**
     * Groups records (duplicates dropped) into arms by {@code label} (null: the default), arms
     * ordered by their first record in {@link #sorted} order, runs within an arm by seed.
     */
    public static List<Arm> group(List<RunResult> records, Function<RunResult, String> label) {
        List<RunResult> all = sorted(distinct(records));
        List<String> varied = OptionNames.varied(all);
        Function<RunResult, String> f = label != null ? label : r -> label(r, distinguishing(r, varied));
        Map<String, List<RunResult>> byLabel = new LinkedHashMap<>();
        for (RunResult r : all) {
            byLabel.computeIfAbsent(Objects.requireNonNull(f.apply(r), "arm label"), k -> new ArrayList<>()).add(r);
        }
        List<Arm> arms = new ArrayList<>();
        byLabel.forEach((name, runs) -> {
            runs.sort(Comparator.comparingLong(RunResult::seed).thenComparing(RunResult::specHash,
                    Comparator.nullsLast(Comparator.naturalOrder())));
            RunResult first = runs.get(0);
            Set<String> generators = new LinkedHashSet<>();
            Set<String> optimizers = new LinkedHashSet<>();
            runs.forEach(r -> {
                generators.add(r.generator());
                optimizers.add(r.optimizer());
            });
            // The arm's options: the varied ones on which all its runs agree.
            Map<String, String> options = new TreeMap<>(distinguishing(first, varied));
            options.entrySet().removeIf(e -> runs.stream().anyMatch(r -> !e.getValue().equals(
                    OptionNames.qualified(r).get(e.getKey()))));
            arms.add(new Arm(name, String.join("+", generators), String.join("+", optimizers), options, runs));
        });
        return arms;
    }

    /** The varied options that apply to this record. */
    static Map<String, String> distinguishing(RunResult r, List<String> varied) {
        Map<String, String> q = OptionNames.qualified(r);
        Map<String, String> out = new TreeMap<>();
        for (String k : varied) {
            if (q.containsKey(k)) {
                out.put(k, q.get(k));
            }
        }
        return out;
    }

    static String label(RunResult r, Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.generator()).append(bracket(options, r.generator() + "."));
        sb.append('/').append(r.optimizer()).append(bracket(options, r.optimizer() + "."));
        String task = bracket(options, r.task() + ".");
        if (!task.isEmpty()) {
            sb.append('/').append(r.task()).append(task);
        }
        if (options.containsKey(OptionNames.BUDGET)) {
            sb.append(" budget=").append(options.get(OptionNames.BUDGET));
        }
        return sb.toString();
    }

    private static String bracket(Map<String, String> options, String prefix) {
        List<String> parts = new ArrayList<>();
        options.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                parts.add(k.substring(prefix.length()) + "=" + v);
            }
        });
        return parts.isEmpty() ? "" : "[" + String.join(",", parts) + "]";
    }

    private static Comparator<RunResult> order(List<String> varied) {
        Comparator<RunResult> c = Comparator.comparing(RunResult::task);
        c = c.thenComparingInt(r -> familyRank(r.generator())).thenComparing(RunResult::generator).thenComparing(RunResult::optimizer);
        for (String k : varied) {
            c = c.thenComparing(r -> OptionNames.qualified(r).get(k),
                    Comparator.nullsFirst(OptionNames.VALUE_ORDER));
        }
        return c.thenComparingLong(RunResult::seed)
                .thenComparing(RunResult::specHash, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static int familyRank(String generator) {
        int i = FAMILY_ORDER.indexOf(generator);
        return i < 0 ? FAMILY_ORDER.size() : i;
    }
}
