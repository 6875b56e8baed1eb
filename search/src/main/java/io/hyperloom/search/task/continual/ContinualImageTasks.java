package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.SupervisedTask;
import io.hyperloom.search.task.images.LabelledImageTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A continual image benchmark built from one labelled training set and one test set: permuted
 * MNIST ({@link #permuted}) and split MNIST ({@link #split}). Immutable and thread-safe; the
 * image sets are shared by every sub-task, never copied.
 */
public final class ContinualImageTasks implements SequentialTasks {

    /** Mini-batch of the sequential driver (von Oswald et al. 2020 train with 128). */
    public static final int BATCH = 128;
    public static final int EVALUATION_BATCH = 500;
    /** The default budget: this many epochs of each sub-task. */
    public static final int DEFAULT_EPOCHS = 2;

    private final String name;
    private final Architecture architecture;
    private final List<ContinualImageTask> tasks;

    public ContinualImageTasks(String name, Architecture architecture, List<ContinualImageTask> tasks) {
        this.name = Objects.requireNonNull(name, "name");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.tasks = List.copyOf(tasks);
        if (this.tasks.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one sub-task");
        }
        for (ContinualImageTask t : this.tasks) {
            if (!t.architecture().equals(architecture)) {
                throw new IllegalArgumentException("sub-task " + t.name() + " is not on " + architecture.name());
            }
        }
    }

    /** Permuted MNIST without centring: {@link #permuted(String, Architecture, ImageSet, ImageSet, int, long, boolean, boolean)}. */
    public static ContinualImageTasks permuted(String name, Architecture arch, ImageSet train, ImageSet test, int tasks,
                                               long seed, boolean identityFirst) {
        return permuted(name, arch, train, test, tasks, seed, identityFirst, false);
    }

    /**
     * Permuted MNIST: T tasks on all of {@code train} and {@code test}, task t's inputs permuted by
     * {@link Permutations#of}(pixels, t, seed, identityFirst); all ten outputs in every task.
     *
     * <p>With {@code center}, every input has the training split's per-pixel mean subtracted. The
     * mean is computed once on the unpermuted training images and permuted per task like the
     * pixels (task t subtracts mean[p_t[k]] from its input k = pixel p_t[k]). That is exactly the
     * per-pixel mean of task t's own (permuted) training inputs, since every task trains on all of
     * {@code train}: the same sums in the same order, so bit for bit the same as computing it per
     * task, for one pass over the images instead of T. Subtracting the unpermuted mean would be
     * wrong: input k of task t is not stored pixel k.
     */
    public static ContinualImageTasks permuted(String name, Architecture arch, ImageSet train, ImageSet test, int tasks,
                                               long seed, boolean identityFirst, boolean center) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        }
        int[] all = range(train.size());
        int[] allTest = range(test.size());
        int[] outputs = range(train.classes());
        double[] mean = center ? LabelledImageTask.pixelMean(train) : null;
        List<ContinualImageTask> list = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int[] p = Permutations.of(train.imageSize(), t, seed, identityFirst);
            list.add(new ContinualImageTask(name + "/" + t, arch, train, all, test, allTest, p,
                    mean == null ? null : inInputOrder(mean, p), outputs, BATCH, EVALUATION_BATCH));
        }
        return new ContinualImageTasks(name, arch, list);
    }

    /** out[k] = mean[p[k]]: a per-pixel vector in the order of the inputs permuted by {@code p}. */
    private static double[] inInputOrder(double[] mean, int[] p) {
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = mean[p[k]];
        }
        return out;
    }

    /** Split MNIST without centring: {@link #split(String, Architecture, ImageSet, ImageSet, boolean, boolean)}. */
    public static ContinualImageTasks split(String name, Architecture arch, ImageSet train, ImageSet test,
                                            boolean mask) {
        return split(name, arch, train, test, mask, false);
    }

    /**
     * Split MNIST: task t holds the examples of classes {2t, 2t+1} (five tasks for ten classes).
     * With {@code mask}, task identity is given: task t chooses between its two outputs only;
     * without, among all outputs (class-incremental).
     *
     * <p>With {@code center}, every input has the per-pixel mean of the whole training split (all
     * of {@code train}, every class) subtracted, as {@code mnist}'s {@code center} does: one fixed
     * preprocessing for the benchmark, so the union of the tasks' training inputs averages to zero
     * (a single task's need not). A per-task mean was rejected: the input transformation would
     * itself carry task identity, which the class-incremental setting ({@code mask=false}) must not
     * be given.
     */
    public static ContinualImageTasks split(String name, Architecture arch, ImageSet train, ImageSet test,
                                            boolean mask, boolean center) {
        int classes = train.classes();
        if (classes < 2 || classes % 2 != 0) {
            throw new IllegalArgumentException("split needs an even number of classes, got " + classes);
        }
        double[] mean = center ? LabelledImageTask.pixelMean(train) : null;
        List<ContinualImageTask> list = new ArrayList<>();
        for (int t = 0; t < classes / 2; t++) {
            int[] pair = {2 * t, 2 * t + 1};
            list.add(new ContinualImageTask(name + "/" + t, arch, train, withLabels(train, pair), test,
                    withLabels(test, pair), null, mean, mask ? pair : range(classes), BATCH, EVALUATION_BATCH));
        }
        return new ContinualImageTasks(name, arch, list);
    }

    /** The examples of {@code set} whose label is one of {@code labels}, ascending. */
    static int[] withLabels(ImageSet set, int[] labels) {
        int n = 0;
        int[] out = new int[set.size()];
        for (int i = 0; i < set.size(); i++) {
            int l = set.label(i);
            for (int x : labels) {
                if (l == x) {
                    out[n++] = i;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public int taskCount() {
        return tasks.size();
    }

    @Override
    public ContinualImageTask task(int t) {
        if (t < 0 || t >= tasks.size()) {
            throw new IllegalArgumentException("sub-task " + t + " is not in 0.." + (tasks.size() - 1));
        }
        return tasks.get(t);
    }

    @Override
    public int[] outputs(int t) {
        return task(t).outputs();
    }

    @Override
    public double accuracy(int t, Network net) {
        return task(t).accuracy(net);
    }

    @Override
    public int evaluationBatch() {
        return EVALUATION_BATCH;
    }

    /** Evolution: 1,000 evaluations; gradient steps: {@value #DEFAULT_EPOCHS} epochs of every sub-task. */
    @Override
    public long defaultBudget(BudgetUnit unit) {
        if (unit == BudgetUnit.EVALUATIONS) {
            return 1_000;
        }
        long steps = 0;
        for (SupervisedTask t : tasks) {
            steps += DEFAULT_EPOCHS * ((t.trainingSize() + BATCH - 1) / BATCH);
        }
        return steps;
    }
}
