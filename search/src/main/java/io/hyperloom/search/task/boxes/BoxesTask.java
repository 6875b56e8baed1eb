package io.hyperloom.search.task.boxes;

import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Loss;
import io.hyperloom.search.task.Score;
import io.hyperloom.search.task.SupervisedTask;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The visual discrimination task of Stanley, D'Ambrosio &amp; Gauci (2009): an n×n visual field,
 * fully connected to an n×n target field, shows a small and a large box; the target unit with the
 * highest activation must be the centre of the large box.
 *
 * <p>How the trials are made (n = 11 is the paper's; for n = 11·s every length below scales by s,
 * so a champion can be re-queried at 33×33 or 55×55 on the same task):
 * <ol>
 *   <li>The small box is s×s; its top-left corner takes 5 evenly spread positions per axis,
 *       {@code round(i·(n−s)/4)}, i = 0..4: 25 positions.</li>
 *   <li>For each, the large 3s×3s box is shifted by {@code round(5n/11)} cells right, down, or
 *       both (3 trials), wrapping around modulo n, then clamped so it lies fully in view: 75
 *       trials. Box cells are 1, the rest 0.</li>
 *   <li>The selection is the target unit with the highest output (first on ties). Its distance
 *       d is the Euclidean distance from its cell centre to the large box's centre, in units of
 *       s cells; a hit is a selection in the box's central s×s block.</li>
 *   <li>Fitness = 1 / (1 + Σd²/75): 1 for a perfect network, decreasing with the sum of squared
 *       distances. Metrics: {@code mean_distance}, {@code hit_rate}; finally
 *       {@code test_hit_rate} and {@code test_mean_distance} over a fixed, seeded set of random
 *       placements (positions drawn outside the 25, any of the 3 shifts).</li>
 *   <li>Differentiable loss: softmax cross-entropy over the target field towards a uniform
 *       distribution on the large box's central s×s block.</li>
 * </ol>
 * Immutable; the trial images are built once.
 */
public final class BoxesTask implements SupervisedTask {

    public static final int TRIALS = 75;
    private static final long TEST_SEED = 0x5EED_B0C5L;

    private final int n;
    private final int s;
    private final Architecture architecture;
    private final Trials train;
    private final Trials test;

    /** Trial images, their large-box centres, and target distributions. */
    private record Trials(int count, double[] inputs, double[] centreX, double[] centreY, int[] blockX, int[] blockY) {
    }

    public BoxesTask(int size, int testTrials) {
        if (size < 7) {
            throw new IllegalArgumentException("boxes needs a field of at least 7×7, got " + size);
        }
        if (testTrials < 0) {
            throw new IllegalArgumentException("test-trials must be >= 0, got " + testTrials);
        }
        this.n = size;
        this.s = Math.max(1, size / 11);
        Shape field = Shape.grid(n, n);
        architecture = Architecture.of("boxes-" + n, field, new Layer.Dense(field, Activation.SOFTMAX, true));
        int[][] placements = new int[TRIALS][];
        int k = 0;
        int[] pos = positions();
        for (int py : pos) {
            for (int px : pos) {
                for (int dir = 0; dir < 3; dir++) {
                    placements[k++] = new int[] {px, py, dir};
                }
            }
        }
        train = trials(placements);
        SplittableRandom rng = new SplittableRandom(TEST_SEED);
        int[][] tests = new int[testTrials][];
        for (int i = 0; i < testTrials; i++) {
            int px;
            int py;
            do {
                px = rng.nextInt(n - s + 1);
                py = rng.nextInt(n - s + 1);
            } while (contains(pos, px) && contains(pos, py));
            tests[i] = new int[] {px, py, rng.nextInt(3)};
        }
        test = trials(tests);
    }

    private int[] positions() {
        int[] p = new int[5];
        for (int i = 0; i < 5; i++) {
            p[i] = (int) Math.round(i * (n - s) / 4.0);
        }
        return p;
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }

    private Trials trials(int[][] placements) {
        int m = placements.length;
        int cells = n * n;
        double[] inputs = new double[m * cells];
        double[] cx = new double[m];
        double[] cy = new double[m];
        int[] bx = new int[m];
        int[] by = new int[m];
        int shift = (int) Math.round(5.0 * n / 11.0);
        int big = 3 * s;
        for (int t = 0; t < m; t++) {
            int px = placements[t][0];
            int py = placements[t][1];
            int dir = placements[t][2];
            int lx = Math.floorMod(px + (dir == 1 ? 0 : shift), n);
            int ly = Math.floorMod(py + (dir == 0 ? 0 : shift), n);
            lx = Math.min(lx, n - big);
            ly = Math.min(ly, n - big);
            fill(inputs, t * cells, lx, ly, big);
            fill(inputs, t * cells, px, py, s);
            cx[t] = lx + (big - 1) / 2.0;
            cy[t] = ly + (big - 1) / 2.0;
            bx[t] = lx + s;
            by[t] = ly + s;
        }
        return new Trials(m, inputs, cx, cy, bx, by);
    }

    private void fill(double[] img, int off, int x0, int y0, int side) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                img[off + y * n + x] = 1.0;
            }
        }
    }

    public int size() {
        return n;
    }

    @Override
    public String name() {
        return "boxes";
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public Score evaluate(Network net, long seed) {
        double[] r = run(net, train);
        if (Double.isNaN(r[0])) {
            return new Score(worstFitness(), Map.of("hit_rate", 0.0, "mean_distance", n / (double) s), null);
        }
        double fitness = 1.0 / (1.0 + r[2] / TRIALS);
        return new Score(fitness, Map.of("hit_rate", r[1] / TRIALS, "mean_distance", r[0] / TRIALS), null);
    }

    @Override
    public Map<String, Double> finalMetrics(Network net) {
        Map<String, Double> m = new LinkedHashMap<>(evaluate(net, 0L).metrics());
        if (test.count() > 0) {
            double[] r = run(net, test);
            boolean nan = Double.isNaN(r[0]);
            m.put("test_hit_rate", nan ? 0.0 : r[1] / test.count());
            m.put("test_mean_distance", nan ? n / (double) s : r[0] / test.count());
        }
        return m;
    }

    /** {Σd, hits, Σd²} over the trials, or NaN in the first slot if the network output NaN. */
    private double[] run(Network net, Trials trials) {
        int cells = n * n;
        int batch = Math.min(net.maxBatch(), TRIALS);
        double[] out = new double[batch * cells];
        double sumD = 0;
        double sumD2 = 0;
        int hits = 0;
        double[] in = new double[batch * cells];
        for (int from = 0; from < trials.count(); from += batch) {
            int b = Math.min(batch, trials.count() - from);
            System.arraycopy(trials.inputs(), from * cells, in, 0, b * cells);
            net.forward(in, b, out);
            for (int i = 0; i < b; i++) {
                int t = from + i;
                int sel = 0;
                double best = out[i * cells];
                for (int j = 1; j < cells; j++) {
                    double v = out[i * cells + j];
                    if (v > best) {
                        best = v;
                        sel = j;
                    }
                }
                if (Double.isNaN(best)) {
                    return new double[] {Double.NaN, 0, 0};
                }
                int sx = sel % n;
                int sy = sel / n;
                double dx = (sx - trials.centreX()[t]) / s;
                double dy = (sy - trials.centreY()[t]) / s;
                double d2 = dx * dx + dy * dy;
                sumD += Math.sqrt(d2);
                sumD2 += d2;
                if (sx >= trials.blockX()[t] && sx < trials.blockX()[t] + s
                        && sy >= trials.blockY()[t] && sy < trials.blockY()[t] + s) {
                    hits++;
                }
            }
        }
        return new double[] {sumD, hits, sumD2};
    }

    @Override
    public int evaluationBatch() {
        return TRIALS;
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
        return unit == BudgetUnit.EVALUATIONS ? 10_000 : 1_000;
    }

    @Override
    public int trainingSize() {
        return TRIALS;
    }

    @Override
    public int targetSize() {
        return n * n;
    }

    @Override
    public Loss loss() {
        return Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public int defaultBatchSize() {
        return TRIALS;
    }

    @Override
    public void trainingBatch(int[] indices, int from, int count, double[] inputs, double[] targets,
                              RandomGenerator rng) {
        int cells = n * n;
        double mass = 1.0 / (s * s);
        Arrays.fill(targets, 0, count * cells, 0.0);
        for (int i = 0; i < count; i++) {
            int t = indices[from + i];
            System.arraycopy(train.inputs(), t * cells, inputs, i * cells, cells);
            for (int y = train.blockY()[t]; y < train.blockY()[t] + s; y++) {
                for (int x = train.blockX()[t]; x < train.blockX()[t] + s; x++) {
                    targets[i * cells + y * n + x] = mass;
                }
            }
        }
    }
}
