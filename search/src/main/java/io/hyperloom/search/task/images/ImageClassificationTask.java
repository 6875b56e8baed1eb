package io.hyperloom.search.task.images;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Classification of labelled images with a softmax network: {@code mnist}, {@code fashion-mnist},
 * {@code digits}.
 *
 * <p>Fitness ({@link #evaluate}) is the accuracy on the first {@code evalExamples} validation
 * images (always the same ones, so fitness is deterministic and the seed is ignored), with the
 * metrics {@code val_accuracy}, {@code val_error} = 1 − accuracy and {@code val_loss}, the mean
 * cross-entropy −log p(label). {@link #finalMetrics} scores the whole validation set and adds
 * {@code test_accuracy}, {@code test_error} and {@code test_loss} on the test set. A network that
 * outputs NaN scores accuracy 0 and loss {@value #NAN_LOSS}.
 *
 * <p>Augmentation (Ha et al. 2016): each training image is zero-padded by one pixel on every side
 * (28×28 → 30×30) and a 28×28 window is cropped at an offset drawn from the {@code rng} given to
 * {@link #trainingBatch}: row offset first, then column offset, each uniform in {0, 1, 2}. The
 * image thus moves by at most one pixel and is never cut where it has a blank border.
 *
 * <p>Immutable and thread-safe: the image sets are shared read-only; every buffer a method writes
 * is the caller's or local to the call.
 */
public final class ImageClassificationTask implements SupervisedTask {

    /** −log of the smallest probability {@link Loss} distinguishes; the loss of a NaN network. */
    public static final double NAN_LOSS = 690.7755278982137;
    private static final int PAD = 1;

    private final String name;
    private final Architecture architecture;
    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;
    private final boolean augment;
    private final int evalExamples;
    private final int batchSize;
    private final int evaluationBatch;
    /** Per-pixel mean of the training images (scaled to [0, 1]) subtracted from every input, or null. */
    private final double[] pixelMean;

    /**
     * @param evalExamples how many validation images {@link #evaluate} scores (1..validation size)
     * @param batchSize    the default mini-batch for gradient training
     * @throws IllegalArgumentException if the architecture does not fit the images, or a size is out of range
     */
    public ImageClassificationTask(String name, Architecture architecture, ImageSet train, ImageSet validation,
                                   ImageSet test, boolean augment, int evalExamples, int batchSize,
                                   int evaluationBatch) {
        this(name, architecture, train, validation, test, augment, false, evalExamples, batchSize, evaluationBatch);
    }

    /**
     * @param center whether every input (training, validation, test) has the training images' per-pixel
     *               mean subtracted; smooth generated weights (coordnet, cppn) need it, since on raw
     *               non-negative pixels a smooth filter answers mostly to the image's total ink
     */
    public ImageClassificationTask(String name, Architecture architecture, ImageSet train, ImageSet validation,
                                   ImageSet test, boolean augment, boolean center, int evalExamples, int batchSize,
                                   int evaluationBatch) {
        this.name = Objects.requireNonNull(name, "name");
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.test = Objects.requireNonNull(test, "test");
        for (ImageSet s : new ImageSet[] {validation, test}) {
            if (s.rows() != train.rows() || s.cols() != train.cols() || s.classes() != train.classes()) {
                throw new IllegalArgumentException("validation and test images must have the training images' shape");
            }
        }
        if (architecture.inputSize() != train.imageSize()) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " takes " + architecture.inputSize()
                    + " inputs, the images have " + train.rows() + "×" + train.cols());
        }
        if (architecture.outputSize() != train.classes()) {
            throw new IllegalArgumentException("architecture " + architecture.name() + " has " + architecture.outputSize()
                    + " outputs, the task has " + train.classes() + " classes");
        }
        if (train.size() < 1 || validation.size() < 1) {
            throw new IllegalArgumentException("training and validation sets must not be empty");
        }
        if (evalExamples < 1 || evalExamples > validation.size()) {
            throw new IllegalArgumentException("eval-examples must be in 1.." + validation.size() + ", got " + evalExamples);
        }
        if (batchSize < 1 || evaluationBatch < 1) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batchSize + ", " + evaluationBatch);
        }
        this.augment = augment;
        this.pixelMean = center ? pixelMean(train) : null;
        this.evalExamples = evalExamples;
        this.batchSize = batchSize;
        this.evaluationBatch = evaluationBatch;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    public ImageSet training() {
        return train;
    }

    public ImageSet validation() {
        return validation;
    }

    public ImageSet test() {
        return test;
    }

    public boolean augments() {
        return augment;
    }

    /** Whether inputs have the training set's per-pixel mean subtracted. */
    public boolean centers() {
        return pixelMean != null;
    }

    private static double[] pixelMean(ImageSet set) {
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

    /** Subtracts the pixel mean from the image at {@code at}, when centering. */
    private void center(double[] x, int at) {
        if (pixelMean != null) {
            for (int k = 0; k < pixelMean.length; k++) {
                x[at + k] -= pixelMean[k];
            }
        }
    }

    public int evalExamples() {
        return evalExamples;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        double[] r = score(net, validation, evalExamples);
        return new Score(r[0], Map.of("val_accuracy", r[0], "val_error", 1.0 - r[0], "val_loss", r[1]), null);
    }

    @Override
    public Map<String, Double> finalMetrics(Network net) {
        double[] v = score(net, validation, validation.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_accuracy", v[0]);
        m.put("val_error", 1.0 - v[0]);
        m.put("val_loss", v[1]);
        if (test.size() > 0) {
            double[] t = score(net, test, test.size());
            m.put("test_accuracy", t[0]);
            m.put("test_error", 1.0 - t[0]);
            m.put("test_loss", t[1]);
        }
        return m;
    }

    /** {accuracy, mean cross-entropy} over the first {@code n} images of {@code set}. */
    private double[] score(Network net, ImageSet set, int n) {
        int in = set.imageSize();
        int classes = set.classes();
        int batch = Math.min(Math.min(net.maxBatch(), evaluationBatch), n);
        double[] inputs = new double[batch * in];
        double[] outputs = new double[batch * classes];
        int correct = 0;
        double loss = 0;
        for (int from = 0; from < n; from += batch) {
            int b = Math.min(batch, n - from);
            for (int i = 0; i < b; i++) {
                set.copyScaled(from + i, inputs, i * in);
                center(inputs, i * in);
            }
            net.forward(inputs, b, outputs);
            for (int i = 0; i < b; i++) {
                int o = i * classes;
                int best = 0;
                for (int k = 0; k < classes; k++) {
                    double y = outputs[o + k];
                    if (Double.isNaN(y)) {
                        return new double[] {0.0, NAN_LOSS};
                    }
                    if (y > outputs[o + best]) {
                        best = k;
                    }
                }
                int label = set.label(from + i);
                if (best == label) {
                    correct++;
                }
                loss -= Math.log(Math.max(outputs[o + label], 1e-300)); // −log p(label), clamped as in Loss
            }
        }
        return new double[] {(double) correct / n, loss / n};
    }

    @Override
    public int evaluationBatch() {
        return Math.min(evaluationBatch, evalExamples);
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
        long stepsPerEpoch = (train.size() + batchSize - 1) / batchSize;
        return unit == BudgetUnit.EVALUATIONS ? 1_000 : 10 * stepsPerEpoch;
    }

    @Override
    public int trainingSize() {
        return train.size();
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
        Arrays.fill(targets, 0, count * classes, 0.0);
        for (int i = 0; i < count; i++) {
            int e = indices[from + i];
            if (augment) {
                int dy = rng.nextInt(2 * PAD + 1) - PAD;
                int dx = rng.nextInt(2 * PAD + 1) - PAD;
                shifted(e, dy, dx, inputs, i * in);
            } else {
                train.copyScaled(e, inputs, i * in);
            }
            center(inputs, i * in);
            targets[i * classes + train.label(e)] = 1.0;
        }
    }

    /**
     * The crop of the zero-padded image at offset (dy + PAD, dx + PAD): out[r][c] = img[r+dy][c+dx],
     * zero outside the image.
     */
    private void shifted(int e, int dy, int dx, double[] out, int at) {
        int rows = train.rows();
        int cols = train.cols();
        double scale = 1.0 / train.maxValue();
        for (int r = 0; r < rows; r++) {
            int sr = r + dy;
            for (int c = 0; c < cols; c++) {
                int sc = c + dx;
                out[at + r * cols + c] = sr < 0 || sr >= rows || sc < 0 || sc >= cols ? 0.0
                        : train.pixel(e, sr, sc) * scale;
            }
        }
    }
}
