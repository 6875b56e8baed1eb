package io.hyperloom.cli;

import io.hyperloom.search.optimize.Progress;
import io.hyperloom.search.optimize.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/** A progress bar on stderr with ETA, the budget used and the best fitness; silent when quiet. */
final class ProgressReporter implements ProgressListener, AutoCloseable {

    private final String name;
    private final PrintStream stream;
    private final boolean quiet;
    private ProgressBar bar;
    private Supplier<String> status = () -> null;

    ProgressReporter(String name, PrintStream stream, boolean quiet) {
        this.name = name;
        this.stream = stream;
        this.quiet = quiet;
    }

    /** A line appended to the bar's message at every update (e.g. a cluster's workers and rate), or null. */
    synchronized void status(Supplier<String> status) {
        this.status = java.util.Objects.requireNonNull(status, "status");
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (quiet) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(p.budget())
                    .setUnit(" " + p.unit(), 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(stream))
                    .setUpdateIntervalMillis(500)
                    .setMaxRenderedLength(160)
                    .build();
        }
        bar.stepTo(p.done());
        String extra = status.get();
        bar.setExtraMessage(String.format(Locale.ROOT, "best %.4g", p.best()) + (extra == null ? "" : " · " + extra));
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.refresh();
            bar.close();
            bar = null;
        }
    }
}
