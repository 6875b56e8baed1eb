package io.hyperloom.cli.report;

import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.experiment.table.Ablation;
import io.hyperloom.search.experiment.table.Arm;
import io.hyperloom.search.experiment.table.Comparison;
import io.hyperloom.search.experiment.table.ComparisonOptions;
import io.hyperloom.search.experiment.table.Measure;
import io.hyperloom.search.experiment.table.OptionNames;
import io.hyperloom.search.experiment.table.Tables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an experiment's report from its run records alone: {@code report.md}, a self-contained
 * {@code report.html} (CSS inline, plots as base64 PNG, no external references), {@code table.csv}
 * and the plot PNGs. One section per task: the comparison table, the ablation (main effects,
 * grids, heat maps) if options were varied, curves against evaluations (or gradient steps) and
 * wall time, |θ| against the final score, and weight images if a renderer is given.
 *
 * <p>Deterministic: arms and tasks in a fixed order, fixed number formats, no timestamps; the
 * same records and options give byte-identical files (the images on the same machine and JDK).
 */
public final class Report {

    private Report() {
    }

    /** A figure: its file name in the output folder, caption, and the PNG bytes. */
    private record Figure(String file, String caption, byte[] png) {
    }

    /** One task's part of the report. */
    private record Section(String task, Comparison table, Ablation ablation, List<Ablation.Grid> grids,
                           List<Figure> figures) {
    }

    /**
     * Writes the report into {@code outDir} (created if needed) and returns the files written.
     *
     * @throws IllegalArgumentException if there are no records or the options do not fit them
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(List<RunResult> records, ReportOptions options, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no run records to report");
        }
        Files.createDirectories(outDir);
        Map<String, List<RunResult>> byTask = new TreeMap<>();
        records.forEach(r -> byTask.computeIfAbsent(r.task(), t -> new ArrayList<>()).add(r));
        List<Section> sections = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : byTask.entrySet()) {
            Section s = section(e.getKey(), e.getValue(), options, outDir);
            for (Figure f : s.figures()) {
                written.add(writeBytes(outDir.resolve(f.file()), f.png()));
            }
            sections.add(s);
        }
        written.add(writeText(outDir.resolve("table.csv"), Tables.csv(sections.stream().map(Section::table).toList())));
        written.add(writeText(outDir.resolve("report.md"), markdown(records, options, sections)));
        written.add(writeText(outDir.resolve("report.html"), html(records, options, sections)));
        return written;
    }

    private static Section section(String task, List<RunResult> records, ReportOptions options, Path outDir)
            throws IOException {
        ComparisonOptions co = options.comparisonFor(task);
        List<String> varied = options.varied();
        Ablation ablation = null;
        if (varied == null) {
            List<String> auto = OptionNames.varied(records);
            if (!auto.isEmpty() && appliesToAll(records, auto)) {
                ablation = Ablation.of(records, auto, co);
            }
        } else if (!varied.isEmpty()) {
            ablation = Ablation.of(records, varied, co);
        }
        Comparison table = ablation != null ? ablation.comparison() : Comparison.of(records, co);
        String slug = slug(task);
        List<Figure> figures = new ArrayList<>();
        int w = options.plotWidth();
        int h = options.plotHeight();
        byte[] evals = Plots.curves(table, Plots.Axis.EVALUATIONS, w, h);
        if (evals != null) {
            figures.add(new Figure(slug + "-score-evaluations.png", table.measure().name()
                    + " (best so far) against evaluations: median over seeds, band min-max", evals));
        } else {
            byte[] steps = Plots.curves(table, Plots.Axis.STEPS, w, h);
            if (steps != null) {
                figures.add(new Figure(slug + "-score-steps.png", table.measure().name()
                        + " (best so far) against gradient steps: median over seeds, band min-max", steps));
            }
        }
        byte[] time = Plots.curves(table, Plots.Axis.SECONDS, w, h);
        if (time != null) {
            figures.add(new Figure(slug + "-score-time.png", table.measure().name()
                    + " (best so far) against wall time: median over seeds, band min-max", time));
        }
        byte[] scatter = Plots.thetaScatter(table, w, h);
        if (scatter != null) {
            figures.add(new Figure(slug + "-theta-score.png", "|θ| (log scale) against final "
                    + table.measure().name() + ", one point per run", scatter));
        }
        List<Ablation.Grid> grids = new ArrayList<>();
        if (ablation != null && ablation.varied().size() >= 2) {
            List<String> v = ablation.varied();
            for (int i = 0; i < v.size(); i++) {
                for (int j = i + 1; j < v.size(); j++) {
                    Ablation.Grid g = ablation.grid(v.get(i), v.get(j));
                    grids.add(g);
                    figures.add(new Figure(slug + "-grid-" + slug(v.get(i)) + "-" + slug(v.get(j)) + ".png",
                            "median " + table.measure().name() + " by " + v.get(i) + " and " + v.get(j)
                                    + " (other options pooled)",
                            Plots.heatMap(task, g, table.measure().name(), w, h)));
                }
            }
        }
        if (options.weightImages() != null) {
            int a = 0;
            for (Arm arm : table.arms()) {
                RunResult best = bestRun(arm, table.measure());
                for (Path p : options.weightImages().write(best, outDir, slug + "-weights-" + (++a) + "-")) {
                    figures.add(new Figure(p.getFileName().toString(), "generated weights of " + arm.label()
                            + ", best run (seed " + best.seed() + ")", Files.readAllBytes(p)));
                }
            }
        }
        return new Section(task, table, ablation, grids, figures);
    }

    /** The arm's run with the best final score; ties to the lowest seed (runs are sorted by seed). */
    private static RunResult bestRun(Arm arm, Measure m) {
        RunResult best = arm.runs().get(0);
        for (RunResult r : arm.runs()) {
            if (m.oriented(m.finalValue(r)) > m.oriented(m.finalValue(best))) {
                best = r;
            }
        }
        return best;
    }

    private static boolean appliesToAll(List<RunResult> records, List<String> varied) {
        for (RunResult r : records) {
            for (String v : varied) {
                if (!OptionNames.qualified(r).containsKey(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String summary(List<RunResult> records) {
        TreeSet<String> versions = new TreeSet<>();
        records.forEach(r -> r.versions().forEach((k, v) -> versions.add(k + " " + v)));
        return records.size() + " run record(s); versions: " + String.join(", ", versions)
                + ". Every figure is computed from the records.";
    }

    private static String markdown(List<RunResult> records, ReportOptions o, List<Section> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(o.title()).append("\n\n").append(summary(records)).append("\n\n");
        for (String note : o.notes()) {
            sb.append("> ").append(note).append("\n");
        }
        if (!o.notes().isEmpty()) {
            sb.append('\n');
        }
        for (Section s : sections) {
            sb.append("## ").append(s.task()).append("\n\n").append(Tables.markdown(s.table())).append('\n');
            sb.append("Table as CSV: [table.csv](table.csv)\n\n");
            if (s.ablation() != null) {
                sb.append("### Main effects\n\n").append("Median ").append(s.table().measure().name())
                        .append(" over every run with the value (other options pooled).\n\n")
                        .append(Tables.markdownMainEffects(s.ablation())).append('\n');
                for (Ablation.Grid g : s.grids()) {
                    sb.append("### Grid: ").append(g.rowOption()).append(" × ").append(g.columnOption()).append("\n\n")
                            .append(Tables.markdownGrid(g)).append('\n');
                }
            }
            if (!s.figures().isEmpty()) {
                sb.append("### Plots\n\n");
                for (Figure f : s.figures()) {
                    sb.append("![").append(f.caption().replace("]", "\\]")).append("](").append(f.file()).append(")\n\n");
                }
            }
        }
        return sb.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1.1em}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ddd;padding:.25em .6em}th{background:#f3f3f3}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.baseline td{background:#f7fbff}
            .notes{font-size:.85em;color:#555}.warn{color:#a33}
            figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:.85em;color:#555}
            """;

    private static String html(List<RunResult> records, ReportOptions o, List<Section> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(o.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(o.title())).append("</h1>\n<p>").append(esc(summary(records))).append("</p>\n");
        for (String note : o.notes()) {
            sb.append("<p class=\"warn\">").append(esc(note)).append("</p>\n");
        }
        for (Section s : sections) {
            sb.append("<h2>").append(esc(s.task())).append("</h2>\n");
            List<List<String>> cells = Tables.cells(s.table());
            sb.append("<table>\n<thead><tr>");
            for (int j = 0; j < cells.get(0).size(); j++) {
                sb.append(j == 0 ? "<th>" : "<th class=\"num\">").append(esc(cells.get(0).get(j))).append("</th>");
            }
            sb.append("</tr></thead>\n<tbody>\n");
            for (int i = 1; i < cells.size(); i++) {
                sb.append(s.table().rows().get(i - 1).baseline() ? "<tr class=\"baseline\">" : "<tr>");
                for (int j = 0; j < cells.get(i).size(); j++) {
                    sb.append(j == 0 ? "<td>" : "<td class=\"num\">").append(esc(cells.get(i).get(j))).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>\n<ul class=\"notes\">\n");
            for (String note : Tables.notes(s.table())) {
                sb.append("<li>").append(esc(note)).append("</li>\n");
            }
            sb.append("</ul>\n");
            if (s.ablation() != null) {
                sb.append("<h3>Main effects</h3>\n<table>\n<thead><tr><th>option</th><th>value</th>"
                        + "<th class=\"num\">cells</th><th class=\"num\">runs</th><th class=\"num\">median ")
                        .append(esc(s.table().measure().name())).append("</th></tr></thead>\n<tbody>\n");
                for (Ablation.MainEffect e : s.ablation().mainEffects()) {
                    sb.append("<tr><td>").append(esc(e.option())).append("</td><td>").append(esc(e.value()))
                            .append("</td><td class=\"num\">").append(e.cells()).append("</td><td class=\"num\">")
                            .append(e.runs()).append("</td><td class=\"num\">").append(Tables.score(e.score()))
                            .append("</td></tr>\n");
                }
                sb.append("</tbody>\n</table>\n");
                for (Ablation.Grid g : s.grids()) {
                    sb.append("<h3>Grid: ").append(esc(g.rowOption())).append(" × ").append(esc(g.columnOption()))
                            .append("</h3>\n<table>\n<thead><tr><th>").append(esc(g.rowOption())).append(" \\ ")
                            .append(esc(g.columnOption())).append("</th>");
                    g.columnValues().forEach(v -> sb.append("<th class=\"num\">").append(esc(v)).append("</th>"));
                    sb.append("</tr></thead>\n<tbody>\n");
                    for (int i = 0; i < g.rowValues().size(); i++) {
                        sb.append("<tr><td>").append(esc(g.rowValues().get(i))).append("</td>");
                        for (Double v : g.scores().get(i)) {
                            sb.append("<td class=\"num\">").append(v == null ? "-" : Tables.score(v)).append("</td>");
                        }
                        sb.append("</tr>\n");
                    }
                    sb.append("</tbody>\n</table>\n");
                }
            }
            for (Figure f : s.figures()) {
                sb.append("<figure><img alt=\"").append(esc(f.caption())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>")
                        .append(esc(f.caption())).append("</figcaption></figure>\n");
            }
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A file-name-safe form of a task or option name. */
    static String slug(String s) {
        String out = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return out.isEmpty() ? "x" : out;
    }

    private static Path writeText(Path p, String text) throws IOException {
        return writeBytes(p, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path writeBytes(Path p, byte[] bytes) throws IOException {
        Files.write(p, bytes);
        return p;
    }
}
