package io.hyperloom.search.bench;

import io.hyperloom.search.generator.dct.DctWeightGenerator;
import io.hyperloom.search.generator.dct.Frequencies;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The engine of {@code hyperloom bench dct}: the time of one {@code generate} (inverse DCT) and one
 * {@code backward} (forward DCT restricted to the kept coefficients) of the {@code dct} generator
 * on one weight tensor in its natural view, each beside a reference measured in the same run.
 *
 * <p>The reference is the same transform written as two dense EJML products
 * ({@code CommonOps_DDRM.mult}): the tensor's axes split into a leading and a trailing group, the
 * kept coefficients scattered into their corner X (B_L × B_R, B the product of the kept extents
 * b_a of a group), and the Kronecker products K_L (B_L × N_L) and K_R (B_R × N_R) of the groups'
 * cosine tables; generate is {@code W = K_Lᵀ · (X · K_R)}, backward {@code X = (K_L · dW) · K_Rᵀ}.
 * For a dense tensor that is exactly the two products a matrix library would do.
 *
 * <p>How it measures: every operation is warmed up, then measured {@code repeats} times, the four
 * operations in turn so drift from other load hits them alike; a measurement repeats its call
 * until {@code minSeconds} have passed (at least once) and takes the mean. Thread CPU time where
 * the JVM supports it, else wall time. Each figure is the median over the measurements.
 * Single-threaded; allocates its buffers once per case.
 */
public final class DctBenchmark {

    private static final boolean CPU_CLOCK = cpuClock();

    /**
     * One measured case; times in milliseconds per call (medians).
     *
     * @param shape        the tensor's natural shape
     * @param coefficients kept coefficients (|θ| of the tensor)
     * @param clock        "thread CPU time" or "wall time"
     */
    public record Result(String name, List<Integer> shape, int weights, int coefficients, int repeats, String clock,
                         double generateMillis, double backwardMillis,
                         double referenceGenerateMillis, double referenceBackwardMillis) {
        public Result {
            Objects.requireNonNull(name, "name");
            shape = List.copyOf(shape);
            Objects.requireNonNull(clock, "clock");
        }

        /** Reference time over ours: above 1 when the generator is faster than the EJML products. */
        public double generateRatio() {
            return referenceGenerateMillis / generateMillis;
        }

        public double backwardRatio() {
            return referenceBackwardMillis / backwardMillis;
        }
    }

    private DctBenchmark() {
    }

    /** The case: the 784 → 256 dense tensor of an MNIST MLP ([256, 784]), 256 coefficients. */
    public static Result denseMnist(int repeats, double minSeconds) {
        Architecture a = Architecture.of("dense", Shape.grid(1, 784),
                new Layer.Dense(Shape.grid(1, 256), Activation.IDENTITY, false));
        return run("dense 784→256", a.layout().tensors().get(0), 256, repeats, minSeconds);
    }

    /** The second convolution of mnist-conv, a [16, 16, 7, 7] kernel, 256 coefficients. */
    public static Result convMnist(int repeats, double minSeconds) {
        Architecture a = Architecture.of("conv", new Shape(16, 14, 14),
                new Layer.Conv2d(16, 7, 1, 3, Activation.RELU, false));
        return run("conv 7×7 16→16", a.layout().tensors().get(0), 256, repeats, minSeconds);
    }

    /**
     * A dense {@code inputs → units} tensor.
     *
     * @throws IllegalArgumentException if a size or {@code repeats} is below 1
     */
    public static Result dense(int inputs, int units, int coefficients, int repeats, double minSeconds) {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException("inputs and units must be >= 1, got " + inputs + ", " + units);
        }
        Architecture a = Architecture.of("dense", Shape.grid(1, inputs),
                new Layer.Dense(Shape.grid(1, units), Activation.IDENTITY, false));
        return run("dense " + inputs + "→" + units, a.layout().tensors().get(0), coefficients, repeats, minSeconds);
    }

    /**
     * Times the generator on one weight tensor (a layout of that tensor alone, natural view).
     *
     * @throws IllegalArgumentException if {@code coefficients} is not in [1, tensor size], {@code repeats < 1}
     *                                  or {@code minSeconds} is not in [0, 60]
     */
    public static Result run(String name, ParameterTensor tensor, int coefficients, int repeats, double minSeconds) {
        if (coefficients < 1 || coefficients > tensor.size()) {
            throw new IllegalArgumentException("coefficients must be in [1, " + tensor.size() + "], got " + coefficients);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        if (!(minSeconds >= 0 && minSeconds <= 60)) {
            throw new IllegalArgumentException("min-seconds must be in [0, 60], got " + minSeconds);
        }
        ParameterTensor t = new ParameterTensor(tensor.name(), tensor.role(), 0, 0.0, tensor.shape(), 0,
                tensor.source(), tensor.target());
        ParameterLayout layout = new ParameterLayout(List.of(t));
        DctWeightGenerator g = new DctWeightGenerator(layout, DctWeightGenerator.Axes.NATURAL,
                DctWeightGenerator.Biases.DIRECT, coefficients, 0);
        SplittableRandom rng = new SplittableRandom(20240611L);
        double[] theta = gaussian(rng, g.parameterCount());
        double[] w = new double[t.size()];
        double[] dw = gaussian(rng, t.size());
        double[] dTheta = new double[theta.length];
        Reference ref = new Reference(DctWeightGenerator.view(t, DctWeightGenerator.Axes.NATURAL), coefficients, theta, dw);

        Runnable[] ops = {
            () -> g.generate(theta, w),
            () -> g.backward(theta, dw, dTheta),
            ref::generate,
            ref::backward
        };
        double[][] times = new double[ops.length][repeats];
        for (Runnable op : ops) {
            measure(op, minSeconds);
            measure(op, minSeconds);
        }
        // the reference must compute the same thing, or the comparison means nothing
        for (int i = 0; i < w.length; i++) {
            if (Math.abs(w[i] - ref.w.data[i]) > 1e-9 * (1 + Math.abs(w[i]))) {
                throw new IllegalStateException("reference generate differs from the generator at element " + i);
            }
        }
        java.util.Arrays.fill(dTheta, 0.0);
        g.backward(theta, dw, dTheta);
        ref.backward();
        for (int j = 0; j < dTheta.length; j++) {
            if (Math.abs(dTheta[j] - ref.corner.data[ref.cornerIndex[j]]) > 1e-9 * (1 + Math.abs(dTheta[j]))) {
                throw new IllegalStateException("reference backward differs from the generator at coefficient " + j);
            }
        }
        for (int r = 0; r < repeats; r++) {
            for (int o = 0; o < ops.length; o++) {
                times[o][r] = measure(ops[o], minSeconds);
            }
        }
        double sink = w[w.length / 2] + dTheta[0] + ref.w.data[0] + ref.corner.data[0];
        if (sink == 42.4242) {
            throw new AssertionError(); // keeps the results alive for the JIT
        }
        return new Result(name, t.shape(), t.size(), g.parameterCount(), repeats,
                CPU_CLOCK ? "thread CPU time" : "wall time",
                median(times[0]), median(times[1]), median(times[2]), median(times[3]));
    }

    /** The two-product EJML formulation of the same transform, buffers built once. */
    private static final class Reference {
        final DMatrixRMaj corner;
        final DMatrixRMaj left;
        final DMatrixRMaj right;
        final DMatrixRMaj half;
        final DMatrixRMaj halfBack;
        final DMatrixRMaj w;
        final DMatrixRMaj dw;
        /** Where coefficient j sits in {@link #corner}'s data. */
        final int[] cornerIndex;

        Reference(int[] n, int k, double[] theta, double[] dwFlat) {
            int d = n.length;
            int[][] kept = Frequencies.lowest(n, k);
            int[] b = new int[d];
            for (int[] idx : kept) {
                for (int a = 0; a < d; a++) {
                    b[a] = Math.max(b[a], idx[a] + 1);
                }
            }
            int split = d == 1 ? 0 : (d + 1) / 2;
            left = kronecker(n, b, 0, split);
            right = kronecker(n, b, split, d);
            corner = new DMatrixRMaj(left.numRows, right.numRows);
            cornerIndex = new int[k];
            for (int j = 0; j < k; j++) {
                int row = 0;
                int col = 0;
                for (int a = 0; a < d; a++) {
                    if (a < split) {
                        row = row * b[a] + kept[j][a];
                    } else {
                        col = col * b[a] + kept[j][a];
                    }
                }
                cornerIndex[j] = row * right.numRows + col;
                corner.set(row, col, theta[j]);
            }
            half = new DMatrixRMaj(left.numRows, right.numCols);
            halfBack = new DMatrixRMaj(left.numRows, right.numCols);
            w = new DMatrixRMaj(left.numCols, right.numCols);
            dw = DMatrixRMaj.wrap(left.numCols, right.numCols, dwFlat);
        }

        void generate() {
            CommonOps_DDRM.mult(corner, right, half);
            CommonOps_DDRM.multTransA(left, half, w);
        }

        void backward() {
            CommonOps_DDRM.mult(left, dw, halfBack);
            CommonOps_DDRM.multTransB(halfBack, right, corner);
        }

        /** ⊗ of the tables of axes [from, to): rows the kept frequency tuples, columns the positions. */
        private static DMatrixRMaj kronecker(int[] n, int[] b, int from, int to) {
            DMatrixRMaj m = new DMatrixRMaj(1, 1);
            m.set(0, 0, 1.0);
            for (int a = from; a < to; a++) {
                DMatrixRMaj t = new DMatrixRMaj(b[a], n[a]);
                for (int x = 0; x < b[a]; x++) {
                    double s = x == 0 ? Math.sqrt(1.0 / n[a]) : Math.sqrt(2.0 / n[a]);
                    for (int y = 0; y < n[a]; y++) {
                        t.set(x, y, s * Math.cos(Math.PI * (2 * y + 1) * x / (2.0 * n[a])));
                    }
                }
                DMatrixRMaj next = new DMatrixRMaj(m.numRows * t.numRows, m.numCols * t.numCols);
                CommonOps_DDRM.kron(m, t, next);
                m = next;
            }
            return m;
        }
    }

    /** Milliseconds per call: the mean over calls repeated for at least {@code minSeconds}. */
    private static double measure(Runnable op, double minSeconds) {
        long min = (long) (minSeconds * 1e9);
        long start = now();
        long elapsed;
        int calls = 0;
        do {
            op.run();
            calls++;
            elapsed = now() - start;
        } while (elapsed < min);
        return elapsed / 1e6 / calls;
    }

    /** The figures as an aligned table, one row per case. */
    public static String table(List<Result> results) {
        StringBuilder s = new StringBuilder();
        String clock = results.isEmpty() ? "" : results.get(0).clock();
        s.append(String.format(Locale.ROOT, "dct generator, single-threaded, median %s per call (ms); "
                + "reference: the same transform as two EJML CommonOps_DDRM products, same run%n", clock));
        s.append(String.format(Locale.ROOT, "%-18s %-16s %6s %5s  %9s %9s %6s  %9s %9s %6s%n", "case", "shape", "|W|",
                "k", "generate", "EJML", "ratio", "backward", "EJML", "ratio"));
        for (Result r : results) {
            s.append(String.format(Locale.ROOT, "%-18s %-16s %6d %5d  %9.4f %9.4f %6.2f  %9.4f %9.4f %6.2f%n", r.name(),
                    shapeText(r.shape()), r.weights(), r.coefficients(), r.generateMillis(),
                    r.referenceGenerateMillis(), r.generateRatio(), r.backwardMillis(), r.referenceBackwardMillis(),
                    r.backwardRatio()));
        }
        s.append("ratio = EJML time / generator time (above 1: the generator is faster)\n");
        return s.toString();
    }

    private static String shapeText(List<Integer> shape) {
        List<String> parts = new ArrayList<>();
        shape.forEach(e -> parts.add(e.toString()));
        return String.join("×", parts);
    }

    private static double[] gaussian(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box–Muller; values only need to be ordinary (no denormals)
            v[i] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    private static boolean cpuClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }

    private static long now() {
        return CPU_CLOCK ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
