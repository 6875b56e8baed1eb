package io.hyperloom.search.task.images;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.SupervisedTask;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What every softmax classifier of labelled images shares ({@link ImageClassificationTask} and the
 * continual sub-tasks of {@code permuted-mnist} and {@code split-mnist}): how a stored image becomes
 * a network input, one-hot training batches under the softmax cross-entropy, and the batched
 * scoring loop.
 *
 * <p>Input pixel k of example e is pixel {@code permutation[k]} of the stored image (row-major;
 * the identity when there is no permutation), scaled to [0, 1], minus {@code pixelMean[k]} when
 * centring. The mean is therefore given in input order: a task that permutes its pixels permutes
 * its mean the same way. The same transformation applies to training and held-out examples.
 *
 * <p>Immutable and thread-safe: the image sets and index arrays are shared read-only (referenced,
 * not copied); every buffer a method writes is the caller's or local to the call.
 */
public abstract class LabelledImageTask implements SupervisedTask {

    /** −log of the smallest probability {@link Loss} distinguishes; the loss of a NaN network. */
    public static final double NAN_LOSS = 690.7755278982137;

    private final String name;
    private final Architecture architecture;
    private final ImageSet train;
    /** The examples of {@code train} this task trains on, or null for all of them in order. */
    private final int[] trainIndex;
    /** Input pixel k is stored pixel {@code permutation[k]}; null for the identity. */
    private final int[] permutation;
    /** Subtracted from every input, in input order; null when not centring. */
    private final double[] pixelMean;
    /** The output units a prediction chooses among, ascending. */
    private final int[] outputs;
    private final int batchSize;
    private final int evaluationBatch;

    /**
     * @param trainIndex  the examples of {@code train} this task trains on, or null for all; referenced
     * @param permutation a bijection of 0..imageSize−1 (the subclass checks that; here only its length is),
     *                    or null for the identity; referenced
     * @param pixelMean   imageSize values subtracted from every input (in input order), or null; referenced
     * @param outputs     the output units predictions choose among, ascending, or null for all; referenced
     * @param heldOut     the sets scored (validation, test): they must have the training images' shape
     * @throws IllegalArgumentException if the sets do not fit the architecture or each other, or an
     *                                  index, size or batch is out of range
     */
    protected LabelledImageTask(String name, Architecture architecture, ImageSet train, int[] trainIndex,
                                int[] permutation, double[] pixelMean, int[] outputs, int batchSize,
                                int evaluationBatch, ImageSet... heldOut) {
        this.name = Objects.requireNonNull(name, "name");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.train = Objects.requireNonNull(train, "train");
        for (ImageSet s : heldOut) {
            Objects.requireNonNull(s, "held-out set");
            if (s.rows() != train.rows() || s.cols() != train.cols() || s.classes() != train.classes()) {
                throw new IllegalArgumentException("the held-out images of " + name + " are " + s.rows() + "×" + s.cols()
                        + " in " + s.classes() + " classes, the training images " + train.rows() + "×" + train.cols()
                        + " in " + train.classes());
            }
        }
        int pixels = train.imageSize();
        if (architecture.inputSize() != pixels) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " takes " + architecture.inputSize()
                    + " inputs, the images have " + train.rows() + "×" + train.cols());
        }
        if (architecture.outputSize() != train.classes()) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " has " + architecture.outputSize()
                    + " outputs, the task has " + train.classes() + " classes");
        }
        if (trainIndex == null ? train.size() < 1 : trainIndex.length < 1) {
            throw new IllegalArgumentException("task " + name + " has no training examples");
        }
        if (trainIndex != null) {
            checkIndex("training", trainIndex, train.size());
        }
        if (permutation != null && permutation.length != pixels) {
            throw new IllegalArgumentException("the permutation of task " + name + " has " + permutation.length
                    + " entries, the images " + pixels + " pixels");
        }
        if (pixelMean != null && pixelMean.length != pixels) {
            throw new IllegalArgumentException("the pixel mean of task " + name + " has " + pixelMean.length
                    + " values, the images " + pixels + " pixels");
        }
        if (outputs == null) {
            outputs = new int[train.classes()];
            Arrays.setAll(outputs, k -> k);
        }
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
        this.trainIndex = trainIndex;
        this.permutation = permutation;
        this.pixelMean = pixelMean;
        this.outputs = outputs;
        this.batchSize = batchSize;
        this.evaluationBatch = evaluationBatch;
    }

    /** @throws IllegalArgumentException naming the first entry of {@code index} outside 0..size−1 */
    protected static void checkIndex(String what, int[] index, int size) {
        for (int i : index) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException(what + " example " + i + " is not in 0.." + (size - 1));
            }
        }
    }

    /**
     * The per-pixel mean of all images of {@code set}, scaled to [0, 1], in stored (row-major) order:
     * mean[k] = Σₑ pixel(e, k) / maxValue / size, summed over examples in order.
     *
     * @throws IllegalArgumentException if {@code set} is empty
     */
    public static double[] pixelMean(ImageSet set) {
        if (set.size() < 1) {
            throw new IllegalArgumentException("the pixel mean of an empty image set is undefined");
        }
        int in = set.imageSize();
        double[] sum = new double[in];
        double[] row = new double[in];
        for (int e = 0; e < set.size(); e++) {
            set.copyScaled(e, row, 0);
            for (int k = 0; k < in; k++) {
                sum[k] += row[k];
            }
        }
        for (int k = 0; k < in; k++) {
            sum[k] /= set.size();
        }
        return sum;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Architecture architecture() {
        return architecture;
    }

    /** The image set training examples come from (all of it, or the task's subset of it). */
    public final ImageSet training() {
        return train;
    }

    /** The pixel permutation (a fresh array), or null for the identity. */
    public final int[] permutation() {
        return permutation == null ? null : permutation.clone();
    }

    /** The label of training example {@code i} (an index into this task's training examples). */
    public final int trainingLabel(int i) {
        return train.label(trainIndex == null ? i : trainIndex[i]);
    }

    /** Whether inputs have a per-pixel mean subtracted. */
    public final boolean centers() {
        return pixelMean != null;
    }

    /** The output units a prediction chooses among (a fresh array). */
    public final int[] outputs() {
        return outputs.clone();
    }

    /**
     * Image {@code e} of {@code set} as a network input (scaled, permuted, centred) into
     * {@code out[at .. at+imageSize)}.
     *
     * @param scratch imageSize doubles, modified; may be null when there is no permutation
     * @param out     modified
     */
    protected final void input(ImageSet set, int e, double[] scratch, double[] out, int at) {
        if (permutation == null) {
            set.copyScaled(e, out, at);
        } else {
            set.copyScaled(e, scratch, 0);
            for (int k = 0; k < scratch.length; k++) {
                out[at + k] = scratch[permutation[k]];
            }
        }
        center(out, at);
    }

    /** Subtracts the pixel mean from the input at {@code out[at ..]}, when centring. */
    protected final void center(double[] out, int at) {
        if (pixelMean != null) {
            for (int k = 0; k < pixelMean.length; k++) {
                out[at + k] -= pixelMean[k];
            }
        }
    }

    /**
     * Writes the input of training example {@code e} (an index into {@link #training()}) at
     * {@code out[at ..]}: {@link #input} by default. An override (augmentation) must still
     * {@link #center} what it writes, and draw from {@code rng} only.
     */
    protected void trainingInput(int e, RandomGenerator rng, double[] scratch, double[] out, int at) {
        input(train, e, scratch, out, at);
    }

    /**
     * {accuracy, mean cross-entropy} over examples {@code index[0 .. n)} of {@code set} (examples
     * 0..n−1 when {@code index} is null). A prediction is the argmax among {@link #outputs()} (the
     * first on ties); the loss is −log p(label) of the plain softmax over all outputs. A NaN among
     * the outputs a prediction looks at scores {0, {@link #NAN_LOSS}}.
     */
    protected final double[] score(Network net, ImageSet set, int[] index, int n) {
        int in = set.imageSize();
        int classes = set.classes();
        int batch = Math.min(Math.min(net.maxBatch(), evaluationBatch), n);
        double[] scratch = permutation == null ? null : new double[in];
        double[] inputs = new double[batch * in];
        double[] out = new double[batch * classes];
        int correct = 0;
        double loss = 0;
        for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            for (int i = 0; i < b; i++) {
                input(set, index == null ? from + i : index[from + i], scratch, inputs, i * in);
            }
            net.forward(inputs, b, out);
            for (int i = 0; i < b; i++) {
                int o = i * classes;
                int best = outputs[0];
                for (int k : outputs) {
                    if (Double.isNaN(out[o + k])) {
                        return new double[] {0.0, NAN_LOSS};
                    }
                    if (out[o + k] > out[o + best]) {
                        best = k;
                    }
                }
                int label = set.label(index == null ? from + i : index[from + i]);
                if (best == label) {
                    correct++;
                }
                loss -= Math.log(Math.max(out[o + label], 1e-300)); // −log p(label), clamped as in Loss
            }
        }
        return new double[] {(double) correct / n, loss / n};
    }

    /** The largest batch {@link #score} runs at once (the network's limit applies too). */
    protected final int maxEvaluationBatch() {
        return evaluationBatch;
    }

    /** Mini-batches of {@link #defaultBatchSize()} in one pass over the training examples. */
    protected final long stepsPerEpoch() {
        return (trainingSize() + batchSize - 1) / batchSize;
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
    public final int trainingSize() {
        return trainIndex == null ? train.size() : trainIndex.length;
    }

    @Override
    public final int targetSize() {
        return train.classes();
    }

    @Override
    public final Loss loss() {
        return Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public final int defaultBatchSize() {
        return batchSize;
    }

    /** One-hot targets over all outputs; inputs by {@link #trainingInput}. */
    @Override
    public final void trainingBatch(int[] indices, int from, int count, double[] inputs, double[] targets,
                                    RandomGenerator rng) {
        int in = train.imageSize();
        int classes = train.classes();
        double[] scratch = permutation == null ? null : new double[in];
        Arrays.fill(targets, 0, count * classes, 0.0);
        for (int i = 0; i < count; i++) {
            int e = trainIndex == null ? indices[from + i] : trainIndex[indices[from + i]];
            trainingInput(e, rng, scratch, inputs, i * in);
            targets[i * classes + train.label(e)] = 1.0;
        }
    }
}
