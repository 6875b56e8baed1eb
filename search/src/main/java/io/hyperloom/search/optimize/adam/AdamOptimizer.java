package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SequenceTask;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.Task;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Adam (Kingma &amp; Ba 2015) on θ, through the generator's backward pass: dL/dθ = (∂W/∂θ)ᵀ·dL/dW.
 *
 * <p>One {@link AdamTrainer.Session} over the whole step budget (see {@link AdamTrainer} for a
 * step); a non-finite loss or gradient stops the run with a message, keeping the best θ found so far.
 * Every {@code eval-every} steps (default once per epoch) θ is scored by the task's fitness (an
 * evaluation), which picks the best θ (validation-based model selection) and draws the curve.
 *
 * <p>Resumable: after each monitoring point the run's state (θ, m, v, the step, the epoch
 * position, the search's own state) goes to the search's {@link RunCheckpoint}, if it has one, and
 * a restarted run continues from the last one, ending with the numbers it would have had.
 *
 * <p>A {@link SequenceTask} is trained by {@link SequenceTrainer} instead: chunks of parallel
 * streams with truncated backpropagation through time, the same update rule.
 */
public final class AdamOptimizer implements Optimizer {

    /** The learning-rate schedule over the step budget. */
    public enum Schedule { CONSTANT, COSINE, STEP }

    private final AdamTrainer trainer;
    private final int evalEvery;

    public AdamOptimizer(double lr, int batch, double beta1, double beta2, double epsilon, double clip,
                         Schedule schedule, int evalEvery, int chunk) {
        if (evalEvery < 0) {
            throw new IllegalArgumentException("adam needs lr > 0, batch >= 0, betas in [0,1), eps > 0, clip >= 0, "
                    + "eval-every >= 0, chunk >= 1");
        }
        this.trainer = new AdamTrainer(lr, batch, beta1, beta2, epsilon, clip, schedule, chunk);
        this.evalEvery = evalEvery;
    }

    /** The gradient loop's settings. */
    public AdamTrainer trainer() {
        return trainer;
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.STEPS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (!(task instanceof SupervisedTask) && !(task instanceof SequenceTask)) {
            return Optional.of("task " + task.name() + " has no differentiable loss (evolution only)");
        }
        if (!(family instanceof ParametricFamily p)) {
            return Optional.of("adam trains a fixed-length θ; " + family.name() + " evolves structure (use hybrid)");
        }
        if (!p.generator().isDifferentiable()) {
            return Optional.of("generator " + family.name() + " has no backward pass");
        }
        if (p.generator() instanceof DynamicWeightGenerator && !(task instanceof SequenceTask)) {
            return Optional.of("generator " + family.name() + " changes weights per step; adam trains it on sequence tasks only");
        }
        return Optional.empty();
    }

    @Override
    public void run(Search search) {
        if (search.task() instanceof SequenceTask) {
            new SequenceTrainer(this, trainer.batch(), trainer.chunk(), evalEvery).run(search);
            return;
        }
        SupervisedTask task = (SupervisedTask) search.task();
        ParametricFamily family = (ParametricFamily) search.family();
        WeightGenerator generator = family.generator();
        Problem<double[]> problem = Problem.parametric(task, family);
        RandomGenerator rng = search.random();
        double[] theta = family.initialTheta(rng, new double[generator.parameterCount()]);
        int b = trainer.batchSize(task);
        int stepsPerEpoch = (task.trainingSize() + b - 1) / b;
        int every = evalEvery == 0 ? stepsPerEpoch : evalEvery;
        try (AdamTrainer.Session session = trainer.session(task, generator, theta, rng, search.seed(),
                search.evaluator().localParallelism(), search.budget())) {
            // a restart continues from the last monitoring point's checkpoint; otherwise step 0 is monitored
            search.restore().ifPresentOrElse(session::restore, () -> monitor(search, problem, theta, 0));
            while (!search.isDone()) {
                if (!session.step()) {
                    search.countSteps(1, b);
                    search.stop(session.failure() + "; kept the best θ from before (try a smaller lr or clip)");
                    break;
                }
                search.countSteps(1, b);
                long step = session.steps();
                if (step % every == 0 || search.isDone()) {
                    monitor(search, problem, theta, step);
                    if (search.isCheckpointed()) {
                        search.checkpoint(session.saveTo(new RunCheckpoint.State()));
                    }
                }
            }
        }
    }

    static void monitor(Search search, Problem<double[]> problem, double[] theta, long step) {
        Score s = search.evaluate(problem, List.of(theta), step, double[]::clone).get(0);
        search.record(s.fitness());
    }

    /** The global L2 norm of a gradient. */
    static double norm(double[] g) {
        return AdamTrainer.norm(g);
    }
}
