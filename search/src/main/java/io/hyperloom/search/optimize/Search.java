package io.hyperloom.search.optimize;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One optimizer run in progress: what is searched, with what budget, and what has been found.
 *
 * <p>The optimizer owns the run's random generator and reports each generation with
 * {@link #record}; the search keeps the counts, the best candidate and the curve. Run-scoped and
 * used from the optimizer's thread only.
 */
public final class Search {

    private final Task task;
    private final GeneratorFamily family;
    private final Evaluator evaluator;
    private final RandomGenerator random;
    private final long seed;
    private final long budget;
    private final Task.BudgetUnit unit;
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private final List<CurvePoint> curve = new ArrayList<>();
    private long evaluations;
    private long steps;
    private long examples;
    /** Evaluations a sequential evaluator would have needed up to the first solving candidate; 0 until then. */
    private long solvedAt;
    private Object bestGenome;
    private Score bestScore;
    private String stopReason;
    private EvaluationJournal journal;
    private RunCheckpoint checkpoint;
    /** Wall time of the attempts before a restore, so the record's time is the total. */
    private double secondsBefore;
    private final java.util.Map<String, Double> reportedMetrics = new java.util.LinkedHashMap<>();

    public Search(Task task, GeneratorFamily family, Evaluator evaluator, long seed, long budget,
                  Task.BudgetUnit unit, ProgressListener listener) {
        this.task = Objects.requireNonNull(task, "task");
        this.family = Objects.requireNonNull(family, "family");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.seed = seed;
        this.random = Seeds.random(seed);
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1, got " + budget);
        }
        this.budget = budget;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Checkpoints every evaluated generation to {@code journal} and answers from it on a restart. */
    public Search withJournal(EvaluationJournal journal) {
        this.journal = journal;
        return this;
    }

    /**
     * Lets the optimizer save its state at monitoring points ({@link #checkpoint}) and continue
     * from the last one on a restart ({@link #restore}); see {@link RunCheckpoint}.
     */
    public Search withCheckpoint(RunCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
        return this;
    }

    /** True if {@link #checkpoint} writes anything, so optimizers skip gathering their state otherwise. */
    public boolean isCheckpointed() {
        return checkpoint != null;
    }

    /**
     * Saves this search's state with the optimizer's, atomically, replacing the last checkpoint.
     * Call it right after a monitoring point's {@link #record}; a no-op without a checkpoint.
     */
    public void checkpoint(RunCheckpoint.State optimizerState) {
        if (checkpoint != null) {
            checkpoint.save(this, optimizerState);
        }
    }

    /**
     * Continues from the last good checkpoint, if any: restores this search's counters, curve,
     * best, reported metrics and elapsed time, and returns the optimizer's state, which the
     * optimizer must restore before its next step. Call it before the first evaluation.
     *
     * @throws IllegalArgumentException if the checkpoint belongs to another run
     */
    public java.util.Optional<RunCheckpoint.State> restore() {
        if (checkpoint == null) {
            return java.util.Optional.empty();
        }
        if (evaluations != 0 || steps != 0 || !curve.isEmpty()) {
            throw new IllegalStateException("restore a checkpoint before the run's first evaluation or step");
        }
        return checkpoint.load().map(r -> {
            evaluations = r.evaluations;
            steps = r.steps;
            examples = r.examples;
            secondsBefore = r.seconds;
            stopReason = r.stopReason;
            bestScore = r.bestScore;
            // A checkpoint written before solved_at was recorded: its solved best counts all evaluations.
            solvedAt = r.solvedAt > 0 ? r.solvedAt : r.bestScore != null && r.bestScore.isSolved() ? r.evaluations : 0;
            bestGenome = r.bestGenome;
            curve.addAll(r.curve);
            reportedMetrics.putAll(r.reportedMetrics);
            return r.optimizer;
        });
    }

    public Task task() {
        return task;
    }

    public GeneratorFamily family() {
        return family;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /** The run's random generator: the only source of randomness an optimizer may use. */
    public RandomGenerator random() {
        return random;
    }

    /** The run's seed, for deriving per-evaluation seeds with {@link Seeds#derive}. */
    public long seed() {
        return seed;
    }

    public long budget() {
        return budget;
    }

    /** Budget still available in the optimizer's unit. */
    public long remaining() {
        return Math.max(0, budget - used());
    }

    private long used() {
        return unit == Task.BudgetUnit.EVALUATIONS ? evaluations : steps;
    }

    /** True when the budget is used up, the best candidate solves the task, or the run was stopped. */
    public boolean isDone() {
        return used() >= budget || isSolved() || stopReason != null;
    }

    /**
     * Ends the run early (a diverging gradient, say): the optimizer returns, and the result keeps
     * the best found so far with this reason.
     */
    public void stop(String reason) {
        this.stopReason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** Why the run ended early, or null if it used its budget or solved the task. */
    public String stopReason() {
        return stopReason;
    }

    public boolean isSolved() {
        return bestScore != null && bestScore.isSolved();
    }

    /**
     * Evaluates candidates through the evaluator, counts them, and offers each to the best, in
     * candidate order, so the first solver is known: {@link #solvedAt} counts the evaluations before
     * the batch plus the solver's position in it, whatever the thread count.
     * Seeds are derived from the run seed, the generation index and the candidate index.
     *
     * @param copy turns a candidate into the genome kept as best (e.g. a defensive copy of θ)
     */
    public <G> List<Score> evaluate(FitnessFunction<G> function, List<G> candidates, long generation,
                                    java.util.function.UnaryOperator<G> copy) {
        long[] seeds = new long[candidates.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = Seeds.derive(seed, generation, i);
        }
        List<Score> scores = null;
        long digest = 0;
        if (journal != null) {
            digest = EvaluationJournal.digest(candidates);
            scores = journal.lookup(generation, digest, candidates.size());
        }
        if (scores == null) {
            scores = evaluator.evaluate(function, candidates, seeds);
            if (journal != null) {
                journal.store(generation, digest, scores);
            }
        }
        long before = evaluations;
        evaluations += candidates.size();
        for (int i = 0; i < scores.size(); i++) {
            offer(candidates.get(i), scores.get(i), copy, before + i + 1);
        }
        return scores;
    }

    /** Counts evaluations done outside {@link #evaluate} (e.g. monitoring during gradient training). */
    public void countEvaluations(long n) {
        evaluations += n;
    }

    /** Counts gradient steps and the training examples they used. */
    public void countSteps(long n, long examplesUsed) {
        steps += n;
        examples += examplesUsed;
    }

    /**
     * Keeps {@code genome} if it beats the best so far (strictly; earlier wins ties). A candidate
     * evaluated outside {@link #evaluate} counts as the last evaluation counted so far for
     * {@link #solvedAt}.
     */
    public <G> boolean offer(G genome, Score score, java.util.function.UnaryOperator<G> copy) {
        return offer(genome, score, copy, evaluations);
    }

    /** {@link #offer}, where {@code index} is the 1-based count of evaluations up to this candidate's. */
    private <G> boolean offer(G genome, Score score, java.util.function.UnaryOperator<G> copy, long index) {
        if (solvedAt == 0 && score.isSolved()) {
            solvedAt = Math.max(1, index);
        }
        if (bestScore == null || score.fitness() > bestScore.fitness()
                || (score.isSolved() && !bestScore.isSolved())) {
            bestScore = score;
            bestGenome = copy.apply(genome);
            return true;
        }
        return false;
    }

    /** Ends a generation: appends a curve point and reports progress. */
    public void record(double meanFitness) {
        double seconds = seconds();
        double best = bestScore == null ? task.worstFitness() : bestScore.fitness();
        curve.add(new CurvePoint(evaluations, steps, seconds, best, meanFitness,
                bestScore == null ? java.util.Map.of() : bestScore.metrics()));
        listener.onProgress(new Progress(evaluations, steps, seconds, best, meanFitness, Math.min(used(), budget),
                budget, unit == Task.BudgetUnit.EVALUATIONS ? "evaluations" : "steps"));
    }

    /**
     * Final metrics the optimizer measured itself (e.g. a continual-learning driver's per-task
     * accuracies, which depend on the run's history); the record's metrics include them, and they
     * win over the task's own final metrics of the same name.
     */
    public void reportMetrics(java.util.Map<String, Double> metrics) {
        reportedMetrics.putAll(metrics);
    }

    /** What {@link #reportMetrics} was given, in order. */
    public java.util.Map<String, Double> reportedMetrics() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reportedMetrics));
    }

    public long evaluations() {
        return evaluations;
    }

    public long steps() {
        return steps;
    }

    /**
     * "Evaluations to solve" as NEAT and the pole-balancing literature count them: the evaluations
     * before the batch that first held a solving candidate plus that candidate's 1-based position
     * in it, i.e. what a sequential evaluator stopping at the first solver would have used. Empty
     * while nothing has solved the task; {@link #evaluations} still counts every evaluation spent
     * (whole batches).
     */
    public java.util.OptionalLong solvedAt() {
        return solvedAt == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(solvedAt);
    }

    public long examples() {
        return examples;
    }

    /** Wall time of this run, including attempts before a {@link #restore}. */
    public double seconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    public List<CurvePoint> curve() {
        return List.copyOf(curve);
    }

    @SuppressWarnings("unchecked")
    public <G> G bestGenome() {
        return (G) bestGenome;
    }

    public Score bestScore() {
        return bestScore;
    }
}
