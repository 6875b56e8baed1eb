package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One sub-task of a continual image benchmark: a subset of an image set's examples, optionally
 * with a fixed pixel permutation, scored on a subset of the test set by the argmax among its
 * output units.
 *
 * <p>Input pixel k of an example is pixel {@code permutation[k]} of the stored image (row-major),
 * scaled to [0, 1]. Training targets are one-hot over all outputs and the loss is the plain
 * softmax cross-entropy (what any gradient optimizer uses); the {@code sequential} driver instead
 * renormalises the softmax over {@link #outputs()} when task identity is given. Fitness
 * ({@link #evaluate}) is the accuracy on the task's test examples (no model selection is made on
 * continual benchmarks, so no validation set is kept). Immutable and thread-safe.
 */
public final class ContinualImageTask implements SupervisedTask {

    private final String name;
    private final Architecture architecture;
    private final ImageSet train;
    private final int[] trainIndex;
    private final ImageSet test;
    private final int[] testIndex;
    private final int[] permutation;
    private final int[] outputs;
    private final int batchSize;
    private final int evaluationBatch;

    /**
     * @param trainIndex  the examples of {@code train} this task trains on; referenced, not copied
     * @param testIndex   the examples of {@code test} it is scored on; referenced, not copied
     * @param permutation a bijection of 0..imageSize−1, or null for the identity; referenced
     * @param outputs     the output units it chooses among, ascending; referenced
     * @throws IllegalArgumentException if the sets do not fit the architecture or an index is out of range
     */
    public ContinualImageTask(String name, Architecture architecture, ImageSet train, int[] trainIndex, ImageSet test,
                              int[] testIndex, int[] permutation, int[] outputs, int batchSize, int evaluationBatch) {
        this.name = Objects.requireNonNull(name, "name");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.train = Objects.requireNonNull(train, "train");
        this.test = Objects.requireNonNull(test, "test");
        this.trainIndex = Objects.requireNonNull(trainIndex, "trainIndex");
        this.testIndex = Objects.requireNonNull(testIndex, "testIndex");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        if (architecture.inputSize() != train.imageSize() || test.imageSize() != train.imageSize()) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " takes " + architecture.inputSize()
                    + " inputs, the images have " + train.imageSize() + " and " + test.imageSize() + " pixels");
        }
        if (architecture.outputSize() != train.classes()) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " has " + architecture.outputSize()
                    + " outputs, the images " + train.classes() + " classes");
        }
        if (trainIndex.length < 1 || testIndex.length < 1) {
            throw new IllegalArgumentException("task " + name + " has no training or no test examples");
        }
        checkIndex("training", trainIndex, train.size());
        checkIndex("test", testIndex, test.size());
        if (permutation != null) {
            if (!Permutations.isBijection(permutation) || permutation.length != train.imageSize()) {
                throw new IllegalArgumentException("the permutation of task " + name + " is not a bijection of 0.."
                        + (train.imageSize() - 1));
            }
        }
        this.permutation = permutation;
        if (outputs.length < 1) {
            throw new IllegalArgumentException("task " + name + " has no output units");
        }
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] < 0 || outputs[i] >= train.classes() || (i > 0 && outputs[i] <= outputs[i - 1])) {
                throw new IllegalArgumentException("outputs of task " + name + " must ascend within 0.."
                        + (train.classes() - 1) + ", got " + Arrays.toString(outputs));
            }
        }
        if (batchSize < 1 || evaluationBatch < 1) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batchSize + ", " + evaluationBatch);
        }
        this.batchSize = batchSize;
        this.evaluationBatch = evaluationBatch;
    }

    private static void checkIndex(String what, int[] index, int size) {
        for (int i : index) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException(what + " example " + i + " is not in 0.." + (size - 1));
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    /** The output units this task chooses among (a fresh array). */
    public int[] outputs() {
        return outputs.clone();
    }

    /** The pixel permutation (a fresh array), or null for the identity. */
    public int[] permutation() {
        return permutation == null ? null : permutation.clone();
    }

    /** The label of training example {@code i} (an index into this task's examples). */
    public int trainingLabel(int i) {
        return train.label(trainIndex[i]);
    }

    /** How many test examples it is scored on. */
    public int testSize() {
        return testIndex.length;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        double a = accuracy(net);
        return new Score(a, Map.of("accuracy", a), null);
    }

    /** The fraction of test examples whose argmax among {@link #outputs()} is their label; 0 for NaN outputs. */
    public double accuracy(Network net) {
        int in = test.imageSize();
        int classes = test.classes();
        int n = testIndex.length;
        int batch = Math.min(Math.min(net.maxBatch(), evaluationBatch), n);
        double[] raw = new double[in];
        double[] inputs = new double[batch * in];
        double[] out = new double[batch * classes];
        int correct = 0;
        for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            for (int i = 0; i < b; i++) {
                copy(test, testIndex[from + i], raw, inputs, i * in);
            }
            net.forward(inputs, b, out);
            for (int i = 0; i < b; i++) {
                int o = i * classes;
                int best = outputs[0];
                for (int k : outputs) {
                    if (Double.isNaN(out[o + k])) {
                        return 0.0;
                    }
                    if (out[o + k] > out[o + best]) {
                        best = k;
                    }
                }
                if (best == test.label(testIndex[from + i])) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }

    /** Image {@code e} of {@code set}, scaled and permuted, into {@code out[at ..]}; {@code raw} is scratch. */
    private void copy(ImageSet set, int e, double[] raw, double[] out, int at) {
        if (permutation == null) {
            set.copyScaled(e, out, at);
            return;
        }
        set.copyScaled(e, raw, 0);
        for (int k = 0; k < raw.length; k++) {
            out[at + k] = raw[permutation[k]];
        }
    }

    @Override
    public int evaluationBatch() {
        return Math.min(evaluationBatch, testIndex.length);
    }

    @Override
    public boolean hasSuccessCriterion() {
        return false;
    }

    @Override
    public double worstFitness() {
        return 0.0;
    }

    @Override
    public long defaultBudget(BudgetUnit unit) {
        return unit == BudgetUnit.EVALUATIONS ? 1_000 : 2L * ((trainIndex.length + batchSize - 1) / batchSize);
    }

    @Override
    public int trainingSize() {
        return trainIndex.length;
    }

    @Override
    public int targetSize() {
        return train.classes();
    }

    @Override
    public Loss loss() {
        return Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public int defaultBatchSize() {
        return batchSize;
    }

    @Override
    public void trainingBatch(int[] indices, int from, int count, double[] inputs, double[] targets,
                              RandomGenerator rng) {
        int in = train.imageSize();
        int classes = train.classes();
        double[] raw = new double[in];
        Arrays.fill(targets, 0, count * classes, 0.0);
        for (int i = 0; i < count; i++) {
            int e = trainIndex[indices[from + i]];
            copy(train, e, raw, inputs, i * in);
            targets[i * classes + train.label(e)] = 1.0;
        }
    }
}
