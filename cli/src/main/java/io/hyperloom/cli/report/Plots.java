package io.hyperloom.cli.report;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.stats.Quantiles;
import io.hyperloom.search.experiment.table.Ablation;
import io.hyperloom.search.experiment.table.Arm;
import io.hyperloom.search.experiment.table.Comparison;
import io.hyperloom.search.experiment.table.Measure;
import io.hyperloom.search.experiment.table.Tables;
import io.hyperloom.search.optimize.CurvePoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts, drawn with XChart and encoded as PNG bytes. Sizes, colours and fonts are
 * fixed (the logical font "SansSerif", present on every JVM, headless included), so the same
 * records give the same images on the same machine.
 *
 * <p>How the curves are drawn: 1. every run's curve is a step function (the best-so-far score
 * holds until the next point, and after the run's last point); 2. it is sampled on a common grid
 * of {@link #GRID} points from 0 to the largest x of any run in the chart; 3. per arm and grid
 * point, the median over the runs defined there is the line and their min–max the shaded band.
 */
final class Plots {

    static final int GRID = 200;

    /** A colour-blind-safe palette (Okabe–Ito), cycled over arms in table order. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** What a curve chart puts on its x axis. */
    enum Axis {
        EVALUATIONS("evaluations", p -> p.evaluations()),
        STEPS("gradient steps", p -> p.steps()),
        SECONDS("wall time (s)", CurvePoint::seconds);

        final String title;
        final ToDoubleFunction<CurvePoint> x;

        Axis(String title, ToDoubleFunction<CurvePoint> x) {
            this.title = title;
            this.x = x;
        }
    }

    /** Score against {@code axis}, one median line and min–max band per arm; null if no run has a curve along it. */
    static byte[] curves(Comparison c, Axis axis, int width, int height) throws IOException {
        Measure m = c.measure();
        double xMax = 0;
        for (Arm arm : c.arms()) {
            for (RunResult r : arm.runs()) {
                for (CurvePoint p : r.curve()) {
                    xMax = Math.max(xMax, axis.x.applyAsDouble(p));
                }
            }
        }
        if (!(xMax > 0)) {
            return null;
        }
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(c.task() + ": " + m.name() + " against " + axis.title)
                .xAxisTitle(axis.title).yAxisTitle(m.name() + " (best so far)").build();
        style(chart);
        chart.getStyler().setLegendPosition(m.higherIsBetter() ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = xMax * i / (GRID - 1);
        }
        int index = 0;
        for (Arm arm : c.arms()) {
            Color colour = PALETTE[index++ % PALETTE.length];
            List<Double> xs = new ArrayList<>();
            List<Double> med = new ArrayList<>();
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (double x : grid) {
                List<Double> values = new ArrayList<>();
                for (RunResult r : arm.runs()) {
                    double v = stepValue(r.curve(), axis, m, x);
                    if (!Double.isNaN(v)) {
                        values.add(v);
                    }
                }
                if (values.isEmpty()) {
                    continue;
                }
                double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                java.util.Arrays.sort(v);
                xs.add(x);
                med.add(Quantiles.sortedQuantile(v, 0.5));
                lo.add(v[0]);
                hi.add(v[v.length - 1]);
            }
            if (xs.isEmpty()) {
                continue;
            }
            // the band as one closed polygon: along the maxima, back along the minima
            List<Double> px = new ArrayList<>(xs);
            List<Double> py = new ArrayList<>(hi);
            for (int i = xs.size() - 1; i >= 0; i--) {
                px.add(xs.get(i));
                py.add(lo.get(i));
            }
            XYSeries band = chart.addSeries(arm.label() + " (min-max)", px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 50));
            band.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
            XYSeries line = chart.addSeries(arm.label(), xs, med);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            line.setLineColor(colour);
            line.setMarker(SeriesMarkers.NONE);
        }
        return png(chart);
    }

    /** The value of a run's step curve at x: its last point with x' ≤ x, NaN before its first point. */
    static double stepValue(List<CurvePoint> curve, Axis axis, Measure m, double x) {
        double v = Double.NaN;
        for (CurvePoint p : curve) {
            if (axis.x.applyAsDouble(p) <= x) {
                v = m.curveValue(p);
            } else {
                break;
            }
        }
        return v;
    }

    /** |θ| (log scale) against the final score, one point per run, one series per arm; null if no |θ| > 0. */
    static byte[] thetaScatter(Comparison c, int width, int height) throws IOException {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(c.task() + ": |θ| against final " + c.measure().name())
                .xAxisTitle("|θ| (log scale)").yAxisTitle(c.measure().name()).build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(8);
        int index = 0;
        boolean any = false;
        for (Arm arm : c.arms()) {
            Color colour = PALETTE[index++ % PALETTE.length];
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (RunResult r : arm.runs()) {
                if (r.thetaCount() > 0) {
                    xs.add((double) r.thetaCount());
                    ys.add(c.measure().finalValue(r));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            any = true;
            XYSeries s = chart.addSeries(arm.label(), xs, ys);
            s.setMarkerColor(colour);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return any ? png(chart) : null;
    }

    /** The grid of median scores of two varied options as a heat map with the values printed. */
    static byte[] heatMap(String task, Ablation.Grid g, String measure, int width, int height) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(task + ": median " + measure + " by " + g.rowOption() + " and " + g.columnOption())
                .xAxisTitle(g.columnOption()).yAxisTitle(g.rowOption()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setChartTitleFont(TITLE_FONT);
        chart.getStyler().setAxisTitleFont(FONT);
        chart.getStyler().setAxisTickLabelsFont(FONT);
        chart.getStyler().setLegendFont(FONT);
        chart.getStyler().setAnnotationTextFont(FONT);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapDecimalValueFormatter(Tables::score);
        chart.getStyler().setValueFont(FONT);
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xFFFFE5), new Color(0xFEC44F), new Color(0xEC7014)});
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < g.rowValues().size(); i++) {
            for (int j = 0; j < g.columnValues().size(); j++) {
                Double s = g.scores().get(i).get(j);
                if (s != null) {
                    cells.add(new Number[] {j, i, Double.isFinite(s) ? Double.parseDouble(Tables.score(s)) : s}); // rounded as in the tables
                }
            }
        }
        chart.addSeries(measure, g.columnValues(), g.rowValues(), cells);
        return png(chart);
    }

    private static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE_FONT);
        chart.getStyler().setAxisTitleFont(FONT);
        chart.getStyler().setAxisTickLabelsFont(FONT);
        s.setLegendFont(FONT);
        s.setAntiAlias(true);
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0.####");
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
