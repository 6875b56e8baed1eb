package io.hyperloom.search.task.continual;

import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.data.TestData;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Centring and evaluation of the continual image tasks, against naive twins of their input and scoring paths. */
class ContinualImageTaskTest {

    /** Sums of ≤ 300 values in [−1, 1]: far below this from zero once centred. */
    private static final double ZERO_MEAN = 1e-12;
    private static final int PX = SyntheticTasks.SIDE * SyntheticTasks.SIDE;

    @TempDir
    Path data;

    private static final ImageSet TRAIN = SyntheticTasks.images(300, 10, 3, false);
    private static final ImageSet TEST = SyntheticTasks.images(100, 10, 4, false);
    private static final Architecture ARCH = SyntheticTasks.mlp(8, 10);

    /** All training inputs of {@code task}, in its example order, as it batches them. */
    private static double[] trainingInputs(ContinualImageTask task) {
        int n = task.trainingSize();
        double[] in = new double[n * PX];
        task.trainingBatch(IntStream.range(0, n).toArray(), 0, n, in, new double[n * 10], new SplittableRandom(0));
        return in;
    }

    /** Naive twin of the uncentred input: stored pixel p[k] of example e, scaled by 1/255. */
    private static double[] naiveInput(ImageSet set, int e, int[] p) {
        double[] x = new double[PX];
        for (int k = 0; k < PX; k++) {
            int q = p == null ? k : p[k];
            x[k] = set.pixel(e, q / SyntheticTasks.SIDE, q % SyntheticTasks.SIDE) * (1.0 / 255);
        }
        return x;
    }

    /** The mean over rows of {@code rows} (n rows of PX). */
    private static double[] columnMean(double[] rows) {
        int n = rows.length / PX;
        double[] m = new double[PX];
        for (int e = 0; e < n; e++) {
            for (int k = 0; k < PX; k++) {
                m[k] += rows[e * PX + k] / n;
            }
        }
        return m;
    }

    private static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElseThrow();
    }

    @Test
    void centredPermutedInputsAverageToZeroPerPixelOverTheTrainingSplit() {
        ContinualImageTasks plain = ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, true, false);
        ContinualImageTasks centred = ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, true, true);
        for (int t = 0; t < 3; t++) {
            assertTrue(centred.task(t).centers());
            double[] a = trainingInputs(plain.task(t));
            double[] b = trainingInputs(centred.task(t));
            double[] rawMean = columnMean(a);
            assertTrue(maxAbs(rawMean) > 0.3, "the synthetic pixels are not centred already");
            assertEquals(0.0, maxAbs(columnMean(b)), ZERO_MEAN, "task " + t);
            for (int e = 0; e < TRAIN.size(); e++) {
                for (int k = 0; k < PX; k++) {
                    // the mean is subtracted in input (permuted) order: the naive per-task mean of task t's inputs
                    assertEquals(a[e * PX + k] - rawMean[k], b[e * PX + k], ZERO_MEAN, "task " + t + " pixel " + k);
                }
            }
        }
    }

    @Test
    void centredSplitInputsAverageToZeroOverTheWholeTrainingSplitAndTestInputsShiftByTheSameMean() {
        ContinualImageTasks plain = ContinualImageTasks.split("s", ARCH, TRAIN, TEST, true, false);
        ContinualImageTasks centred = ContinualImageTasks.split("s", ARCH, TRAIN, TEST, true, true);
        double[] union = new double[PX];
        double[] trainMean = new double[PX];
        for (int e = 0; e < TRAIN.size(); e++) {
            double[] x = naiveInput(TRAIN, e, null);
            for (int k = 0; k < PX; k++) {
                trainMean[k] += x[k] / TRAIN.size();
            }
        }
        for (int t = 0; t < centred.taskCount(); t++) {
            double[] b = trainingInputs(centred.task(t));
            for (int i = 0; i < b.length; i++) {
                union[i % PX] += b[i] / TRAIN.size();
            }
            List<double[]> seenPlain = new ArrayList<>();
            List<double[]> seenCentred = new ArrayList<>();
            plain.accuracy(t, new Recording(seenPlain));
            centred.accuracy(t, new Recording(seenCentred));
            assertEquals(centred.task(t).testSize(), seenCentred.size());
            for (int i = 0; i < seenCentred.size(); i++) {
                for (int k = 0; k < PX; k++) {
                    assertEquals(seenPlain.get(i)[k] - trainMean[k], seenCentred.get(i)[k], ZERO_MEAN,
                            "test input " + i + " of task " + t);
                }
            }
        }
        assertEquals(0.0, maxAbs(union), ZERO_MEAN, "the five tasks' training inputs together average to zero");
        assertTrue(maxAbs(columnMean(trainingInputs(centred.task(0)))) > 1e-3,
                "one task's inputs alone need not: the mean is the whole training split's");
    }

    @Test
    void centringOffGivesTheSameBatchesAsBefore() {
        ContinualImageTasks[] off = {
                ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, false),
                ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, false, false),
                ContinualImageTasks.split("s", ARCH, TRAIN, TEST, true),
                ContinualImageTasks.split("s", ARCH, TRAIN, TEST, false, false)};
        int[] order = {7, 0, 3, 3, 11, 1};
        for (ContinualImageTasks seq : off) {
            for (int t = 0; t < seq.taskCount(); t++) {
                ContinualImageTask task = seq.task(t);
                assertFalse(task.centers());
                double[] in = new double[4 * PX];
                double[] target = new double[4 * 10];
                Arrays.fill(target, 9.0);
                task.trainingBatch(order, 1, 4, in, target, new SplittableRandom(1));
                for (int i = 0; i < 4; i++) {
                    int e = trainExample(seq, t, order[1 + i]);
                    assertArrayEquals(naiveInput(TRAIN, e, task.permutation()), Arrays.copyOfRange(in, i * PX, (i + 1) * PX),
                            0.0, seq.name() + "/" + t + " row " + i);
                    for (int k = 0; k < 10; k++) {
                        assertEquals(k == TRAIN.label(e) ? 1.0 : 0.0, target[i * 10 + k]);
                    }
                }
            }
        }
    }

    /** The stored example behind training example i of sub-task t (all examples for permuted, class pairs for split). */
    private static int trainExample(ContinualImageTasks seq, int t, int i) {
        if (seq.name().equals("p")) {
            return i;
        }
        return ContinualImageTasks.withLabels(TRAIN, new int[] {2 * t, 2 * t + 1})[i];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void evaluationMatchesTheNaiveScoringLoop(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[ARCH.layout().weightCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        Network net = new TargetNetwork(ARCH, 7).bind(w); // 7: batches that do not divide the test sets
        ContinualImageTasks[] all = {
                ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, false),
                ContinualImageTasks.permuted("p", ARCH, TRAIN, TEST, 3, 5, false, true),
                ContinualImageTasks.split("s", ARCH, TRAIN, TEST, true),
                ContinualImageTasks.split("s", ARCH, TRAIN, TEST, false, true)};
        double[] mean = naiveMean();
        int distinct = 0;
        double previous = -1;
        for (ContinualImageTasks seq : all) {
            for (int t = 0; t < seq.taskCount(); t++) {
                ContinualImageTask task = seq.task(t);
                int[] testIndex = seq.name().equals("p") ? IntStream.range(0, TEST.size()).toArray()
                        : ContinualImageTasks.withLabels(TEST, new int[] {2 * t, 2 * t + 1});
                double expected = naiveAccuracy(net, task, testIndex, task.centers() ? mean : null);
                assertEquals(expected, task.accuracy(net), 0.0, seq.name() + "/" + t);
                assertEquals(expected, task.evaluate(net, 99).fitness(), 0.0);
                assertEquals(expected, seq.accuracy(t, net), 0.0);
                distinct += expected != previous ? 1 : 0;
                previous = expected;
            }
        }
        assertTrue(distinct > 5, "the random network's accuracies vary, so a wrong path would show");
        double[] nan = new double[w.length];
        Arrays.fill(nan, Double.NaN);
        assertEquals(0.0, all[0].task(1).accuracy(new TargetNetwork(ARCH, 7).bind(nan)));
    }

    private static double[] naiveMean() {
        double[] m = new double[PX];
        for (int e = 0; e < TRAIN.size(); e++) {
            double[] x = naiveInput(TRAIN, e, null);
            for (int k = 0; k < PX; k++) {
                m[k] += x[k];
            }
        }
        for (int k = 0; k < PX; k++) {
            m[k] /= TRAIN.size();
        }
        return m;
    }

    /**
     * Naive twin of the scoring loop before the refactor, one example at a time: permute, centre
     * (the unpermuted mean, permuted with the pixels), forward, argmax among the task's outputs.
     */
    private static double naiveAccuracy(Network net, ContinualImageTask task, int[] testIndex, double[] mean) {
        int[] p = task.permutation();
        int[] outputs = task.outputs();
        int correct = 0;
        double[] out = new double[10];
        for (int e : testIndex) {
            double[] x = naiveInput(TEST, e, p);
            if (mean != null) {
                for (int k = 0; k < PX; k++) {
                    x[k] -= mean[p == null ? k : p[k]];
                }
            }
            net.forward(x, 1, out);
            int best = outputs[0];
            for (int k : outputs) {
                if (out[k] > out[best]) {
                    best = k;
                }
            }
            correct += best == TEST.label(e) ? 1 : 0;
        }
        return (double) correct / testIndex.length;
    }

    @Test
    void bothProvidersListCenterOffByDefaultAndPassItToTheirTasks() throws IOException {
        Dataset ds = TestData.writeIdxDataset(data, "tiny", 60, 20);
        for (ContinualMnistProvider p : List.of(new PermutedMnistProvider(), new SplitMnistProvider())) {
            OptionSpec center = p.options().stream().filter(o -> o.name().equals("center")).findFirst().orElseThrow();
            assertEquals("false", center.defaultValue());
            assertTrue(center.description().contains("mean"), center.description());
            for (boolean on : new boolean[] {false, true}) {
                Options o = p.resolve(on ? Map.of("center", "true") : Map.of());
                ContinualImageTasks seq = p.tasks(o, ContinualMnistProvider.load(ds, data, o, 10));
                for (int t = 0; t < seq.taskCount(); t++) {
                    assertEquals(on, seq.task(t).centers(), p.name() + " center=" + on);
                }
            }
        }
    }

    /** Outputs zeros and keeps a copy of every input row it is given. */
    private record Recording(List<double[]> inputs) implements Network {
        public int inputSize() {
            return PX;
        }

        public int outputSize() {
            return 10;
        }

        public int maxBatch() {
            return 9;
        }

        public void resetState() {
        }

        public double[] forward(double[] input, int batch, double[] output) {
            for (int i = 0; i < batch; i++) {
                inputs.add(Arrays.copyOfRange(input, i * PX, (i + 1) * PX));
            }
            Arrays.fill(output, 0, batch * 10, 0.0);
            return output;
        }
    }

    @Test
    void aPixelMeanOfTheWrongLengthIsRejected() {
        int[] all = IntStream.range(0, TRAIN.size()).toArray();
        assertThrows(IllegalArgumentException.class, () -> new ContinualImageTask("x", ARCH, TRAIN, all, TEST,
                new int[] {0}, null, new double[PX - 1], new int[] {0}, 1, 1));
        assertTrue(new ContinualImageTask("x", ARCH, TRAIN, all, TEST, new int[] {0}, null, new double[PX],
                new int[] {0}, 1, 1).centers());
    }
}
