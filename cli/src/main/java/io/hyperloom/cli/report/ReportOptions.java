package io.hyperloom.cli.report;

import io.hyperloom.search.experiment.table.ComparisonOptions;
import io.hyperloom.search.experiment.table.Measure;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a report is built. Everything here must be derivable from the command line or the records,
 * so that {@code hyperloom report RESULTS.jsonl} rebuilds the report a run wrote.
 *
 * @param title        the report's heading
 * @param comparison   table options (measure, threshold, baseline, labels, bootstrap)
 * @param measures     per-task measure overriding {@code comparison.measure()} (e.g. boxes → hit_rate)
 * @param varied       the ablation's varied options; null: those that differ between records of the
 *                     same task, generator and optimizer (no ablation section if none or if they
 *                     do not apply to every record)
 * @param weightImages renders each arm's best run's weights, or null for no weight images
 * @param notes        lines shown under the title (e.g. problems found reading the results file)
 * @param plotWidth    plot width in pixels
 * @param plotHeight   plot height in pixels
 */
public record ReportOptions(String title, ComparisonOptions comparison, Map<String, Measure> measures,
                            List<String> varied, WeightImageRenderer weightImages, List<String> notes,
                            int plotWidth, int plotHeight) {

    public ReportOptions {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(comparison, "comparison");
        measures = Map.copyOf(measures);
        varied = varied == null ? null : List.copyOf(varied);
        notes = List.copyOf(notes);
        if (plotWidth < 200 || plotHeight < 150) {
            throw new IllegalArgumentException("plots must be at least 200x150 pixels, got " + plotWidth + "x" + plotHeight);
        }
    }

    /** "hyperloom report", default comparison options, auto-detected ablation, no weight images, 800×500 plots. */
    public static ReportOptions defaults() {
        return new ReportOptions("hyperloom report", ComparisonOptions.defaults(), Map.of(), null, null, List.of(),
                800, 500);
    }

    public ReportOptions withTitle(String t) {
        return new ReportOptions(t, comparison, measures, varied, weightImages, notes, plotWidth, plotHeight);
    }

    public ReportOptions withComparison(ComparisonOptions c) {
        return new ReportOptions(title, c, measures, varied, weightImages, notes, plotWidth, plotHeight);
    }

    public ReportOptions withMeasures(Map<String, Measure> m) {
        return new ReportOptions(title, comparison, m, varied, weightImages, notes, plotWidth, plotHeight);
    }

    public ReportOptions withVaried(List<String> v) {
        return new ReportOptions(title, comparison, measures, v, weightImages, notes, plotWidth, plotHeight);
    }

    public ReportOptions withWeightImages(WeightImageRenderer r) {
        return new ReportOptions(title, comparison, measures, varied, r, notes, plotWidth, plotHeight);
    }

    public ReportOptions withNotes(List<String> n) {
        return new ReportOptions(title, comparison, measures, varied, weightImages, n, plotWidth, plotHeight);
    }

    /** The comparison options for one task: its measure override applied. */
    public ComparisonOptions comparisonFor(String task) {
        Measure m = measures.get(task);
        return m == null ? comparison : comparison.withMeasure(m);
    }
}
