package io.hyperloom.search.net;

import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.task.images.ImageArchitectures;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * A JMH-free timing harness (a test-scope main, not a test): thread CPU time of the mnist-conv
 * forward and forward+backward passes on chunks of 100 samples, the new conv path beside its
 * naive per-sample twin, and the matrix products of the per-sample path in isolation. CPU time
 * rather than wall time because the machine is shared.
 *
 * <pre>
 * ./mvnw -q -B -pl search test-compile
 * java --add-modules jdk.incubator.vector -cp search/target/classes:search/target/test-classes \
 *     io.hyperloom.search.net.ConvTiming [reps]
 * </pre>
 */
public final class ConvTiming {

    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private ConvTiming() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int batch = 100;
        Architecture arch = ImageArchitectures.mnistConv();
        SplittableRandom r = new SplittableRandom(1);
        double[] w = TargetNetworkGradientTest.gaussian(r, arch.layout().weightCount(), 0.05);
        double[] x = new double[batch * arch.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble();
        }
        double[] g = TargetNetworkGradientTest.gaussian(r, batch * arch.outputSize(), 0.01);
        double[] y = new double[batch * arch.outputSize()];
        double[] dW = new double[w.length];
        MatrixKernel k = MatrixKernel.best();
        TargetNetwork fast = new TargetNetwork(arch, batch, 1, k).bind(w);
        NaiveConvNetwork naive = new NaiveConvNetwork(arch, batch, 1, k).bind(w);
        // forward FLOPs: 2·(16·49·784 + 16·784·196 + 10·784) per sample; backward: conv1 dK, conv2 dK and dX, dense
        double fwdFlop = 2.0 * batch * (16 * 49 * 784 + 16 * 784 * 196 + 10 * 784);
        double bwdFlop = 2.0 * batch * (16 * 49 * 784 + 2 * 16 * 784 * 196 + 2 * 10 * 784);
        for (int round = 0; round < 2; round++) {
            report("naive forward", fwdFlop, reps, () -> naive.forward(x, batch, y));
            report("fast  forward", fwdFlop, reps, () -> fast.forward(x, batch, y));
            report("naive fwd+bwd", fwdFlop + bwdFlop, reps, () -> {
                naive.forward(x, batch, y);
                naive.backwardFromLogits(g, dW);
            });
            report("fast  fwd+bwd", fwdFlop + bwdFlop, reps, () -> {
                fast.forward(x, batch, y);
                fast.backwardFromLogits(g, dW);
            });
        }
        // the conv kernel calls of the fast path in isolation (100 samples)
        io.hyperloom.search.kernel.ConvKernel ck = io.hyperloom.search.kernel.ConvKernel.best();
        double[] p1 = new double[100 * 34 * 34 + 64];
        double[] p2 = TargetNetworkGradientTest.gaussian(r, 100 * 16 * 400 + 64, 1);
        double[] o1 = new double[100 * 16 * 784];
        double[] o2 = new double[100 * 16 * 196];
        double[] dw = new double[16 * 16 * 49];
        report("conv1 correlate", 2.0 * 100 * 16 * 49 * 784, reps, () ->
                ck.correlate(100, 1, 16, 7, 28, 28, p1, 0, 1156, 1156, 34, w, 0, o1, 0, 12544));
        report("conv1 kernelGradient", 2.0 * 100 * 16 * 49 * 784, reps, () ->
                ck.kernelGradient(100, 1, 16, 7, 28, 28, p1, 0, 1156, 1156, 34, o1, 0, 12544, dw, 0));
        report("conv2 correlate", 2.0 * 100 * 16 * 784 * 196, reps, () ->
                ck.correlate(100, 16, 16, 7, 14, 14, p2, 0, 6400, 400, 20, w, 0, o2, 0, 3136));
        report("conv2 kernelGradient", 2.0 * 100 * 16 * 784 * 196, reps, () ->
                ck.kernelGradient(100, 16, 16, 7, 14, 14, p2, 0, 6400, 400, 20, o2, 0, 3136, dw, 0));
        // the per-sample products of conv2 in isolation
        double[] a = TargetNetworkGradientTest.gaussian(r, 784 * 196 * 4, 1);
        double[] c = new double[784 * 196 * 4];
        report("gemm 16x196x784 (fwd)", 2.0 * 16 * 196 * 784 * 100, reps, () -> {
            for (int s = 0; s < 100; s++) {
                k.gemm(false, false, 16, 196, 784, w, 0, 784, a, 0, 196, 0.0, c, 0, 196);
            }
        });
        report("gemm 16x784x196 (dK, tB)", 2.0 * 16 * 196 * 784 * 100, reps, () -> {
            for (int s = 0; s < 100; s++) {
                k.gemm(false, true, 16, 784, 196, a, 0, 196, a, 0, 196, 1.0, c, 0, 784);
            }
        });
        report("gemm 784x196x16 (dcol, tA)", 2.0 * 16 * 196 * 784 * 100, reps, () -> {
            for (int s = 0; s < 100; s++) {
                k.gemm(true, false, 784, 196, 16, a, 0, 784, a, 0, 196, 0.0, c, 0, 196);
            }
        });
        double[] big = TargetNetworkGradientTest.gaussian(r, 784 * 4900, 1);
        double[] bigC = new double[16 * 4900];
        report("gemm 16x4900x784 (batched fwd)", 2.0 * 16 * 196 * 784 * 100, reps, () -> {
            for (int s = 0; s < 4; s++) {
                k.gemm(false, false, 16, 4900, 784, w, 0, 784, big, 0, 4900, 0.0, bigC, 0, 4900);
            }
        });
    }

    private static void report(String what, double flop, int reps, Runnable body) {
        body.run();
        long t0 = BEAN.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            body.run();
        }
        double cpu = (BEAN.getCurrentThreadCpuTime() - t0) / 1e9 / reps;
        double wall = (System.nanoTime() - w0) / 1e9 / reps;
        System.out.printf("%-34s cpu %8.2f ms  wall %8.2f ms  %6.2f GFLOP/s (cpu)%n", what, cpu * 1e3, wall * 1e3,
                flop / cpu / 1e9);
    }
}
