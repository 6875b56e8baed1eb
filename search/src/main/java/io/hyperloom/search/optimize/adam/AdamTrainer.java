package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.task.SupervisedTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * Adam's settings, and the sessions that train one θ with them: the gradient loop that both
 * {@link AdamOptimizer} (one long session) and the hybrid optimizer (a short session per
 * candidate) run. Immutable; a {@link Session} is mutable, owned by one caller.
 *
 * <p>How one step works:
 * <ol>
 *   <li>W = G(θ), once, shared read-only by the workers.</li>
 *   <li>The mini-batch is cut into chunks of fixed size; each chunk runs forward, loss and
 *       backward on a worker's own network into its own dW. Chunks are summed in chunk order,
 *       so the gradient is bit-identical whatever the thread count.</li>
 *   <li>dθ = Gᵀ(dW); clipped to a global norm if asked; a non-finite loss or gradient ends the
 *       session with a message and leaves θ as it was before the step.</li>
 *   <li>m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr_t·m̂/(√v̂ + ε), with bias correction
 *       and lr_t from the schedule over the session's planned steps.</li>
 * </ol>
 *
 * @param batch 0 = the task's default batch size
 */
public record AdamTrainer(double lr, int batch, double beta1, double beta2, double epsilon, double clip,
                          AdamOptimizer.Schedule schedule, int chunk) {

    public AdamTrainer {
        if (!(lr > 0) || batch < 0 || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0) || clip < 0 || chunk < 1) {
            throw new IllegalArgumentException("adam needs lr > 0, batch >= 0, betas in [0,1), eps > 0, clip >= 0, "
                    + "eval-every >= 0, chunk >= 1");
        }
        java.util.Objects.requireNonNull(schedule, "schedule");
    }

    /** The mini-batch size used on {@code task}. */
    public int batchSize(SupervisedTask task) {
        return Math.min(batch == 0 ? task.defaultBatchSize() : batch, task.trainingSize());
    }

    /**
     * Starts training {@code theta} in place. Draws the first epoch's order from {@code rng} now.
     *
     * @param theta   modified by every {@link Session#step()}
     * @param rng     shuffles the training set (each epoch)
     * @param seed    augmentation streams are derived from (seed, step, chunk)
     * @param threads workers that run chunks of a batch at once (1 = the caller's thread)
     * @param planned steps the schedule spreads over
     */
    public Session session(SupervisedTask task, WeightGenerator generator, double[] theta, RandomGenerator rng,
                           long seed, int threads, long planned) {
        return new Session(task, generator, theta, rng, seed, threads, planned);
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

    /** One θ being trained: Adam's moments, the epoch order and the workers. Close it to stop its threads. */
    public final class Session implements AutoCloseable {

        private final SupervisedTask task;
        private final WeightGenerator generator;
        private final double[] theta;
        private final RandomGenerator rng;
        private final long seed;
        private final long planned;
        private final double[] weights;
        private final double[] dTheta;
        private final double[] m;
        private final double[] v;
        private final int examples;
        private final int b;
        private final int rows;
        private final List<Worker> workers = new ArrayList<>();
        private final ExecutorService pool;
        private int[] order;
        /** Orders drawn from rng so far (the first in the constructor), for replaying them on a restore. */
        private long orders;
        private int cursor;
        private long step;
        private String failure;

        private Session(SupervisedTask task, WeightGenerator generator, double[] theta, RandomGenerator rng, long seed,
                        int threads, long planned) {
            this.task = task;
            this.generator = generator;
            this.theta = theta;
            this.rng = rng;
            this.seed = seed;
            this.planned = planned;
            int n = generator.parameterCount();
            weights = new double[generator.layout().weightCount()];
            dTheta = new double[n];
            m = new double[n];
            v = new double[n];
            examples = task.trainingSize();
            b = AdamTrainer.this.batchSize(task);
            rows = Math.min(chunk, b);
            int chunks = (b + rows - 1) / rows;
            for (int c = 0; c < chunks; c++) {
                workers.add(new Worker(task, rows, weights));
            }
            int t = Math.min(threads, chunks);
            pool = t > 1 ? Executors.newFixedThreadPool(t, r -> {
                Thread th = new Thread(r, "hyperloom-adam");
                th.setDaemon(true);
                return th;
            }) : null;
            order = permutation(examples, rng);
            orders = 1;
        }

        /** Examples per step. */
        public int batchSize() {
            return b;
        }

        /** Steps taken so far. */
        public long steps() {
            return step;
        }

        /** Why the session ended (divergence), or null. */
        public String failure() {
            return failure;
        }

        /**
         * One Adam step on θ.
         *
         * @return false if the loss or gradient was not finite: θ is unchanged and {@link #failure()} says why
         */
        public boolean step() {
            if (failure != null) {
                return false;
            }
            if (cursor + b > examples) {
                order = permutation(examples, rng);
                orders++;
                cursor = 0;
            }
            generator.generate(theta, weights);
            double loss = gradient(cursor);
            cursor += b;
            Arrays.fill(dTheta, 0.0);
            double[] dW = workers.get(0).dW;
            for (int c = 1; c < workers.size(); c++) {
                double[] other = workers.get(c).dW;
                for (int i = 0; i < dW.length; i++) {
                    dW[i] += other[i];
                }
            }
            generator.backward(theta, dW, dTheta);
            double norm = norm(dTheta);
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                failure = "diverged at step " + (step + 1) + ": loss " + loss + ", gradient norm " + norm;
                return false;
            }
            step++;
            update(theta, dTheta, norm, m, v, step, planned);
            return true;
        }

        /** Runs every chunk of the batch starting at {@code from}; returns the mean loss over the batch. */
        private double gradient(int from) {
            int chunks = workers.size();
            double[] losses = new double[chunks];
            List<Runnable> jobs = new ArrayList<>(chunks);
            long at = step;
            for (int c = 0; c < chunks; c++) {
                int cc = c;
                int start = from + c * rows;
                int count = Math.min(rows, b - c * rows);
                jobs.add(() -> {
                    Worker w = workers.get(cc);
                    Arrays.fill(w.dW, 0.0);
                    if (count <= 0) {
                        return;
                    }
                    RandomGenerator augment = Seeds.random(Seeds.derive(seed, at, cc));
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
            Jobs.runAll(jobs, pool);
            double sum = 0;
            for (double l : losses) {
                sum += l;
            }
            return sum;
        }

        /** Adds what {@link #restore} needs to {@code state}: θ, m, v, the step and the epoch position. */
        public RunCheckpoint.State saveTo(RunCheckpoint.State state) {
            return state.put("theta", theta).put("m", m).put("v", v).put("step", step).put("cursor", cursor)
                    .put("orders", orders).put("order", order);
        }

        /**
         * Continues from a state {@link #saveTo} wrote, bit-identically: θ, m, v, the step and
         * cursor are copied back, and the epoch orders drawn since this session's first are drawn
         * again from {@code rng} (a pure function of the run's seed), so no generator state has to
         * be stored. The session must be fresh and its rng in the state it was in when the saved
         * session was created.
         *
         * @throws IllegalArgumentException if the state does not fit this session
         */
        public void restore(RunCheckpoint.State state) {
            if (step != 0 || orders != 1) {
                throw new IllegalStateException("restore a fresh session only");
            }
            state.copyInto("theta", theta);
            state.copyInto("m", m);
            state.copyInto("v", v);
            long saved = state.longValue("orders");
            int[] savedOrder = state.ints("order");
            int at = (int) state.longValue("cursor");
            if (saved < 1 || savedOrder.length != examples || at < 0 || at > examples) {
                throw new IllegalArgumentException("checkpoint's epoch position (order of " + savedOrder.length
                        + ", cursor " + at + ") does not fit " + examples + " training examples");
            }
            for (; orders < saved; orders++) {
                order = permutation(examples, rng);
            }
            if (!Arrays.equals(order, savedOrder)) {
                throw new IllegalArgumentException("checkpoint's epoch order differs from the one the run's seed "
                        + "gives (a checkpoint of another hyperloom version?)");
            }
            cursor = at;
            step = state.longValue("step");
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Clips dθ (modified) to the global norm if asked, then one Adam step on θ (modified) with
     * moments m, v (modified); {@code step} ≥ 1 counts from the first update.
     */
    public void update(double[] theta, double[] dTheta, double norm, double[] m, double[] v, long step, long total) {
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
