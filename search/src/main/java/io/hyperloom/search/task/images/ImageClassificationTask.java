package io.hyperloom.search.task.images;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Score;

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
 * outputs NaN scores accuracy 0 and loss {@value LabelledImageTask#NAN_LOSS}.
 *
 * <p>Augmentation (Ha et al. 2016): each training image is zero-padded by one pixel on every side
 * (28×28 → 30×30) and a 28×28 window is cropped at an offset drawn from the {@code rng} given to
 * {@link #trainingBatch}: row offset first, then column offset, each uniform in {0, 1, 2}. The
 * image thus moves by at most one pixel and is never cut where it has a blank border.
 *
 * <p>Inputs, training batches and the scoring loop are {@link LabelledImageTask}'s. Immutable and
 * thread-safe: the image sets are shared read-only; every buffer a method writes is the caller's or
 * local to the call.
 */
public final class ImageClassificationTask extends LabelledImageTask {

    private static final int PAD = 1;

    private final ImageSet validation;
    private final ImageSet test;
    private final boolean augment;
    private final int evalExamples;

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
        super(name, architecture, train, null, null,
                center ? pixelMean(Objects.requireNonNull(train, "train")) : null, null, batchSize, evaluationBatch,
                Objects.requireNonNull(validation, "validation"), Objects.requireNonNull(test, "test"));
        if (validation.size() < 1) {
            throw new IllegalArgumentException("training and validation sets must not be empty");
        }
        if (evalExamples < 1 || evalExamples > validation.size()) {
            throw new IllegalArgumentException("eval-examples must be in 1.." + validation.size() + ", got " + evalExamples);
        }
        this.validation = validation;
        this.test = test;
        this.augment = augment;
        this.evalExamples = evalExamples;
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

    public int evalExamples() {
        return evalExamples;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        double[] r = score(net, validation, null, evalExamples);
        return new Score(r[0], Map.of("val_accuracy", r[0], "val_error", 1.0 - r[0], "val_loss", r[1]), null);
    }

    @Override
    public Map<String, Double> finalMetrics(Network net) {
        double[] v = score(net, validation, null, validation.size());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("val_accuracy", v[0]);
        m.put("val_error", 1.0 - v[0]);
        m.put("val_loss", v[1]);
        if (test.size() > 0) {
            double[] t = score(net, test, null, test.size());
            m.put("test_accuracy", t[0]);
            m.put("test_error", 1.0 - t[0]);
            m.put("test_loss", t[1]);
        }
        return m;
    }

    @Override
    public int evaluationBatch() {
        return Math.min(maxEvaluationBatch(), evalExamples);
    }

    @Override
    public long defaultBudget(BudgetUnit unit) {
        return unit == BudgetUnit.EVALUATIONS ? 1_000 : 10 * stepsPerEpoch();
    }

    /** With augmentation, the Ha et al. crop (row offset drawn first, then column), then centred. */
    @Override
    protected void trainingInput(int e, RandomGenerator rng, double[] scratch, double[] out, int at) {
        if (augment) {
            int dy = rng.nextInt(2 * PAD + 1) - PAD;
            int dx = rng.nextInt(2 * PAD + 1) - PAD;
            shifted(e, dy, dx, out, at);
            center(out, at);
        } else {
            super.trainingInput(e, rng, scratch, out, at);
        }
    }

    /**
     * The crop of the zero-padded image at offset (dy + PAD, dx + PAD): out[r][c] = img[r+dy][c+dx],
     * zero outside the image.
     */
    private void shifted(int e, int dy, int dx, double[] out, int at) {
        ImageSet train = training();
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
