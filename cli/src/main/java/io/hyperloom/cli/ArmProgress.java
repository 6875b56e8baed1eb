package io.hyperloom.cli;

import io.hyperloom.search.optimize.Progress;
import io.hyperloom.search.optimize.ProgressListener;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One progress line per arm of an experiment, each the sum over the arm's seeds, with a bar and
 * an ETA. On a terminal the lines are redrawn in place (a single-bar library cannot draw several
 * bars at once); elsewhere a line is printed each time an arm passes a quarter of its budget.
 */
final class ArmProgress implements AutoCloseable {

    private final PrintStream out;
    private final boolean quiet;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final Map<String, Arm> arms = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    private static final class Arm {
        final long total;
        final Map<Object, Long> done = new LinkedHashMap<>();
        int quarter;

        Arm(long total) {
            this.total = total;
        }

        long sum() {
            return done.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    ArmProgress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = System.console() != null && System.getenv("CI") == null;
    }

    /** Declares an arm and its total budget (seeds × budget), in display order. */
    synchronized void arm(String name, long total) {
        arms.put(name, new Arm(Math.max(1, total)));
    }

    /** A listener for one run of {@code arm}; {@code run} tells runs of the same arm apart. */
    ProgressListener listener(String arm, Object run) {
        return p -> update(arm, run, p);
    }

    /** Marks a run as finished (it may stop early: solved, or skipped because it was recorded). */
    synchronized void finished(String arm, Object run, long budget) {
        Arm a = arms.get(arm);
        if (a != null) {
            a.done.put(run, budget);
            draw(true);
        }
    }

    private synchronized void update(String arm, Object run, Progress p) {
        Arm a = arms.get(arm);
        if (a == null) {
            return;
        }
        a.done.put(run, Math.min(p.done(), p.budget()));
        draw(false);
    }

    private void draw(boolean force) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            if (!force && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            StringBuilder sb = new StringBuilder();
            if (drawn > 0) {
                sb.append("\u001b[").append(drawn).append('A');
            }
            for (Map.Entry<String, Arm> e : arms.entrySet()) {
                sb.append('\r').append(line(e.getKey(), e.getValue(), now)).append("\u001b[K\n");
            }
            drawn = arms.size();
            out.print(sb);
            out.flush();
            return;
        }
        for (Map.Entry<String, Arm> e : arms.entrySet()) {
            Arm a = e.getValue();
            int q = (int) (4 * a.sum() / a.total);
            if (q > a.quarter) {
                a.quarter = q;
                out.println(line(e.getKey(), a, now));
            }
        }
        out.flush();
    }

    private String line(String name, Arm a, long now) {
        double f = Math.min(1.0, (double) a.sum() / a.total);
        int width = 30;
        int filled = (int) Math.round(f * width);
        double elapsed = (now - start) / 1e9;
        String eta = f <= 0 ? "--:--" : clock(elapsed * (1 - f) / f);
        return String.format(Locale.ROOT, "%-28s %3.0f%% [%s%s] elapsed %s, eta %s", name, 100 * f,
                "=".repeat(filled), " ".repeat(width - filled), clock(elapsed), eta);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    List<String> names() {
        return new ArrayList<>(arms.keySet());
    }

    @Override
    public synchronized void close() {
        if (!quiet) {
            draw(true);
        }
    }
}
