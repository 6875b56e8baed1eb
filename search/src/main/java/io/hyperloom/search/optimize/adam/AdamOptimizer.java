package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SequenceTask;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Adam (Kingma &amp; Ba 2015) on θ, through the generator's backward pass: dL/dθ = (∂W/∂θ)ᵀ·dL/dW.
 *
 * <p>How it works, per step:
 * <ol>
 *   <li>W = G(θ), once, shared read-only by the workers.</li>
 *   <li>The mini-batch is cut into chunks of fixed size; each chunk runs forward, loss and
 *       backward on a worker's own network into its own dW. Chunks are summed in chunk order,
 *       so the gradient is bit-identical whatever the thread count.</li>
 *   <li>dθ = Gᵀ(dW); clipped to a global norm if asked; a non-finite loss or gradient stops the
 *       run with a message, keeping the best θ found so far.</li>
 *   <li>m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr_t·m̂/(√v̂ + ε), with bias correction
 *       and lr_t from the schedule.</li>
 * </ol>
 * Every {@code eval-every} steps (default once per epoch) θ is scored by the task's fitness (an
 * evaluation), which picks the best θ (validation-based model selection) and draws the curve.
 *
 * <p>A {@link SequenceTask} is trained by {@link SequenceTrainer} instead: chunks of parallel
 * streams with truncated backpropagation through time, the same update rule.
 */
public final class AdamOptimizer implements Optimizer {

    /** The learning-rate schedule over the step budget. */
    public enum Schedule { CONSTANT, COSINE, STEP }

    private final double lr;
    private final int batch;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double clip;
    private final Schedule schedule;
    private final int evalEvery;
    private final int chunk;

    public AdamOptimizer(double lr, int batch, double beta1, double beta2, double epsilon, double clip,
                         Schedule schedule, int evalEvery, int chunk) {
        if (!(lr > 0) || batch < 0 || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0) || clip < 0 || evalEvery < 0 || chunk < 1) {
            throw new IllegalArgumentException("adam needs lr > 0, batch >= 0, betas in [0,1), eps > 0, clip >= 0, "
                    + "eval-every >= 0, chunk >= 1");
        }
        this.lr = lr;
        this.batch = batch;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clip = clip;
        this.schedule = schedule;
        this.evalEvery = evalEvery;
        this.chunk = chunk;
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

    /** Per-worker scratch: a network, its weight-gradient buffer and the batch rows. */
    private static final class Worker {
        final TargetNetwork net;
        final double[] dW;
        final double[] in;
        final double[] target;
        final double[] out;
        final double[] grad;

        Worker(SupervisedTask task, int rows, double[] weights) {
            net = new TargetNetwork(task.architecture(), rows).bind(weights);
            dW = new double[weights.length];
            in = new double[rows * task.architecture().inputSize()];
            target = new double[rows * task.targetSize()];
            out = new double[rows * task.targetSize()];
            grad = new double[rows * task.targetSize()];
        }
    }

    @Override
    public void run(Search search) {
        if (search.task() instanceof SequenceTask) {
            new SequenceTrainer(this, batch, chunk, evalEvery).run(search);
            return;
        }
        SupervisedTask task = (SupervisedTask) search.task();
        ParametricFamily family = (ParametricFamily) search.family();
        WeightGenerator generator = family.generator();
        Problem<double[]> problem = Problem.parametric(task, family);
        RandomGenerator rng = search.random();
        int n = generator.parameterCount();
        double[] theta = family.initialTheta(rng, new double[n]);
        double[] weights = new double[family.layout().weightCount()];
        double[] dTheta = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        int examples = task.trainingSize();
        int b = Math.min(batch == 0 ? task.defaultBatchSize() : batch, examples);
        int rows = Math.min(chunk, b);
        int chunks = (b + rows - 1) / rows;
        int stepsPerEpoch = (examples + b - 1) / b;
        int every = evalEvery == 0 ? stepsPerEpoch : evalEvery;
        int threads = Math.min(search.evaluator().parallelism(), chunks);
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            workers.add(new Worker(task, rows, weights));
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperloom-adam");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            int[] order = permutation(examples, rng);
            int cursor = 0;
            long step = 0;
            long total = search.budget();
            monitor(search, problem, theta, step);
            while (!search.isDone()) {
                if (cursor + b > examples) {
                    order = permutation(examples, rng);
                    cursor = 0;
                }
                generator.generate(theta, weights);
                double loss = gradient(task, workers, order, cursor, b, rows, step, search.seed(), pool);
                cursor += b;
                java.util.Arrays.fill(dTheta, 0.0);
                double[] dW = workers.get(0).dW;
                for (int c = 1; c < chunks; c++) {
                    double[] other = workers.get(c).dW;
                    for (int i = 0; i < dW.length; i++) {
                        dW[i] += other[i];
                    }
                }
                generator.backward(theta, dW, dTheta);
                double norm = norm(dTheta);
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                    search.countSteps(1, b);
                    search.stop("diverged at step " + (step + 1) + ": loss " + loss + ", gradient norm " + norm
                            + "; kept the best θ from before (try a smaller lr or clip)");
                    break;
                }
                step++;
                update(theta, dTheta, norm, m, v, step, total);
                search.countSteps(1, b);
                if (step % every == 0 || search.isDone()) {
                    monitor(search, problem, theta, step);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Clips dθ (modified) to the global norm if asked, then one Adam step on θ with moments m, v (step ≥ 1). */
    void update(double[] theta, double[] dTheta, double norm, double[] m, double[] v, long step, long total) {
        int n = theta.length;
        if (clip > 0 && norm > clip) {
            double s = clip / norm;
            for (int i = 0; i < n; i++) {
                dTheta[i] *= s;
            }
        }
        double rate = rate(step, total);
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < n; i++) {
            double g = dTheta[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            theta[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
    }

    static void monitor(Search search, Problem<double[]> problem, double[] theta, long step) {
        Score s = search.evaluate(problem, List.of(theta), step, double[]::clone).get(0);
        search.record(s.fitness());
    }

    private double rate(long step, long total) {
        return switch (schedule) {
            case CONSTANT -> lr;
            // cosine decay to 1% of lr over the budget
            case COSINE -> lr * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / total))));
            // ×0.1 at 50% and 75% of the budget
            case STEP -> lr * (step < total / 2 ? 1.0 : step < 3 * total / 4 ? 0.1 : 0.01);
        };
    }

    /** Runs every chunk of the batch; returns the mean loss over the batch. */
    private static double gradient(SupervisedTask task, List<Worker> workers, int[] order, int from, int b, int rows,
                                   long step, long seed, ExecutorService pool) {
        int chunks = workers.size();
        double[] losses = new double[chunks];
        List<Runnable> jobs = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int cc = c;
            int start = from + c * rows;
            int count = Math.min(rows, b - c * rows);
            jobs.add(() -> {
                Worker w = workers.get(cc);
                java.util.Arrays.fill(w.dW, 0.0);
                if (count <= 0) {
                    return;
                }
                RandomGenerator augment = Seeds.random(Seeds.derive(seed, step, cc));
                task.trainingBatch(order, start, count, w.in, w.target, augment);
                w.net.forward(w.in, count, w.out);
                // the loss is a batch mean; weight each chunk by its share so chunks sum to the batch mean
                double l = task.loss().value(w.out, w.target, count, task.targetSize(), w.grad);
                double share = (double) count / b;
                for (int i = 0; i < count * task.targetSize(); i++) {
                    w.grad[i] *= share;
                }
                if (task.loss().gradientIsAtLogits()) {
                    w.net.backwardFromLogits(w.grad, w.dW);
                } else {
                    w.net.backward(w.grad, w.dW);
                }
                losses[cc] = l * share;
            });
        }
        if (pool == null) {
            jobs.forEach(Runnable::run);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable j : jobs) {
                futures.add(pool.submit(j));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("training interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return sum;
    }

    static double norm(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
