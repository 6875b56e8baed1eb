package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.RunSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Options of a run by qualified name {@code owner.option}, the owner being the run's task,
 * generator or optimizer name (e.g. {@code dct.coefficients}, {@code cmaes.sigma},
 * {@code boxes.size}); {@code budget} names the spec's budget.
 */
public final class OptionNames {

    public static final String BUDGET = "budget";

    /** Orders option values numerically where both are numbers, else as text: 4 &lt; 16 &lt; 256. */
    public static final Comparator<String> VALUE_ORDER = (a, b) -> {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    };

    private OptionNames() {
    }

    /** Every option of the run's spec, qualified, plus the budget. */
    public static Map<String, String> qualified(RunResult r) {
        RunSpec s = r.spec();
        Map<String, String> out = new TreeMap<>();
        s.taskOptions().forEach((k, v) -> out.put(s.task() + "." + k, v));
        s.generatorOptions().forEach((k, v) -> out.put(s.generator() + "." + k, v));
        s.optimizerOptions().forEach((k, v) -> out.put(s.optimizer() + "." + k, v));
        out.put(BUDGET, Long.toString(s.budget()));
        return out;
    }

    /**
     * The value of a named option in the run: a qualified name, or a bare option name looked up
     * in the generator's, then the optimizer's, then the task's options.
     *
     * @throws IllegalArgumentException if the run has no such option (listing the ones it has)
     */
    public static String value(RunResult r, String name) {
        Map<String, String> q = qualified(r);
        String v = q.get(name);
        if (v != null) {
            return v;
        }
        String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        RunSpec s = r.spec();
        for (Map<String, String> m : List.of(s.generatorOptions(), s.optimizerOptions(), s.taskOptions())) {
            if (m.containsKey(bare)) {
                return m.get(bare);
            }
        }
        throw new IllegalArgumentException("run " + r.generator() + "/" + r.optimizer() + " on " + r.task()
                + " has no option '" + name + "'; its options are: " + String.join(", ", q.keySet()));
    }

    /**
     * The qualified options whose value differs between records of the same task, generator and
     * optimizer: what an ablation varied. Sorted by name.
     */
    public static List<String> varied(List<RunResult> records) {
        Map<String, Map<String, Set<String>>> byGroup = new TreeMap<>();
        for (RunResult r : records) {
            String group = r.task() + "\u0000" + r.generator() + "\u0000" + r.optimizer();
            Map<String, Set<String>> values = byGroup.computeIfAbsent(group, g -> new TreeMap<>());
            qualified(r).forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
        }
        Set<String> out = new TreeSet<>();
        for (Map<String, Set<String>> values : byGroup.values()) {
            values.forEach((k, vs) -> {
                if (vs.size() > 1) {
                    out.add(k);
                }
            });
        }
        return new ArrayList<>(out);
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
