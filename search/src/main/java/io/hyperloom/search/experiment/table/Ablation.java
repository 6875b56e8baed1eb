package io.hyperloom.search.experiment.table;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.stats.Quantiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A factorial grid over options: the comparison table of its cells (one arm per combination of
 * the varied options' values), the main effect of every option value, and two-option grids for
 * heat maps. Computed from run records alone.
 *
 * @param varied      the varied option names as given (qualified {@code owner.option} or bare)
 * @param comparison  the cells' table; arm labels are {@code name=value, …} of the varied options
 * @param cells       one per arm, in table order
 * @param mainEffects per varied option and value: the median score over every run with that value
 */
public record Ablation(List<String> varied, Comparison comparison, List<Cell> cells, List<MainEffect> mainEffects) {

    /** One grid cell: the varied options' values and the arm's row. */
    public record Cell(Map<String, String> values, ArmSummary row) {
        public Cell {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * The marginal figure of one option value.
     *
     * @param cells the cells with this value
     * @param runs  the runs with this value (the median is over these, pooled across cells)
     */
    public record MainEffect(String option, String value, int cells, int runs, double score) {
    }

    /**
     * Rows × columns of median scores over the runs with each pair of values (other options
     * pooled); null where no run has the pair.
     */
    public record Grid(String rowOption, String columnOption, List<String> rowValues, List<String> columnValues,
                       List<List<Double>> scores) {
        public Grid {
            rowValues = List.copyOf(rowValues);
            columnValues = List.copyOf(columnValues);
            scores = scores.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
        }
    }

    public Ablation {
        varied = List.copyOf(varied);
        Objects.requireNonNull(comparison, "comparison");
        cells = List.copyOf(cells);
        mainEffects = List.copyOf(mainEffects);
    }

    /**
     * Builds the ablation. Unless {@code options} carries its own label function, arms are labelled
     * by the varied values alone ({@code coefficients=16,nz=4}); the baseline defaults to the first cell.
     *
     * @throws IllegalArgumentException if {@code varied} is empty, a record lacks a varied option,
     *         or as {@link Comparison#of}
     */
    public static Ablation of(List<RunResult> records, List<String> varied, ComparisonOptions options) {
        if (varied.isEmpty()) {
            throw new IllegalArgumentException("an ablation needs at least one varied option");
        }
        for (RunResult r : records) {
            varied.forEach(v -> OptionNames.value(r, v)); // fail early, naming the option
        }
        boolean mixed = records.stream().map(r -> r.generator() + "/" + r.optimizer()).distinct().count() > 1;
        ComparisonOptions o = options.armLabel() != null ? options
                : options.withArmLabel(r -> (mixed ? r.generator() + "/" + r.optimizer() + " " : "") + cellLabel(r, varied));
        if (o.baseline() == null) {
            List<Arm> arms = Arms.group(records, o.armLabel());
            o = o.withBaseline(arms.get(0).label());
        }
        Comparison table = Comparison.of(records, o);
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < table.arms().size(); i++) {
            cells.add(new Cell(values(table.arms().get(i).runs().get(0), varied), table.rows().get(i)));
        }
        List<MainEffect> effects = new ArrayList<>();
        List<RunResult> runs = table.arms().stream().flatMap(a -> a.runs().stream()).toList();
        for (String option : varied) {
            TreeSet<String> values = new TreeSet<>(OptionNames.VALUE_ORDER);
            runs.forEach(r -> values.add(OptionNames.value(r, option)));
            for (String value : values) {
                List<RunResult> with = runs.stream().filter(r -> OptionNames.value(r, option).equals(value)).toList();
                long nCells = cells.stream().filter(c -> value.equals(c.values().get(option))).count();
                double med = Quantiles.median(with.stream().mapToDouble(table.measure()::finalValue).toArray());
                effects.add(new MainEffect(option, value, (int) nCells, with.size(), med));
            }
        }
        return new Ablation(varied, table, cells, effects);
    }

    /** The median score per pair of values of two varied options. */
    public Grid grid(String rowOption, String columnOption) {
        if (!varied.contains(rowOption) || !varied.contains(columnOption)) {
            throw new IllegalArgumentException("grid options must be among the varied " + varied + ", got "
                    + rowOption + " and " + columnOption);
        }
        List<RunResult> runs = comparison.arms().stream().flatMap(a -> a.runs().stream()).toList();
        TreeSet<String> rows = new TreeSet<>(OptionNames.VALUE_ORDER);
        TreeSet<String> cols = new TreeSet<>(OptionNames.VALUE_ORDER);
        runs.forEach(r -> {
            rows.add(OptionNames.value(r, rowOption));
            cols.add(OptionNames.value(r, columnOption));
        });
        List<List<Double>> scores = new ArrayList<>();
        for (String rv : rows) {
            List<Double> line = new ArrayList<>();
            for (String cv : cols) {
                double[] s = runs.stream().filter(r -> OptionNames.value(r, rowOption).equals(rv)
                                && OptionNames.value(r, columnOption).equals(cv))
                        .mapToDouble(comparison.measure()::finalValue).toArray();
                line.add(s.length == 0 ? null : Quantiles.median(s));
            }
            scores.add(line);
        }
        return new Grid(rowOption, columnOption, new ArrayList<>(rows), new ArrayList<>(cols), scores);
    }

    private static Map<String, String> values(RunResult r, List<String> varied) {
        Map<String, String> out = new LinkedHashMap<>();
        varied.forEach(v -> out.put(v, OptionNames.value(r, v)));
        return out;
    }

    private static String cellLabel(RunResult r, List<String> varied) {
        List<String> parts = new ArrayList<>();
        for (String v : varied) {
            String shortName = v.contains(".") ? v.substring(v.lastIndexOf('.') + 1) : v;
            parts.add(shortName + "=" + OptionNames.value(r, v));
        }
        return String.join(",", parts);
    }
}
