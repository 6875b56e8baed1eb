package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.images.LabelledImageTask;

import java.util.Map;
import java.util.Objects;

/**
 * One sub-task of a continual image benchmark: a subset of an image set's examples, optionally
 * with a fixed pixel permutation and a per-pixel mean subtracted, scored on a subset of the test
 * set by the argmax among its output units.
 *
 * <p>Input pixel k of an example is pixel {@code permutation[k]} of the stored image (row-major),
 * scaled to [0, 1], minus {@code pixelMean[k]} when centring (the mean is in input order, i.e.
 * permuted with the pixels); see {@link LabelledImageTask}. Training targets are one-hot over all
 * outputs and the loss is the plain softmax cross-entropy (what any gradient optimizer uses); the
 * {@code sequential} driver instead renormalises the softmax over {@link #outputs()} when task
 * identity is given. Fitness ({@link #evaluate}) is the accuracy on the task's test examples (no
 * model selection is made on continual benchmarks, so no validation set is kept). Immutable and
 * thread-safe.
 */
public final class ContinualImageTask extends LabelledImageTask {

    private final ImageSet test;
    private final int[] testIndex;

    /** A task without centring; see the full constructor. */
    public ContinualImageTask(String name, Architecture architecture, ImageSet train, int[] trainIndex, ImageSet test,
                              int[] testIndex, int[] permutation, int[] outputs, int batchSize, int evaluationBatch) {
        this(name, architecture, train, trainIndex, test, testIndex, permutation, null, outputs, batchSize,
                evaluationBatch);
    }

    /**
     * @param trainIndex  the examples of {@code train} this task trains on; referenced, not copied
     * @param testIndex   the examples of {@code test} it is scored on; referenced, not copied
     * @param permutation a bijection of 0..imageSize−1, or null for the identity; referenced
     * @param pixelMean   imageSize values subtracted from every training and test input, in input
     *                    (permuted) order, or null for none; referenced
     * @param outputs     the output units it chooses among, ascending; referenced
     * @throws IllegalArgumentException if the sets do not fit the architecture or an index is out of range
     */
    public ContinualImageTask(String name, Architecture architecture, ImageSet train, int[] trainIndex, ImageSet test,
                              int[] testIndex, int[] permutation, double[] pixelMean, int[] outputs, int batchSize,
                              int evaluationBatch) {
        super(name, architecture, train, Objects.requireNonNull(trainIndex, "trainIndex"),
                bijection(name, permutation, train), pixelMean, Objects.requireNonNull(outputs, "outputs"), batchSize,
                evaluationBatch, Objects.requireNonNull(test, "test"));
        this.test = test;
        this.testIndex = Objects.requireNonNull(testIndex, "testIndex");
        if (testIndex.length < 1) {
            throw new IllegalArgumentException("task " + name + " has no test examples");
        }
        checkIndex("test", testIndex, test.size());
    }

    private static int[] bijection(String name, int[] permutation, ImageSet train) {
        if (permutation != null && !Permutations.isBijection(permutation)) {
            throw new IllegalArgumentException("the permutation of task " + name + " is not a bijection of 0.."
                    + (Objects.requireNonNull(train, "train").imageSize() - 1));
        }
        return permutation;
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
        return score(net, test, testIndex, testIndex.length)[0];
    }

    @Override
    public int evaluationBatch() {
        return Math.min(maxEvaluationBatch(), testIndex.length);
    }

    @Override
    public long defaultBudget(BudgetUnit unit) {
        return unit == BudgetUnit.EVALUATIONS ? 1_000 : 2L * stepsPerEpoch();
    }
}
