package io.hyperloom.search.bench;

import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.net.TargetNetwork;
import io.hyperloom.search.task.boxes.BoxesTask;
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
import java.util.function.DoubleSupplier;

/**
 * The engine of {@code hyperloom bench forward}: single-threaded GFLOP/s of the batched forward
 * pass and of forward+backward of the 11×11 boxes net and of a 784-256-10 MLP, each beside a plain
 * EJML {@code CommonOps_DDRM.mult} of similar size measured in the same run, and their ratio.
 *
 * {@snippet :
 * ForwardBenchmark.Result r = ForwardBenchmark.run(ForwardBenchmark.Options.defaults());
 * System.out.print(r.table());
 * }
 *
 * <p>How it works.
 * <ol>
 * <li>Each case is a pair of operations: ours (a {@link TargetNetwork} on {@link MatrixKernel#best()})
 *     and the reference (EJML's product). Both are warmed up first (two measurements each).</li>
 * <li>A measurement calls the operation repeatedly until at least {@code minSeconds} have passed
 *     (at least once) and divides the FLOPs done by the time taken.</li>
 * <li>Ours and the reference are measured alternately, {@code repeats} times each, so drift from
 *     other load on the machine hits both; each row reports the medians and their ratio.</li>
 * </ol>
 * FLOPs count only the matrix products, 2 per multiply-add: forward is 2·B·Σ(in·out) over the
 * layers' weight products. Backward counts the products {@link TargetNetwork} actually does:
 * dW = dZᵀ·X for every layer and dX = dZ·W for every layer but the first (the input needs no
 * gradient, so the network skips it). The textbook "backward = 2 × forward" would count that
 * skipped product too and overstate the rate (by half for the MLP, whose first layer dominates).
 * Bias, activation and softmax work is done but not counted.
 *
 * <p>Runs in the calling thread and allocates its buffers once per case; not for concurrent use
 * with other timing-sensitive work.
 */
public final class ForwardBenchmark {

    /** The seed of the random weights and inputs; values do not affect the speed (no denormals). */
    private static final long SEED = 20240611L;
    private static final boolean CPU_CLOCK = cpuClock();

    private ForwardBenchmark() {
    }

    /**
     * Benchmark settings.
     *
     * @param repeats    measurements per operation; the median is reported
     * @param minSeconds minimum duration of one measurement (0 means one call)
     * @param boxesBatch batch of the boxes net (75 = one pass over its trials)
     * @param mlpBatches batches of the MLP, one pair of rows each
     */
    public record Options(int repeats, double minSeconds, int boxesBatch, List<Integer> mlpBatches) {
        public Options {
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            }
            if (!(minSeconds >= 0 && minSeconds <= 3600)) {
                throw new IllegalArgumentException("min-seconds must be in [0, 3600], got " + minSeconds);
            }
            if (boxesBatch < 1) {
                throw new IllegalArgumentException("boxes batch must be >= 1, got " + boxesBatch);
            }
            mlpBatches = List.copyOf(mlpBatches);
            if (mlpBatches.isEmpty()) {
                throw new IllegalArgumentException("at least one MLP batch size is needed");
            }
            for (int b : mlpBatches) {
                if (b < 1) {
                    throw new IllegalArgumentException("MLP batch sizes must be >= 1, got " + b);
                }
            }
        }

        /** Seven repeats of at least half a second, boxes batch 75, MLP batch 500. */
        public static Options defaults() {
            return new Options(7, 0.5, BoxesTask.TRIALS, List.of(500));
        }

        public Options withRepeats(int repeats) {
            return new Options(repeats, minSeconds, boxesBatch, mlpBatches);
        }

        public Options withMinSeconds(double minSeconds) {
            return new Options(repeats, minSeconds, boxesBatch, mlpBatches);
        }

        public Options withMlpBatches(List<Integer> mlpBatches) {
            return new Options(repeats, minSeconds, boxesBatch, mlpBatches);
        }
    }

    /**
     * One measured case.
     *
     * @param what            the network, the pass and the batch
     * @param gflops          median GFLOP/s of ours
     * @param reference       the EJML product it is compared with, e.g. {@code 500×784 · 784×256}
     * @param referenceGflops median GFLOP/s of that product
     */
    public record Row(String what, double gflops, String reference, double referenceGflops) {
        public Row {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(reference, "reference");
        }

        /** Ours over the reference; above 1 means faster than EJML. */
        public double ratio() {
            return gflops / referenceGflops;
        }
    }

    /** The rows of one run, with the kernel, the clock and the settings used. */
    public record Result(String kernel, String clock, Options options, List<Row> rows) {
        public Result {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(options, "options");
            rows = List.copyOf(rows);
        }

        /** A plain-text table, one line per row, with a header naming kernel and settings. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT,
                    "kernel %s, single thread, %s, median of %d measurements of >= %.2f s each%n",
                    kernel, clock, options.repeats(), options.minSeconds()));
            int w = "what".length();
            int rw = "EJML mult".length();
            for (Row r : rows) {
                w = Math.max(w, r.what().length());
                rw = Math.max(rw, r.reference().length());
            }
            String fmt = "%-" + w + "s  %9s  %-" + rw + "s  %9s  %6s%n";
            sb.append(String.format(Locale.ROOT, fmt, "what", "GFLOP/s", "EJML mult", "GFLOP/s", "ratio"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, fmt, r.what(), String.format(Locale.ROOT, "%.2f", r.gflops()),
                        r.reference(), String.format(Locale.ROOT, "%.2f", r.referenceGflops()),
                        String.format(Locale.ROOT, "%.2f", r.ratio())));
            }
            return sb.toString();
        }
    }

    /** The MLP of the benchmark: 784-256-10, relu then softmax. */
    public static Architecture mlp() {
        return Architecture.of("mnist-mlp", new Shape(1, 28, 28),
                new Layer.Dense(256, Activation.RELU), new Layer.Dense(10, Activation.SOFTMAX));
    }

    /** Runs every case with {@link MatrixKernel#best()}. */
    public static Result run(Options options) {
        return run(options, MatrixKernel.best());
    }

    /** Runs every case with the given kernel (the plain one, to see what the fast one gains). */
    public static Result run(Options options, MatrixKernel kernel) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(kernel, "kernel");
        List<Row> rows = new ArrayList<>();
        Architecture boxes = new BoxesTask(11, 0).architecture();
        int side = boxes.inputSize();
        addCases(rows, boxes, options.boxesBatch(), kernel, options, side, side);
        Architecture mlp = mlp();
        for (int batch : options.mlpBatches()) {
            addCases(rows, mlp, batch, kernel, options, mlp.inputSize(), 256);
        }
        return new Result(kernel.name(), CPU_CLOCK ? "thread CPU time" : "wall time", options, rows);
    }

    /** Multiply-adds per sample of the forward pass: Σ over layers of the weight products. */
    public static long forwardMultiplyAdds(Architecture arch) {
        long total = 0;
        for (int l = 0; l < arch.layers().size(); l++) {
            total += products(arch, l);
        }
        return total;
    }

    /**
     * Multiply-adds per sample of the backward pass as {@link TargetNetwork} does it: dW for every
     * layer, dX for every layer but the first; a recurrent layer adds dU and the carried dZ·U.
     */
    public static long backwardMultiplyAdds(Architecture arch) {
        long total = 0;
        for (int l = 0; l < arch.layers().size(); l++) {
            long dW = products(arch, l); // for recurrent: dW and dU, the same sizes as W·x and U·h
            long dX = l > 0 ? inputProduct(arch, l) : 0;
            if (arch.layers().get(l) instanceof Layer.Recurrent r) {
                dX += (long) r.units() * r.units(); // carry = dZ·U
            }
            if (arch.layers().get(l) instanceof Layer.Lstm m) {
                dX += 4L * m.units() * m.units(); // carry = dA·U
            }
            total += dW + dX;
        }
        return total;
    }

    /** Forward multiply-adds per sample of layer l (for recurrent: W·x plus U·h). */
    private static long products(Architecture arch, int l) {
        Layer layer = arch.layers().get(l);
        if (layer instanceof Layer.Recurrent r) {
            return inputProduct(arch, l) + (long) r.units() * r.units();
        }
        if (layer instanceof Layer.Lstm m) {
            return inputProduct(arch, l) + 4L * m.units() * m.units();
        }
        return inputProduct(arch, l);
    }

    /** Multiply-adds per sample of the product that involves the layer's input (W·x or K·col). */
    private static long inputProduct(Architecture arch, int l) {
        Layer layer = arch.layers().get(l);
        Shape in = arch.inputOf(l);
        Shape out = arch.shapes().get(l);
        return switch (layer) {
            case Layer.Dense d -> (long) in.size() * out.size();
            case Layer.Recurrent r -> (long) in.size() * out.size();
            case Layer.Lstm m -> (long) in.size() * 4 * m.units();
            // out(OC×P) = K(OC×Q)·col(Q×P), Q = in-channels·kernel²
            case Layer.Conv2d c -> (long) c.outChannels() * in.channels() * c.kernel() * c.kernel()
                    * out.height() * out.width();
            case Layer.MaxPool m -> 0L;
        };
    }

    /**
     * Adds the forward and the forward+backward row of one network at one batch size, both against
     * the EJML product (batch × refK)·(refK × refN).
     */
    private static void addCases(List<Row> rows, Architecture arch, int batch, MatrixKernel kernel, Options options,
                                 int refK, int refN) {
        int refM = batch;
        SplittableRandom rnd = new SplittableRandom(SEED);
        TargetNetwork net = new TargetNetwork(arch, batch, 1, kernel);
        int wc = arch.layout().weightCount();
        double[] weights = uniform(rnd, wc, 0.05);
        double[] dWeights = new double[wc];
        double[] input = uniform(rnd, batch * arch.inputSize(), 1.0);
        double[] output = new double[batch * arch.outputSize()];
        double[] dLogits = uniform(rnd, batch * arch.outputSize(), 0.01);
        net.bind(weights);

        DMatrixRMaj ra = new DMatrixRMaj(refM, refK, true, uniform(rnd, refM * refK, 1.0));
        DMatrixRMaj rb = new DMatrixRMaj(refK, refN, true, uniform(rnd, refK * refN, 0.05));
        DMatrixRMaj rc = new DMatrixRMaj(refM, refN);
        double refFlops = 2.0 * refM * refK * refN;
        String refName = refM + "×" + refK + " · " + refK + "×" + refN;
        DoubleSupplier reference = () -> {
            CommonOps_DDRM.mult(ra, rb, rc);
            return rc.data[0];
        };

        double fwdFlops = 2.0 * batch * forwardMultiplyAdds(arch);
        double bwdFlops = 2.0 * batch * backwardMultiplyAdds(arch);
        DoubleSupplier forward = () -> net.forward(input, batch, output)[0];
        DoubleSupplier forwardBackward = () -> {
            net.forward(input, batch, output);
            // dWeights accumulates across calls, as it does within a training batch; it stays small
            return net.backwardFromLogits(dLogits, dWeights)[0];
        };
        String name = arch.name();
        rows.add(compare(name + " forward, batch " + batch, forward, fwdFlops, refName, reference, refFlops,
                options));
        rows.add(compare(name + " forward+backward, batch " + batch, forwardBackward, fwdFlops + bwdFlops,
                refName, reference, refFlops, options));
    }

    private static Row compare(String what, DoubleSupplier ours, double oursFlops, String refName,
                               DoubleSupplier reference, double refFlops, Options options) {
        for (int w = 0; w < 2; w++) {
            gflops(ours, oursFlops, options.minSeconds());
            gflops(reference, refFlops, options.minSeconds());
        }
        double[] a = new double[options.repeats()];
        double[] b = new double[options.repeats()];
        for (int r = 0; r < options.repeats(); r++) {
            a[r] = gflops(ours, oursFlops, options.minSeconds());
            b[r] = gflops(reference, refFlops, options.minSeconds());
        }
        return new Row(what, median(a), refName, median(b));
    }

    /**
     * One measurement: calls {@code op} until {@code minSeconds} have passed (at least once).
     * Time is the thread's CPU time where the JVM offers it: on a shared machine wall time would
     * also count the time the thread waited for a core. On an idle machine the two agree.
     */
    private static double gflops(DoubleSupplier op, double flopsPerCall, double minSeconds) {
        long minNanos = (long) (minSeconds * 1e9);
        long calls = 0;
        double sink = 0;
        long start = now();
        long elapsed;
        do {
            sink += op.getAsDouble();
            calls++;
            elapsed = now() - start;
        } while (elapsed < minNanos);
        if (Double.isNaN(sink)) {
            // also keeps the JIT from discarding the work
            throw new IllegalStateException("benchmark produced NaN");
        }
        return calls * flopsPerCall / Math.max(elapsed, 1);
    }

    private static boolean cpuClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }

    private static long now() {
        return CPU_CLOCK ? ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double[] uniform(SplittableRandom rnd, int size, double scale) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rnd.nextDouble(-scale, scale);
        }
        return x;
    }
}
