package io.hyperloom.search.optimize.adam;

import io.hyperloom.search.generator.DynamicWeightGenerator;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.SequenceNetwork;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.optimize.Problem;
import io.hyperloom.search.optimize.RunCheckpoint;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.task.SequenceTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Adam on a {@link SequenceTask}: truncated backpropagation through time over parallel streams.
 *
 * <p>How it works:
 * <ol>
 *   <li>The batch is B streams of the training data; the streams are cut into groups of at most
 *       {@code chunk} streams, each group owned for the whole run by one worker with its own
 *       network, so a group's hidden and cell state carry from one chunk of T steps to the next.
 *       Every state is reset at the start of an epoch (chunk 0).</li>
 *   <li>Per step: W = G(θ) (static generators; a {@link DynamicWeightGenerator}'s network reads θ
 *       itself), then each group runs {@code forwardSequence}, the loss at every step (weighted so
 *       the groups sum to the mean over B·T predictions) and {@code backwardSequence}. Group
 *       gradients are summed in group order, so the result does not depend on the thread count.</li>
 *   <li>dθ = Gᵀ(dW) for static generators (a dynamic network's gradient is already in θ); then
 *       the optimizer's clipping and Adam update.</li>
 *   <li>After each monitoring point θ, m, v, the step and (mid-epoch) every group's carried state
 *       go to the search's checkpoint, and a restarted run continues from there.</li>
 * </ol>
 * Run-scoped; used from the optimizer's thread.
 */
final class SequenceTrainer {

    private final AdamOptimizer adam;
    private final int batch;
    private final int chunk;
    private final int evalEvery;

    SequenceTrainer(AdamOptimizer adam, int batch, int chunk, int evalEvery) {
        this.adam = adam;
        this.batch = batch;
        this.chunk = chunk;
        this.evalEvery = evalEvery;
    }

    /** One group of streams: its network (state carried), its gradient and its chunk buffers. */
    private static final class Group {
        final SequenceNetwork net;
        final double[] grad;
        final double[][] in;
        final double[][] target;
        final double[][] out;
        final double[][] dOut;
        final int from;
        final int count;

        Group(SequenceNetwork net, int gradLength, SequenceTask task, int from, int count) {
            this.net = net;
            this.grad = new double[gradLength];
            int t = task.sequenceLength();
            this.in = new double[t][count * task.architecture().inputSize()];
            this.target = new double[t][count * task.targetSize()];
            this.out = new double[t][count * task.targetSize()];
            this.dOut = new double[t][count * task.targetSize()];
            this.from = from;
            this.count = count;
        }
    }

    void run(Search search) {
        SequenceTask task = (SequenceTask) search.task();
        ParametricFamily family = (ParametricFamily) search.family();
        WeightGenerator generator = family.generator();
        DynamicWeightGenerator dynamic = generator instanceof DynamicWeightGenerator d ? d : null;
        Problem<double[]> problem = Problem.parametric(task, family);
        int n = generator.parameterCount();
        double[] theta = family.initialTheta(search.random(), new double[n]);
        double[] weights = new double[family.layout().weightCount()];
        double[] dTheta = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        int streams = batch == 0 ? task.defaultBatchSize() : batch;
        int steps = task.sequenceLength();
        int chunksPerEpoch = task.chunksPerEpoch(streams);
        int rows = Math.min(chunk, streams);
        List<Group> groups = new ArrayList<>();
        for (int from = 0; from < streams; from += rows) {
            int count = Math.min(rows, streams - from);
            SequenceNetwork net = dynamic != null
                    ? dynamic.newNetwork(task.architecture(), count, steps).bind(theta)
                    : new TargetNetwork(task.architecture(), count, steps, MatrixKernel.best()).bind(weights);
            groups.add(new Group(net, dynamic != null ? n : weights.length, task, from, count));
        }
        int every = evalEvery == 0 ? chunksPerEpoch : evalEvery;
        long examples = (long) streams * steps;
        int threads = Math.min(search.evaluator().localParallelism(), groups.size());
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperloom-adam-bptt");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            long step = 0;
            long total = search.budget();
            java.util.Optional<RunCheckpoint.State> restored = search.restore();
            if (restored.isPresent()) {
                step = restore(restored.get(), theta, m, v, groups, chunksPerEpoch);
            } else {
                AdamOptimizer.monitor(search, problem, theta, step);
            }
            while (!search.isDone()) {
                int k = (int) (step % chunksPerEpoch);
                if (k == 0) {
                    groups.forEach(g -> g.net.resetState());
                }
                if (dynamic == null) {
                    generator.generate(theta, weights);
                }
                double loss = gradient(task, groups, streams, k, pool);
                double[] sum = groups.get(0).grad;
                for (int c = 1; c < groups.size(); c++) {
                    double[] other = groups.get(c).grad;
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += other[i];
                    }
                }
                if (dynamic == null) {
                    Arrays.fill(dTheta, 0.0);
                    generator.backward(theta, sum, dTheta);
                } else {
                    System.arraycopy(sum, 0, dTheta, 0, n);
                }
                double norm = AdamOptimizer.norm(dTheta);
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                    search.countSteps(1, examples);
                    search.stop("diverged at step " + (step + 1) + ": loss " + loss + ", gradient norm " + norm
                            + "; kept the best θ from before (try a smaller lr or clip)");
                    break;
                }
                step++;
                adam.trainer().update(theta, dTheta, norm, m, v, step, total);
                search.countSteps(1, examples);
                if (step % every == 0 || search.isDone()) {
                    AdamOptimizer.monitor(search, problem, theta, step);
                    if (search.isCheckpointed()) {
                        checkpoint(search, theta, m, v, step, groups, chunksPerEpoch);
                    }
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Saves θ, m, v, the step and, mid-epoch, every group's carried state (at an epoch's end the
     * states are reset before the next step, so none is needed). A network that cannot export its
     * state is checkpointed at epoch ends only.
     */
    private static void checkpoint(Search search, double[] theta, double[] m, double[] v, long step,
                                   List<Group> groups, int chunksPerEpoch) {
        RunCheckpoint.State state = new RunCheckpoint.State().put("theta", theta).put("m", m).put("v", v)
                .put("step", step);
        if (step % chunksPerEpoch != 0) {
            for (int g = 0; g < groups.size(); g++) {
                double[] carried = groups.get(g).net.exportState();
                if (carried == null) {
                    return;
                }
                state.put("state" + g, carried);
            }
        }
        search.checkpoint(state);
    }

    /** Restores what {@link #checkpoint} saved; returns the step to continue from. */
    private static long restore(RunCheckpoint.State state, double[] theta, double[] m, double[] v,
                                List<Group> groups, int chunksPerEpoch) {
        state.copyInto("theta", theta);
        state.copyInto("m", m);
        state.copyInto("v", v);
        long step = state.longValue("step");
        if (step % chunksPerEpoch != 0) {
            for (int g = 0; g < groups.size(); g++) {
                groups.get(g).net.importState(state.doubles("state" + g));
            }
        }
        return step;
    }

    /** Runs chunk k of every group; returns the mean loss per prediction over the B·T predictions. */
    private static double gradient(SequenceTask task, List<Group> groups, int streams, int k, ExecutorService pool) {
        double[] losses = new double[groups.size()];
        int steps = task.sequenceLength();
        int width = task.targetSize();
        boolean atLogits = task.loss().gradientIsAtLogits();
        List<Runnable> jobs = new ArrayList<>(groups.size());
        for (int c = 0; c < groups.size(); c++) {
            int cc = c;
            jobs.add(() -> {
                Group g = groups.get(cc);
                Arrays.fill(g.grad, 0.0);
                task.trainingChunk(streams, k, g.from, g.count, g.in, g.target);
                g.net.forwardSequence(g.in, g.count, g.out);
                // each step's loss is a mean over the group's rows; weight it so all groups and steps average
                double share = (double) g.count / streams / steps;
                double l = 0;
                for (int t = 0; t < steps; t++) {
                    l += task.loss().value(g.out[t], g.target[t], g.count, width, g.dOut[t]) * share;
                    double[] d = g.dOut[t];
                    for (int i = 0; i < g.count * width; i++) {
                        d[i] *= share;
                    }
                }
                if (atLogits) {
                    g.net.backwardSequenceFromLogits(g.dOut, g.grad);
                } else {
                    g.net.backwardSequence(g.dOut, g.grad);
                }
                losses[cc] = l;
            });
        }
        Jobs.runAll(jobs, pool);
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return sum;
    }
}
