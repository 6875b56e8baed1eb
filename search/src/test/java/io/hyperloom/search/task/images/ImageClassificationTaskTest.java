package io.hyperloom.search.task.images;

import io.hyperloom.search.data.Checksums;
import io.hyperloom.search.data.Dataset;
import io.hyperloom.search.data.DatasetCatalog;
import io.hyperloom.search.data.DatasetFile;
import io.hyperloom.search.data.ImageSet;
import io.hyperloom.search.data.TestData;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageClassificationTaskTest {

    @TempDir
    Path data;

    private ImageClassificationTask task(Map<String, String> options) throws IOException {
        Dataset ds = TestData.writeIdxDataset(data, "tiny", 60, 20);
        return IdxTaskProvider.create(ds, data, new MnistProvider().resolve(options), 10);
    }

    /** Always predicts class 0 with probability 0.19, every other class 0.09. */
    private static Network constant(double first) {
        return new Network() {
            public int inputSize() { return 784; }
            public int outputSize() { return 10; }
            public int maxBatch() { return 7; }
            public void resetState() { }
            public double[] forward(double[] input, int batch, double[] output) {
                for (int i = 0; i < batch; i++) {
                    Arrays.fill(output, i * 10, i * 10 + 10, 0.09);
                    output[i * 10] = first;
                }
                return output;
            }
        };
    }

    @Test
    void splitsTrainingFileIntoTrainAndValidationAndKeepsTheTestSet() throws IOException {
        ImageClassificationTask t = task(Map.of());
        assertEquals(50, t.trainingSize());
        assertEquals(10, t.validation().size());
        assertEquals(20, t.test().size());
        assertEquals(0, t.validation().label(0)); // training image 50 has label 50 % 10
        assertEquals(10, t.evalExamples());
        assertTrue(t.augments());
        assertEquals("mnist-conv", t.architecture().name());
        assertEquals(1000, t.defaultBatchSize());
        ImageClassificationTask small = task(Map.of("train-examples", "20", "eval-examples", "4", "arch", "mnist-mlp"));
        assertEquals(20, small.trainingSize());
        assertEquals(4, small.evalExamples());
        assertFalse(small.augments());
        assertEquals(List.of(784, 256, 10), List.of(small.architecture().inputSize(),
                small.architecture().layers().get(0).outputShape(small.architecture().input()).size(),
                small.architecture().outputSize()));
    }

    @Test
    void rejectsOptionsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> task(Map.of("eval-examples", "11")));
        assertThrows(IllegalArgumentException.class, () -> task(Map.of("train-examples", "51")));
        assertThrows(IllegalArgumentException.class, () -> task(Map.of("arch", "resnet")));
    }

    @Test
    void fillsBatchesWithScaledPixelsAndOneHotTargets() throws IOException {
        ImageClassificationTask t = task(Map.of("augment", "off"));
        int[] idx = {7, 3, 12};
        double[] in = new double[2 * 784];
        double[] tg = new double[2 * 10];
        Arrays.fill(tg, 5.0);
        t.trainingBatch(idx, 1, 2, in, tg, new SplittableRandom(1));
        for (int i = 0; i < 2; i++) {
            int e = idx[1 + i];
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    assertEquals(t.training().pixel(e, r, c) / 255.0, in[i * 784 + r * 28 + c], 1e-15);
                }
            }
            for (int k = 0; k < 10; k++) {
                assertEquals(k == e % 10 ? 1.0 : 0.0, tg[i * 10 + k]);
            }
        }
    }

    @Test
    void augmentationShiftsByAtMostOnePixelKeepsTheDigitAndIsSeeded() throws IOException {
        ImageClassificationTask t = task(Map.of("augment", "on"));
        int n = 40;
        int[] idx = IntStream.range(0, n).toArray();
        double[] a = new double[n * 784];
        double[] b = new double[n * 784];
        double[] tg = new double[n * 10];
        t.trainingBatch(idx, 0, n, a, tg, new SplittableRandom(42));
        t.trainingBatch(idx, 0, n, b, tg, new SplittableRandom(42));
        assertArrayEquals(a, b);
        int moved = 0;
        for (int e = 0; e < n; e++) {
            double[] original = new double[784];
            t.training().copyScaled(e, original, 0);
            double[] crop = Arrays.copyOfRange(a, e * 784, (e + 1) * 784);
            assertEquals(Arrays.stream(original).sum(), Arrays.stream(crop).sum(), 1e-9, "the digit stays in the frame");
            int found = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (Arrays.equals(crop, shift(original, dy, dx))) {
                        found++;
                        moved += dy != 0 || dx != 0 ? 1 : 0;
                    }
                }
            }
            assertEquals(1, found, "example " + e + " is a one-pixel shift of its image");
        }
        assertTrue(moved > n / 2, "most of 40 crops move (8 of 9 offsets do), got " + moved);
        t.trainingBatch(idx, 0, n, b, tg, new SplittableRandom(43));
        assertFalse(Arrays.equals(a, b));
    }

    /** Naive twin: out[r][c] = img[r+dy][c+dx], zero outside. */
    private static double[] shift(double[] img, int dy, int dx) {
        double[] out = new double[784];
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int sr = r + dy;
                int sc = c + dx;
                out[r * 28 + c] = sr < 0 || sr >= 28 || sc < 0 || sc >= 28 ? 0 : img[sr * 28 + sc];
            }
        }
        return out;
    }

    @Test
    void fitnessIsValidationAccuracyAndFinalMetricsAddTest() throws IOException {
        ImageClassificationTask t = task(Map.of());
        Score s = t.evaluate(constant(0.19), 3L);
        double loss = (-Math.log(0.19) - 9 * Math.log(0.09)) / 10;
        assertEquals(0.1, s.fitness(), 1e-12);
        assertEquals(0.1, s.metric("val_accuracy"), 1e-12);
        assertEquals(0.9, s.metric("val_error"), 1e-12);
        assertEquals(loss, s.metric("val_loss"), 1e-12);
        Map<String, Double> f = t.finalMetrics(constant(0.19));
        assertEquals(List.of("test_accuracy", "test_error", "test_loss", "val_accuracy", "val_error", "val_loss"),
                f.keySet().stream().sorted().toList());
        assertEquals(0.1, f.get("test_accuracy"), 1e-12);
        Score nan = t.evaluate(constant(Double.NaN), 0L);
        assertEquals(t.worstFitness(), nan.fitness());
        assertTrue(Double.isFinite(nan.metric("val_loss")));
        ImageClassificationTask four = task(Map.of("eval-examples", "4"));
        assertEquals(0.25, four.evaluate(constant(0.19), 0L).fitness(), 1e-12); // labels 0,1,2,3
    }

    @Test
    void theConvnetRunsOnTheTask() throws IOException {
        ImageClassificationTask t = task(Map.of());
        TargetNetwork net = t.newNetwork();
        double[] w = new double[t.architecture().layout().weightCount()];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextGaussian() * 0.05;
        }
        net.bind(w);
        Score s = t.evaluate(net, 0L);
        assertTrue(s.fitness() >= 0 && s.fitness() <= 1);
        assertTrue(Double.isFinite(s.metric("val_loss")));
        assertEquals(12_544, 16 * 16 * 7 * 7);
        assertEquals(16 * 49 + 16 + 12_544 + 16 + 7_840 + 10, w.length);
    }

    @Test
    void aMissingDatasetSaysWhereItLookedAndHowToGetIt() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new MnistProvider().create(new MnistProvider().resolve(Map.of()), new Environment(data)));
        assertTrue(e.getMessage().contains(data.resolve("mnist").toString())
                && e.getMessage().contains("hyperloom data fetch mnist"), e.getMessage());
    }

    @Test
    void aCorruptFileIsReportedByName() throws IOException {
        Dataset ds = TestData.writeIdxDataset(data, "tiny", 60, 20);
        Files.write(data.resolve("tiny").resolve(DatasetCatalog.TEST_LABELS), new byte[] {1, 2, 3});
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> IdxTaskProvider.create(ds, data, new MnistProvider().resolve(Map.of()), 10));
        assertTrue(e.getMessage().contains(DatasetCatalog.TEST_LABELS), e.getMessage());
    }

    @Test
    void digitsSplitsTheUciTrainingFile() throws IOException {
        Path dir = Files.createDirectories(data.resolve("digits"));
        String tra = IntStream.range(0, 30).mapToObj(i -> row(i)).collect(Collectors.joining("\n", "", "\n"));
        String tes = IntStream.range(0, 10).mapToObj(i -> row(i + 100)).collect(Collectors.joining("\n", "", "\n"));
        Path a = Files.writeString(dir.resolve(DatasetCatalog.DIGITS_TRAIN), tra);
        Path b = Files.writeString(dir.resolve(DatasetCatalog.DIGITS_TEST), tes);
        Dataset ds = new Dataset("digits", "t", "t", List.of(
                new DatasetFile(DatasetCatalog.DIGITS_TRAIN, URI.create("http://127.0.0.1:1/a"), Checksums.sha256(a)),
                new DatasetFile(DatasetCatalog.DIGITS_TEST, URI.create("http://127.0.0.1:1/b"), Checksums.sha256(b))));
        Options o = new DigitsProvider().resolve(Map.of("validation-examples", "5", "hidden", "8,4"));
        ImageClassificationTask t = DigitsProvider.create(ds, data, o);
        assertEquals(25, t.trainingSize());
        assertEquals(5, t.validation().size());
        assertEquals(10, t.test().size());
        assertEquals(5, t.validation().label(0)); // row 25
        assertEquals("digits-mlp-64-8-4-10", t.architecture().name());
        assertFalse(t.augments());
        assertEquals(64, t.architecture().inputSize());
        Score s = t.evaluate(t.newNetwork().bind(new double[t.architecture().layout().weightCount()]), 0L);
        assertTrue(s.fitness() >= 0 && s.fitness() <= 1);
        ImageSet v = t.validation();
        assertEquals(((3 * 5 + 25) % 17), v.pixel(0, 0, 3));
    }

    @Test
    void centeringSubtractsTheTrainingSetsPixelMeanSoTrainingInputsAverageToZero() throws IOException {
        ImageClassificationTask plain = task(Map.of("arch", "mnist-mlp"));
        ImageClassificationTask centred = task(Map.of("arch", "mnist-mlp", "center", "true"));
        assertTrue(centred.centers());
        assertFalse(plain.centers());
        int n = plain.trainingSize();
        int[] idx = IntStream.range(0, n).toArray();
        double[] a = new double[n * 784];
        double[] b = new double[n * 784];
        double[] tg = new double[n * 10];
        plain.trainingBatch(idx, 0, n, a, tg, new SplittableRandom(1));
        centred.trainingBatch(idx, 0, n, b, tg, new SplittableRandom(1));
        double maxAbsMean = 0;
        double maxRawMean = 0;
        for (int k = 0; k < 784; k++) {
            double mean = 0;
            double raw = 0;
            for (int e = 0; e < n; e++) {
                mean += b[e * 784 + k] / n;
                raw += a[e * 784 + k] / n;
                assertEquals(a[e * 784 + k] - a[784 * 0 + k] + b[784 * 0 + k], b[e * 784 + k], 1e-12); // a shift per pixel
            }
            maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
            maxRawMean = Math.max(maxRawMean, raw);
        }
        assertEquals(0.0, maxAbsMean, 1e-12);
        assertTrue(maxRawMean > 1e-3, "the tiny dataset's pixels are not already centred");
    }

    private static String row(int i) {
        return IntStream.range(0, 64).mapToObj(k -> Integer.toString((k * 5 + i) % 17)).collect(Collectors.joining(","))
                + "," + (i % 10);
    }
}
