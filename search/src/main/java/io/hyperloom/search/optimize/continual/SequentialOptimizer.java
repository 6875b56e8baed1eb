package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.generator.ConditionalWeightGenerator;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.continual.SequentialTasks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Continual learning: Adam on one sub-task of a {@link SequentialTasks} after another, measuring
 * after each the accuracy on every sub-task seen so far.
 *
 * <p>How a run works:
 * <ol>
 *   <li>θ is initialised once by the family. For sub-task t = 0, 1, …, T−1: a fresh Adam state,
 *       then {@code steps} mini-batch steps over t's training examples (shuffled each epoch).
 *       The generator is {@code G} itself, or, if it is a {@link ConditionalWeightGenerator},
 *       its view {@code G.at(t)}: task t's own weights W_t = G(θ, t).</li>
 *   <li>The loss is the softmax cross-entropy renormalised over the task's output units
 *       ({@link SequentialTasks#outputs}): q_k = p_k / Σ_{j∈S} p_j for k in S, dL/dz_k = (q_k − y_k)/B
 *       in S and 0 outside (task identity given; with S = all units it is the plain loss).</li>
 *   <li>For a conditional generator with β &gt; 0 the {@link OutputRegulariser} adds
 *       β/t · Σ_{t′&lt;t} ‖G(θ, t′) − W*_{t′}‖² (all earlier tasks, or {@code reg-tasks} of them
 *       drawn per step), W*_{t′} stored when t′ ended.</li>
 *   <li>After task t: W*_t is stored, and every task t′ ≤ t is scored with its own weights
 *       (G.at(t′), or the one W): acc[t][t′].</li>
 *   <li>With {@code joint}, there is no sequence: one Adam run over the union of all tasks'
 *       examples (each row with its own task's mask) for the whole budget — the upper bound; then
 *       acc_after_t = acc_final_t and forgetting is 0.</li>
 * </ol>
 * The record's metrics: {@code acc_after_<t>} (acc[t][t]), {@code acc_final_<t>} (acc[T−1][t]),
 * {@code mean_acc_after}, {@code mean_acc_final}, and {@code forgetting} = mean over t &lt; T−1 of
 * acc_after_t − acc_final_t (0 when T = 1). The best θ is the final one; its fitness is
 * mean_acc_final. Single-threaded (the training batch is small); deterministic for a seed.
 */
public final class SequentialOptimizer implements Optimizer {

    private final double lr;
    private final int batch;
    private final int stepsPerTask;
    private final double beta;
    private final int regTasks;
    private final boolean joint;
    private final double clip;

    /**
     * @param batch        0 = the sub-tasks' default batch
     * @param stepsPerTask 0 = the run's budget split evenly over the tasks; otherwise exactly this many
     *                     steps per task, whatever the budget
     * @param regTasks     earlier tasks regularised per step, drawn at random; 0 = all
     */
    public SequentialOptimizer(double lr, int batch, int stepsPerTask, double beta, int regTasks, boolean joint,
                               double clip) {
        if (!(lr > 0) || batch < 0 || stepsPerTask < 0 || !(beta >= 0) || Double.isInfinite(beta) || regTasks < 0
                || !(clip >= 0)) {
            throw new IllegalArgumentException("sequential needs lr > 0, batch >= 0, steps-per-task >= 0, "
                    + "finite beta >= 0, reg-tasks >= 0, clip >= 0; got lr " + lr + ", batch " + batch
                    + ", steps-per-task " + stepsPerTask + ", beta " + beta + ", reg-tasks " + regTasks + ", clip " + clip);
        }
        this.lr = lr;
        this.batch = batch;
        this.stepsPerTask = stepsPerTask;
        this.beta = beta;
        this.regTasks = regTasks;
        this.joint = joint;
        this.clip = clip;
    }

    @Override
    public Task.BudgetUnit budgetUnit() {
        return Task.BudgetUnit.STEPS;
    }

    @Override
    public Optional<String> incompatibility(Task task, GeneratorFamily family) {
        if (!(task instanceof SequentialTasks seq)) {
            return Optional.of("task " + task.name() + " is not a sequence of tasks (use permuted-mnist or split-mnist)");
        }
        if (!(family instanceof ParametricFamily p)) {
            return Optional.of("sequential trains a fixed-length θ; " + family.name() + " evolves structure");
        }
        if (!p.generator().isDifferentiable()) {
            return Optional.of("generator " + family.name() + " has no backward pass");
        }
        if (p.generator() instanceof ConditionalWeightGenerator c) {
            if (joint) {
                return Optional.of("joint training mixes tasks in one batch; a task-conditioned generator "
                        + "makes one network per task (use it without joint, or the direct family)");
            }
            if (c.contextCount() < seq.taskCount()) {
                return Optional.of("the generator has " + c.contextCount() + " task embeddings, the task "
                        + seq.taskCount() + " sub-tasks (raise the generator's tasks option)");
            }
        }
        return Optional.empty();
    }

    /** Adam's moments for one training phase. */
    private static final class Adam {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPS = 1e-8;
        final double[] m;
        final double[] v;
        long step;

        Adam(int n) {
            m = new double[n];
            v = new double[n];
        }

        /** θ ← θ − lr·m̂/(√v̂ + ε). */
        void update(double[] theta, double[] g, double lr) {
            step++;
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            for (int i = 0; i < theta.length; i++) {
                m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                theta[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS);
            }
        }
    }

    /** Run-scoped buffers of one run. */
    private final class Run {
        final Search search;
        final SequentialTasks seq;
        final WeightGenerator generator;
        final ConditionalWeightGenerator conditional;
        final OutputRegulariser regulariser;
        final double[] theta;
        final double[] weights;
        final double[] dWeights;
        final double[] dTheta;
        final TargetNetwork net;
        final TargetNetwork evalNet;
        final int b;
        final int in;
        final int classes;
        final double[] inputs;
        final double[] targets;
        final double[] outputs;
        final double[] grad;
        final double[] rowIn;
        final double[] rowTarget;
        final int[] rowTask;
        final boolean[][] masks;
        final RandomGenerator rng;

        Run(Search search) {
            this.search = search;
            this.seq = (SequentialTasks) search.task();
            ParametricFamily family = (ParametricFamily) search.family();
            this.generator = family.generator();
            this.conditional = generator instanceof ConditionalWeightGenerator c ? c : null;
            this.regulariser = conditional != null && beta > 0 ? new OutputRegulariser(conditional, beta) : null;
            this.rng = search.random();
            this.theta = family.initialTheta(rng, new double[generator.parameterCount()]);
            int w = generator.layout().weightCount();
            this.weights = new double[w];
            this.dWeights = new double[w];
            this.dTheta = new double[theta.length];
            int bb = batch == 0 ? seq.task(0).defaultBatchSize() : batch;
            this.b = bb;
            this.net = new TargetNetwork(seq.architecture(), bb).bind(weights);
            this.evalNet = seq.newNetwork().bind(weights);
            this.in = seq.architecture().inputSize();
            this.classes = seq.architecture().outputSize();
            this.inputs = new double[bb * in];
            this.targets = new double[bb * classes];
            this.outputs = new double[bb * classes];
            this.grad = new double[bb * classes];
            this.rowIn = new double[in];
            this.rowTarget = new double[classes];
            this.rowTask = new int[bb];
            int tasks = seq.taskCount();
            this.masks = new boolean[tasks][classes];
            for (int t = 0; t < tasks; t++) {
                for (int k : seq.outputs(t)) {
                    masks[t][k] = true;
                }
            }
        }

        WeightGenerator generatorFor(int t) {
            return conditional != null ? conditional.at(t) : generator;
        }

        /** Trains task {@code t} (or all tasks, t = −1) for {@code steps} steps; false if it diverged. */
        boolean train(int t, long steps) {
            Adam adam = new Adam(theta.length);
            WeightGenerator g = t < 0 ? generator : generatorFor(t);
            // examples as (task, index) pairs, task-major; one pair per training example
            int tasks = seq.taskCount();
            int from = t < 0 ? 0 : t;
            int to = t < 0 ? tasks : t + 1;
            int total = 0;
            for (int k = from; k < to; k++) {
                total += seq.task(k).trainingSize();
            }
            int[] pairTask = new int[total];
            int[] pairIndex = new int[total];
            int at = 0;
            for (int k = from; k < to; k++) {
                for (int i = 0; i < seq.task(k).trainingSize(); i++) {
                    pairTask[at] = k;
                    pairIndex[at++] = i;
                }
            }
            int bb = Math.min(b, total);
            int[] order = permutation(total);
            int cursor = 0;
            int[] one = new int[1];
            int[] held = previous(t);
            // steps-per-task, when given, is the authority; otherwise steps = budget/T keeps within the budget
            for (long s = 0; s < steps && search.stopReason() == null; s++) {
                if (cursor + bb > total) {
                    order = permutation(total);
                    cursor = 0;
                }
                for (int r = 0; r < bb; r++) {
                    int p = order[cursor + r];
                    one[0] = pairIndex[p];
                    rowTask[r] = pairTask[p];
                    seq.task(pairTask[p]).trainingBatch(one, 0, 1, rowIn, rowTarget, rng);
                    System.arraycopy(rowIn, 0, inputs, r * in, in);
                    System.arraycopy(rowTarget, 0, targets, r * classes, classes);
                }
                cursor += bb;
                g.generate(theta, weights);
                net.forward(inputs, bb, outputs);
                double loss = maskedLoss(bb);
                Arrays.fill(dWeights, 0.0);
                net.backwardFromLogits(grad, dWeights);
                Arrays.fill(dTheta, 0.0);
                g.backward(theta, dWeights, dTheta);
                if (regulariser != null && held.length > 0) {
                    loss += regulariser.addGradient(theta, sample(held), dTheta);
                }
                double norm = 0;
                for (double x : dTheta) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                search.countSteps(1, bb);
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                    search.stop("diverged at step " + search.steps() + " (task " + t + "): loss " + loss
                            + ", gradient norm " + norm + " (try a smaller lr or clip)");
                    return false;
                }
                if (clip > 0 && norm > clip) {
                    double sc = clip / norm;
                    for (int i = 0; i < dTheta.length; i++) {
                        dTheta[i] *= sc;
                    }
                }
                adam.update(theta, dTheta, lr);
            }
            return true;
        }

        /** The earlier tasks whose W* is held while learning {@code t}. */
        int[] previous(int t) {
            if (regulariser == null || t <= 0) {
                return new int[0];
            }
            int[] p = new int[t];
            for (int i = 0; i < t; i++) {
                p[i] = i;
            }
            return p;
        }

        /** All of {@code held}, or {@code reg-tasks} of them drawn without replacement. */
        int[] sample(int[] held) {
            if (regTasks == 0 || regTasks >= held.length) {
                return held;
            }
            int[] c = held.clone();
            for (int i = 0; i < regTasks; i++) {
                int j = i + rng.nextInt(c.length - i);
                int x = c[i];
                c[i] = c[j];
                c[j] = x;
            }
            return Arrays.copyOf(c, regTasks);
        }

        /** Masked softmax cross-entropy over {@code bb} rows; writes dL/dlogits into {@code grad}. */
        double maskedLoss(int bb) {
            double loss = 0;
            double inv = 1.0 / bb;
            for (int r = 0; r < bb; r++) {
                boolean[] mask = masks[rowTask[r]];
                int o = r * classes;
                double denom = 0;
                for (int k = 0; k < classes; k++) {
                    if (mask[k]) {
                        denom += outputs[o + k];
                    }
                }
                denom = Math.max(denom, 1e-300);
                for (int k = 0; k < classes; k++) {
                    if (mask[k]) {
                        double q = outputs[o + k] / denom;
                        double y = targets[o + k];
                        if (y != 0) {
                            loss -= y * Math.log(Math.max(q, 1e-300));
                        }
                        grad[o + k] = (q - y) * inv; // d/dz_k of CE∘(softmax renormalised over the mask)
                    } else {
                        grad[o + k] = 0.0;
                    }
                }
            }
            return loss * inv;
        }

        /** Accuracy of task {@code t} with its own weights. */
        double accuracy(int t) {
            generatorFor(t).generate(theta, weights);
            evalNet.resetState();
            search.countEvaluations(1);
            return seq.accuracy(t, evalNet);
        }

        int[] permutation(int n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = p[i];
                p[i] = p[j];
                p[j] = x;
            }
            return p;
        }
    }

    @Override
    public void run(Search search) {
        Run run = new Run(search);
        SequentialTasks seq = run.seq;
        int tasks = seq.taskCount();
        double[][] acc = new double[tasks][tasks];
        if (joint) {
            run.train(-1, search.budget());
            for (int t = 0; t < tasks; t++) {
                acc[tasks - 1][t] = run.accuracy(t);
            }
            for (int i = 0; i < tasks - 1; i++) {
                acc[i][i] = acc[tasks - 1][i];
            }
            search.record(mean(acc[tasks - 1], tasks));
        } else {
            long steps = stepsPerTask > 0 ? stepsPerTask : Math.max(1, search.budget() / tasks);
            for (int t = 0; t < tasks; t++) {
                boolean ok = run.train(t, steps);
                if (run.regulariser != null) {
                    run.regulariser.store(t, run.theta);
                }
                for (int s = 0; s <= t; s++) {
                    acc[t][s] = run.accuracy(s);
                }
                search.record(mean(acc[t], t + 1));
                if (!ok) {
                    break;
                }
            }
        }
        Map<String, Double> metrics = metrics(acc);
        Score score = new Score(metrics.get("mean_acc_final"), metrics, null);
        search.offer(run.theta, score, double[]::clone);
        search.reportMetrics(metrics);
        search.record(score.fitness());
    }

    /**
     * The record's metrics from the accuracy matrix, acc[i][t] = accuracy on task t after learning
     * task i (rows after a divergence stay zero).
     */
    static Map<String, Double> metrics(double[][] acc) {
        int tasks = acc.length;
        Map<String, Double> m = new LinkedHashMap<>();
        double after = 0;
        double fin = 0;
        double forgetting = 0;
        for (int t = 0; t < tasks; t++) {
            m.put("acc_after_" + t, acc[t][t]);
            after += acc[t][t];
        }
        for (int t = 0; t < tasks; t++) {
            m.put("acc_final_" + t, acc[tasks - 1][t]);
            fin += acc[tasks - 1][t];
            if (t < tasks - 1) {
                forgetting += acc[t][t] - acc[tasks - 1][t];
            }
        }
        m.put("mean_acc_after", after / tasks);
        m.put("mean_acc_final", fin / tasks);
        m.put("forgetting", tasks > 1 ? forgetting / (tasks - 1) : 0.0);
        return m;
    }

    private static double mean(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s / n;
    }
}
