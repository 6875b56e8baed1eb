package io.hyperloom.search.experiment;

import io.hyperloom.search.optimize.EvaluationJournal;
import io.hyperloom.search.optimize.Evaluator;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.Progress;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.task.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a list of specs (the arms × seeds of a comparison, the cells of an ablation) into one
 * results file, several at once, each run single-threaded so runs scale across cores.
 *
 * <p>Resumable: a spec whose hash is already recorded is skipped, and a run killed midway
 * restarts from its {@link EvaluationJournal} and, for gradient runs, from its last
 * {@link RunCheckpoint} (both in {@code <results>.checkpoints/<spec-hash>.*}), so rerunning the
 * same command finishes the rest and ends with the numbers an uninterrupted run would have had.
 */
public final class ExperimentRunner {

    private final Experiments experiments;
    private final ResultsFile results;
    private final int parallelRuns;
    private final Evaluator shared;
    private RunExecutor remote;
    private java.time.Duration checkpointEvery = RunCheckpoint.EVERY;
    private final List<String> notes = new ArrayList<>();
    private Consumer<String> log = m -> { };

    public ExperimentRunner(Experiments experiments, ResultsFile results, int parallelRuns) {
        this(experiments, results, parallelRuns, null);
    }

    /**
     * @param shared an evaluator every run uses (a cluster; not closed here), or null for one
     *               single-threaded local evaluator per run
     */
    public ExperimentRunner(Experiments experiments, ResultsFile results, int parallelRuns, Evaluator shared) {
        this.shared = shared;
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.results = Objects.requireNonNull(results, "results");
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("parallel runs must be >= 1, got " + parallelRuns);
        }
        this.parallelRuns = parallelRuns;
    }

    /**
     * Sends every run whole to {@code executor} (a cluster's workers) instead of running it here.
     * Records are appended as runs finish, so an interrupted experiment resumes as before; a run
     * in flight when the coordinator stops is started again from its beginning.
     */
    public ExperimentRunner distributeRunsTo(RunExecutor executor) {
        this.remote = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** Spaces gradient runs' checkpoints at least this far apart ({@link RunCheckpoint#EVERY} by default; zero: every monitoring point). */
    public ExperimentRunner checkpointEvery(java.time.Duration interval) {
        this.checkpointEvery = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /**
     * Tells {@code log} at once (from the run threads) when a run resumes from a checkpoint or
     * ignores a damaged one; the same lines end in {@link Outcome#notes()}.
     */
    public ExperimentRunner logTo(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * What {@link #run} did: every record of the specs (old and new), how many were skipped, problems
     * of the results file, and notes on resumed runs and ignored damaged checkpoints.
     */
    public record Outcome(List<RunResult> results, int skipped, List<String> problems, List<String> notes) {
        public Outcome {
            results = List.copyOf(results);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Runs every spec not yet recorded. Specs are resolved first, so a bad name or option fails
     * before anything runs.
     *
     * @param listeners one progress listener per spec (e.g. a progress bar line per arm)
     */
    public Outcome run(List<RunSpec> specs, Function<RunSpec, ProgressListener> listeners) {
        List<RunSpec> resolved = specs.stream().map(s -> experiments.build(s).spec()).toList();
        List<RunResult> existing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> done = new HashSet<>();
        if (java.nio.file.Files.exists(results.path())) {
            try {
                ResultsFile.Contents c = results.read();
                existing.addAll(c.results());
                problems.addAll(c.problems());
                c.results().forEach(r -> done.add(r.specHash()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<RunSpec> todo = resolved.stream().filter(s -> !done.contains(Experiments.hash(s))).toList();
        List<RunResult> fresh = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelRuns, todo.size())), r -> {
            Thread t = new Thread(r, "hyperloom-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunSpec s : todo) {
                futures.add(pool.submit(() -> runOne(s, listeners.apply(s))));
            }
            for (Future<RunResult> f : futures) {
                fresh.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<RunResult> all = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        resolved.forEach(s -> wanted.add(Experiments.hash(s)));
        for (RunResult r : existing) {
            if (wanted.contains(r.specHash())) {
                all.add(r);
            }
        }
        all.addAll(fresh);
        List<String> said;
        synchronized (notes) {
            said = List.copyOf(notes);
            notes.clear();
        }
        return new Outcome(all, resolved.size() - todo.size(), problems, said);
    }

    private RunResult runOne(RunSpec spec, ProgressListener listener) throws IOException {
        if (remote != null) {
            RunResult r = remote.run(spec);
            results.append(r);
            // the spec is resolved, so it carries its budget; building it again could read a dataset
            listener.onProgress(new Progress(r.evaluations(), r.gradientSteps(), r.wallSeconds(), r.bestFitness(),
                    r.bestFitness(), spec.budget(), spec.budget(),
                    experiments.budgetUnit(spec) == Task.BudgetUnit.EVALUATIONS ? "evaluations" : "steps"));
            return r;
        }
        String hash = Experiments.hash(spec);
        EvaluationJournal journal = new EvaluationJournal(checkpoints().resolve(hash + ".journal"));
        RunCheckpoint checkpoint = new RunCheckpoint(checkpoints().resolve(hash + ".ckpt"), hash, this::report,
                checkpointEvery);
        RunResult r;
        if (shared != null) {
            r = experiments.run(spec, shared, listener, journal, checkpoint);
        } else {
            try (LocalEvaluator evaluator = new LocalEvaluator(1)) {
                r = experiments.run(spec, evaluator, listener, journal, checkpoint);
            }
        }
        results.append(r);
        journal.delete();
        checkpoint.delete();
        return r;
    }

    private void report(String message) {
        synchronized (notes) {
            notes.add(message);
        }
        log.accept(message);
    }

    /** The folder of run checkpoints beside the results file. */
    public Path checkpoints() {
        Path p = results.path().toAbsolutePath();
        return p.resolveSibling(p.getFileName() + ".checkpoints");
    }

}
