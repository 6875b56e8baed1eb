package io.hyperloom.search.experiment.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Renders comparisons and ablations as aligned plain text (the CLI), Markdown (reports) and CSV
 * (pandas, R). Every number has a fixed format in {@link Locale#ROOT}, so equal inputs give equal
 * bytes; nothing time- or machine-dependent is written.
 */
public final class Tables {

    private Tables() {
    }

    private record Column(String header, boolean right, Function<ArmSummary, String> cell) {
    }

    /** The comparison as an aligned text table followed by its notes. */
    public static String text(Comparison c) {
        List<Column> cols = columns(c);
        List<List<String>> cells = new ArrayList<>();
        cells.add(cols.stream().map(Column::header).toList());
        for (ArmSummary r : c.rows()) {
            cells.add(cols.stream().map(col -> col.cell().apply(r)).toList());
        }
        StringBuilder sb = new StringBuilder();
        appendAligned(sb, cells, cols.stream().map(Column::right).toList());
        for (String note : notes(c)) {
            sb.append(note).append('\n');
        }
        return sb.toString();
    }

    /** The comparison as a Markdown table followed by its notes as a list. */
    public static String markdown(Comparison c) {
        List<Column> cols = columns(c);
        StringBuilder sb = new StringBuilder();
        sb.append('|');
        cols.forEach(col -> sb.append(' ').append(mdEscape(col.header())).append(" |"));
        sb.append("\n|");
        cols.forEach(col -> sb.append(col.right() ? "---:|" : ":---|"));
        sb.append('\n');
        for (ArmSummary r : c.rows()) {
            sb.append('|');
            cols.forEach(col -> sb.append(' ').append(mdEscape(col.cell().apply(r))).append(" |"));
            sb.append('\n');
        }
        sb.append('\n');
        for (String note : notes(c)) {
            sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** Header and cells of the text/Markdown table, for renderers (HTML) of their own. */
    public static List<List<String>> cells(Comparison c) {
        List<Column> cols = columns(c);
        List<List<String>> out = new ArrayList<>();
        out.add(cols.stream().map(Column::header).toList());
        for (ArmSummary r : c.rows()) {
            out.add(cols.stream().map(col -> col.cell().apply(r)).toList());
        }
        return out;
    }

    /** The sentences that say how the table's figures were computed. */
    public static List<String> notes(Comparison c) {
        ComparisonOptions o = c.options();
        Measure m = c.measure();
        List<String> out = new ArrayList<>();
        out.add("score: " + m.name() + " (" + (m.higherIsBetter() ? "higher" : "lower") + " is better), final value of each run;"
                + " median and IQR by linear interpolation (type 7) over seeds");
        out.add(pct(o.confidence()) + " CI: bootstrap percentile interval of the median, " + o.resamples()
                + " resamples, seed " + o.bootstrapSeed());
        if (o.threshold() != null) {
            out.add("evals to " + number(o.threshold()) + ": median evaluations at which the best-so-far curve first reached "
                    + number(o.threshold()) + ", over the runs that reached it (reached/n)");
        }
        if (c.rows().stream().anyMatch(r -> r.solvedEvaluations() != null && r.evaluations() > 0)) {
            out.add("mean evals (solved): mean evaluations up to the first solving candidate (those before its"
                    + " batch plus its position in it, as a sequential evaluator counts), over the runs that solved"
                    + " the task: the figure NEAT and the pole-balancing literature report (failures counted in solved)");
        }
        if (c.rows().size() > 1) {
            out.add("p: two-sided Mann-Whitney U against the baseline " + c.baseline() + ", "
                    + (c.anyApproximateP() ? "exact permutation test where both arms have <= " + 20
                    + " runs, else commons-math3's normal approximation (no tie correction)"
                    : "exact permutation distribution (ties by mid-ranks)")
                    + "; Holm-corrected across the " + (c.rows().size() - 1) + " other arm(s)");
            out.add("A12: Vargha-Delaney probability that a run of the arm beats a run of the baseline"
                    + " (0.5 = no difference; magnitude at 0.56/0.64/0.71)");
        }
        return out;
    }

    /** The ablation: main effects (text table) and the cells' table. */
    public static String text(Ablation a) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("option", "value", "cells", "runs", "median " + a.comparison().measure().name()));
        for (Ablation.MainEffect e : a.mainEffects()) {
            cells.add(List.of(e.option(), e.value(), Integer.toString(e.cells()), Integer.toString(e.runs()),
                    score(e.score())));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("main effects (median over every run with the value, other options pooled):\n");
        appendAligned(sb, cells, List.of(false, false, true, true, true));
        sb.append('\n').append(text(a.comparison()));
        return sb.toString();
    }

    /** The main effects as a Markdown table. */
    public static String markdownMainEffects(Ablation a) {
        StringBuilder sb = new StringBuilder();
        sb.append("| option | value | cells | runs | median ").append(mdEscape(a.comparison().measure().name())).append(" |\n");
        sb.append("|:---|:---|---:|---:|---:|\n");
        for (Ablation.MainEffect e : a.mainEffects()) {
            sb.append("| ").append(mdEscape(e.option())).append(" | ").append(mdEscape(e.value())).append(" | ")
                    .append(e.cells()).append(" | ").append(e.runs()).append(" | ").append(score(e.score())).append(" |\n");
        }
        return sb.toString();
    }

    /** A two-option grid as a Markdown table (rows: first option's values). */
    public static String markdownGrid(Ablation.Grid g) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(mdEscape(g.rowOption())).append(" \\ ").append(mdEscape(g.columnOption())).append(" |");
        g.columnValues().forEach(v -> sb.append(' ').append(mdEscape(v)).append(" |"));
        sb.append("\n|:---|");
        g.columnValues().forEach(v -> sb.append("---:|"));
        sb.append('\n');
        for (int i = 0; i < g.rowValues().size(); i++) {
            sb.append("| ").append(mdEscape(g.rowValues().get(i))).append(" |");
            for (Double s : g.scores().get(i)) {
                sb.append(' ').append(s == null ? "-" : score(s)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The CSV header of {@link #csv(List)}. */
    public static List<String> csvHeader(List<Comparison> comparisons) {
        List<String> h = new ArrayList<>(List.of("task", "arm", "generator", "optimizer"));
        optionKeys(comparisons).forEach(k -> h.add("option:" + k));
        h.addAll(List.of("runs", "seeds", "theta_count", "theta_parts", "weight_count", "compression", "measure",
                "higher_is_better", "score_median", "score_q1", "score_q3", "score_iqr", "ci_low", "ci_high",
                "confidence", "threshold", "threshold_evaluations", "reached", "evaluations", "gradient_steps",
                "wall_seconds", "solved", "failures", "baseline", "p", "p_holm", "p_exact", "a12", "magnitude"));
        return h;
    }

    /**
     * One CSV row per arm of every comparison, RFC 4180 quoting, full-precision numbers
     * ({@link Double#toString}), empty cells for absent figures, {@code \n} line ends.
     */
    public static String csv(List<Comparison> comparisons) {
        List<String> keys = optionKeys(comparisons);
        StringBuilder sb = new StringBuilder();
        csvLine(sb, csvHeader(comparisons));
        for (Comparison c : comparisons) {
            ComparisonOptions o = c.options();
            for (ArmSummary r : c.rows()) {
                List<String> row = new ArrayList<>(List.of(c.task(), r.label(), r.generator(), r.optimizer()));
                keys.forEach(k -> row.add(r.options().getOrDefault(k, "")));
                row.add(Integer.toString(r.runs()));
                row.add(String.join(" ", r.seeds().stream().map(String::valueOf).toList()));
                row.add(raw(r.thetaCount()));
                row.add(joinParts(r.thetaParts()));
                row.add(raw(r.weightCount()));
                row.add(raw(r.compression()));
                row.add(c.measure().name());
                row.add(Boolean.toString(c.measure().higherIsBetter()));
                row.add(raw(r.score()));
                row.add(raw(r.scoreQ1()));
                row.add(raw(r.scoreQ3()));
                row.add(raw(r.scoreIqr()));
                row.add(raw(r.scoreInterval().low()));
                row.add(raw(r.scoreInterval().high()));
                row.add(raw(o.confidence()));
                row.add(o.threshold() == null ? "" : raw(o.threshold()));
                row.add(r.thresholdEvaluations() == null ? "" : raw(r.thresholdEvaluations()));
                row.add(o.threshold() == null ? "" : Integer.toString(r.reached()));
                row.add(raw(r.evaluations()));
                row.add(raw(r.gradientSteps()));
                row.add(raw(r.wallSeconds()));
                row.add(r.solved() == null ? "" : Integer.toString(r.solved()));
                row.add(Long.toString(r.failures()));
                row.add(Boolean.toString(r.baseline()));
                row.add(r.p() == null ? "" : raw(r.p()));
                row.add(r.pHolm() == null ? "" : raw(r.pHolm()));
                row.add(r.exact() == null ? "" : Boolean.toString(r.exact()));
                row.add(r.a12() == null ? "" : raw(r.a12()));
                row.add(r.magnitude() == null ? "" : r.magnitude().label());
                csvLine(sb, row);
            }
        }
        return sb.toString();
    }

    public static String csv(Comparison c) {
        return csv(List.of(c));
    }

    private static List<Column> columns(Comparison c) {
        List<ArmSummary> rows = c.rows();
        ComparisonOptions o = c.options();
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("arm", false, ArmSummary::label));
        cols.add(new Column("n", true, r -> Integer.toString(r.runs())));
        cols.add(new Column("|θ|", true, r -> count(r.thetaCount())));
        cols.add(new Column("|W|", true, r -> count(r.weightCount())));
        cols.add(new Column("|W|/|θ|", true, r -> fixed(r.compression(), 1)));
        cols.add(new Column(c.measure().name(), true, r -> score(r.score())));
        cols.add(new Column("IQR", true, r -> score(r.scoreIqr())));
        cols.add(new Column(pct(o.confidence()) + " CI", true,
                r -> "[" + score(r.scoreInterval().low()) + ", " + score(r.scoreInterval().high()) + "]"));
        if (o.threshold() != null) {
            cols.add(new Column("evals to " + number(o.threshold()), true,
                    r -> (r.thresholdEvaluations() == null ? "-" : count(r.thresholdEvaluations()))
                            + " (" + r.reached() + "/" + r.runs() + ")"));
        }
        if (any(rows, r -> r.evaluations() > 0)) {
            cols.add(new Column("evals", true, r -> count(r.evaluations())));
        }
        if (any(rows, r -> r.gradientSteps() > 0)) {
            cols.add(new Column("steps", true, r -> count(r.gradientSteps())));
        }
        cols.add(new Column("wall s", true, r -> fixed(r.wallSeconds(), 1)));
        if (any(rows, r -> r.solved() != null)) {
            cols.add(new Column("solved", true, r -> r.solved() == null ? "-" : r.solved() + "/" + r.runs()));
            if (any(rows, r -> r.solvedEvaluations() != null && r.evaluations() > 0)) {
                cols.add(new Column("mean evals (solved)", true,
                        r -> r.solvedEvaluations() == null ? "-" : count(Math.rint(r.solvedEvaluations()))));
            }
        }
        if (any(rows, r -> r.failures() > 0)) {
            cols.add(new Column("failures", true, r -> Long.toString(r.failures())));
        }
        if (rows.size() > 1) {
            cols.add(new Column("p (Holm)", true, r -> r.baseline() ? "baseline" : pValue(r.pHolm())));
            cols.add(new Column("A12", true, r -> r.a12() == null ? "-" : fixed(r.a12(), 2)));
            cols.add(new Column("effect", false, r -> r.magnitude() == null ? "-" : r.magnitude().label()));
        }
        return cols;
    }

    private static boolean any(List<ArmSummary> rows, Predicate<ArmSummary> p) {
        return rows.stream().anyMatch(p);
    }

    private static void appendAligned(StringBuilder sb, List<List<String>> cells, List<Boolean> right) {
        int n = cells.get(0).size();
        int[] width = new int[n];
        for (List<String> row : cells) {
            for (int j = 0; j < n; j++) {
                width[j] = Math.max(width[j], row.get(j).codePointCount(0, row.get(j).length()));
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = cells.get(i);
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < n; j++) {
                String s = row.get(j);
                String pad = " ".repeat(width[j] - s.codePointCount(0, s.length()));
                if (j > 0) {
                    line.append("  ");
                }
                line.append(right.get(j) ? pad + s : s + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (n - 1))).append('\n');
            }
        }
    }

    private static List<String> optionKeys(List<Comparison> comparisons) {
        TreeSet<String> keys = new TreeSet<>();
        comparisons.forEach(c -> c.rows().forEach(r -> keys.addAll(r.options().keySet())));
        return new ArrayList<>(keys);
    }

    private static void csvLine(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }

    private static String joinParts(Map<String, Double> parts) {
        List<String> out = new ArrayList<>();
        parts.forEach((k, v) -> out.add(k + "=" + raw(v)));
        return String.join(";", out);
    }

    private static String mdEscape(String s) {
        return s.replace("|", "\\|");
    }

    /** Full precision for CSV: whole numbers without a fraction, others by {@link Double#toString}. */
    static String raw(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    /** A count: whole numbers as integers, medians between two counts with one decimal. */
    static String count(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return fixed(x, 1);
    }

    /** A score: four significant digits, scientific only for very large or small magnitudes. */
    public static String score(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(x);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", x);
        }
        return String.format(Locale.ROOT, a >= 1000 ? "%.1f" : "%.4f", x);
    }

    static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 1e-3 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    static String fixed(double x, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static String pct(double level) {
        return number(Math.round(level * 10_000) / 100.0) + "%"; // 0.95 → "95%", free of binary residue
    }
}
