package io.hyperloom.hypernet.autodiff;

import io.hyperloom.search.kernel.MatrixKernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reverse-mode automatic differentiation as a tape of backward closures (after micrograd and
 * KMath's {@code SimpleAutoDiff}).
 *
 * {@snippet :
 * Tape tape = new Tape();
 * Tensor x = tape.variable(4, 3, xs);             // leaves
 * Tensor w = tape.variable(3, 2, ws);
 * Tensor b = tape.variable(1, 2, bs);
 * Tensor loss = tape.sum(tape.square(tape.tanh(tape.linear(x, w, b))));
 * tape.backward(loss);                             // w.grad() now holds dL/dw
 * }
 *
 * <p>How it works: (1) every operation computes its value at once and appends a closure that,
 * given the gradient of its output, adds ({@code +=}) the gradients of its inputs; (2) {@link
 * #backward} zeroes every gradient on the tape, seeds the output's gradient and runs the closures
 * in reverse order of recording, so each output's gradient is complete before its closure reads
 * it. Primitives are the ones below with a hand-written closure; the composed operations
 * ({@link #sub}, {@link #scale}, {@link #square}, {@link #mean}, {@link #linear}) only call
 * primitives. Products go through a {@link MatrixKernel}.
 *
 * <p>A tape and its tensors are mutable, single-threaded scratch: build one per computation (or
 * {@link #clear} it), never share it between threads.
 */
public final class Tape {

    private final MatrixKernel kernel;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Runnable> backwards = new ArrayList<>();

    /** A tape on the fastest kernel of this JVM. */
    public Tape() {
        this(MatrixKernel.best());
    }

    public Tape(MatrixKernel kernel) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** Forgets every recorded tensor and closure. */
    public void clear() {
        tensors.clear();
        backwards.clear();
    }

    /** Recorded operations (for tests). */
    public int size() {
        return backwards.size();
    }

    // ---- leaves ----

    /** A leaf holding a copy of {@code values} (row-major); its gradient is filled by {@link #backward}. */
    public Tensor variable(int rows, int cols, double[] values) {
        Objects.requireNonNull(values, "values");
        return track(new Tensor(rows, cols, values.clone()));
    }

    /** A leaf whose every element is {@code value}. */
    public Tensor constant(int rows, int cols, double value) {
        double[] v = new double[rows * cols];
        Arrays.fill(v, value);
        return track(new Tensor(rows, cols, v));
    }

    // ---- primitives ----

    /** C = A·B for A m×k, B k×n. */
    public Tensor matmul(Tensor a, Tensor b) {
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("matmul: " + a + " · " + b + " do not conform");
        }
        int m = a.rows();
        int k = a.cols();
        int n = b.cols();
        Tensor c = result(m, n);
        kernel.gemm(false, false, m, n, k, a.value(), 0, k, b.value(), 0, n, 0.0, c.value(), 0, n);
        backwards.add(() -> {
            // dA += dC·Bᵀ ; dB += Aᵀ·dC
            kernel.gemm(false, true, m, k, n, c.grad(), 0, n, b.value(), 0, n, 1.0, a.grad(), 0, k);
            kernel.gemm(true, false, k, n, m, a.value(), 0, k, c.grad(), 0, n, 1.0, b.grad(), 0, n);
        });
        return c;
    }

    /** C = Aᵀ. */
    public Tensor transpose(Tensor a) {
        int m = a.rows();
        int n = a.cols();
        Tensor c = result(n, m);
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                cv[j * m + i] = av[i * n + j];
            }
        }
        backwards.add(() -> {
            double[] ag = a.grad();
            double[] cg = c.grad();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ag[i * n + j] += cg[j * m + i];
                }
            }
        });
        return c;
    }

    /** C = A + B, same shapes. */
    public Tensor add(Tensor a, Tensor b) {
        requireSameShape("add", a, b);
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] bv = b.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = av[i] + bv[i];
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            double[] bg = b.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i];
                bg[i] += cg[i];
            }
        });
        return c;
    }

    /** C[i,j] = A[i,j] + r[j]: a 1×n row added to every row of an m×n A (a bias). */
    public Tensor addRow(Tensor a, Tensor row) {
        if (row.rows() != 1 || row.cols() != a.cols()) {
            throw new IllegalArgumentException("addRow: " + row + " is not a 1×" + a.cols() + " row for " + a);
        }
        int m = a.rows();
        int n = a.cols();
        Tensor c = result(m, n);
        double[] av = a.value();
        double[] rv = row.value();
        double[] cv = c.value();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                cv[i * n + j] = av[i * n + j] + rv[j];
            }
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            double[] rg = row.grad();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ag[i * n + j] += cg[i * n + j];
                    rg[j] += cg[i * n + j]; // dr = column sums of dC
                }
            }
        });
        return c;
    }

    /** C = A ⊙ B (elementwise), same shapes. */
    public Tensor mul(Tensor a, Tensor b) {
        requireSameShape("mul", a, b);
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] bv = b.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = av[i] * bv[i];
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            double[] bg = b.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i] * bv[i]; // dA += dC ⊙ B
                bg[i] += cg[i] * av[i]; // dB += dC ⊙ A
            }
        });
        return c;
    }

    public Tensor tanh(Tensor a) {
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = Math.tanh(av[i]);
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i] * (1 - cv[i] * cv[i]); // tanh' = 1 − tanh²
            }
        });
        return c;
    }

    /** max(0, x); the derivative at 0 is taken as 0. */
    public Tensor relu(Tensor a) {
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = av[i] > 0 ? av[i] : 0.0;
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                if (av[i] > 0) {
                    ag[i] += cg[i];
                }
            }
        });
        return c;
    }

    /** 1 / (1 + e^−x). */
    public Tensor sigmoid(Tensor a) {
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = 1.0 / (1.0 + Math.exp(-av[i]));
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i] * cv[i] * (1 - cv[i]); // σ' = σ(1 − σ)
            }
        });
        return c;
    }

    public Tensor exp(Tensor a) {
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = Math.exp(av[i]);
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i] * cv[i]; // exp' = exp
            }
        });
        return c;
    }

    /** Natural logarithm (NaN or −∞ outside (0, ∞), as {@link Math#log}). */
    public Tensor log(Tensor a) {
        Tensor c = result(a.rows(), a.cols());
        double[] av = a.value();
        double[] cv = c.value();
        for (int i = 0; i < cv.length; i++) {
            cv[i] = Math.log(av[i]);
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i] / av[i]; // log' = 1/x
            }
        });
        return c;
    }

    /** The 1×1 sum of all elements. */
    public Tensor sum(Tensor a) {
        Tensor c = result(1, 1);
        double s = 0;
        for (double v : a.value()) {
            s += v;
        }
        c.value()[0] = s;
        backwards.add(() -> {
            double g = c.grad()[0];
            double[] ag = a.grad();
            for (int i = 0; i < ag.length; i++) {
                ag[i] += g;
            }
        });
        return c;
    }

    /** The same elements in row-major order, viewed as rows×cols (a copy on the tape). */
    public Tensor reshape(Tensor a, int rows, int cols) {
        if (rows * cols != a.size()) {
            throw new IllegalArgumentException("reshape: " + a + " has " + a.size() + " elements, not " + rows + "×" + cols);
        }
        Tensor c = result(rows, cols);
        System.arraycopy(a.value(), 0, c.value(), 0, a.size());
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < cg.length; i++) {
                ag[i] += cg[i];
            }
        });
        return c;
    }

    /** The block of rows [r0, r1) and columns [c0, c1). */
    public Tensor slice(Tensor a, int r0, int r1, int c0, int c1) {
        if (r0 < 0 || r1 > a.rows() || r0 >= r1 || c0 < 0 || c1 > a.cols() || c0 >= c1) {
            throw new IllegalArgumentException("slice [" + r0 + "," + r1 + ")×[" + c0 + "," + c1 + ") is empty or outside " + a);
        }
        int n = a.cols();
        int rows = r1 - r0;
        int cols = c1 - c0;
        Tensor c = result(rows, cols);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a.value(), (r0 + i) * n + c0, c.value(), i * cols, cols);
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            double[] ag = a.grad();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ag[(r0 + i) * n + c0 + j] += cg[i * cols + j];
                }
            }
        });
        return c;
    }

    /** [A₁ A₂ …]: the parts side by side (same row count), e.g. the [x, h] input of an LSTM. */
    public Tensor concatColumns(Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concatColumns needs at least one part");
        }
        int m = parts[0].rows();
        int n = 0;
        for (Tensor p : parts) {
            if (p.rows() != m) {
                throw new IllegalArgumentException("concatColumns: " + p + " has not " + m + " rows");
            }
            n += p.cols();
        }
        Tensor c = result(m, n);
        Tensor[] ps = parts.clone();
        int total = n;
        int c0 = 0;
        for (Tensor p : ps) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(p.value(), i * p.cols(), c.value(), i * total + c0, p.cols());
            }
            c0 += p.cols();
        }
        backwards.add(() -> {
            double[] cg = c.grad();
            int off = 0;
            for (Tensor p : ps) {
                double[] pg = p.grad();
                int pc = p.cols();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < pc; j++) {
                        pg[i * pc + j] += cg[i * total + off + j];
                    }
                }
                off += pc;
            }
        });
        return c;
    }

    // ---- composed ----

    /** A − B. */
    public Tensor sub(Tensor a, Tensor b) {
        return add(a, scale(b, -1.0));
    }

    /** s·A. */
    public Tensor scale(Tensor a, double s) {
        return mul(a, constant(a.rows(), a.cols(), s));
    }

    /** A ⊙ A. */
    public Tensor square(Tensor a) {
        return mul(a, a);
    }

    /** The 1×1 mean of all elements. */
    public Tensor mean(Tensor a) {
        return scale(sum(a), 1.0 / a.size());
    }

    /** X·W + b, with b a 1×n row: a dense layer before its activation. */
    public Tensor linear(Tensor x, Tensor w, Tensor b) {
        return addRow(matmul(x, w), b);
    }

    // ---- backward ----

    /** Gradients of a 1×1 {@code loss} with respect to every tensor on this tape. */
    public void backward(Tensor loss) {
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward(loss) needs a 1×1 loss, got " + loss
                    + "; use backward(output, dOutput) for a vector–Jacobian product");
        }
        backward(loss, new double[] {1.0});
    }

    /**
     * The vector–Jacobian product: every tensor's gradient becomes d(dOutput·output)/d(tensor).
     * Gradients from an earlier call are discarded (zeroed first).
     *
     * @param dOutput not modified, same length as {@code output}
     */
    public void backward(Tensor output, double[] dOutput) {
        if (dOutput.length != output.size()) {
            throw new IllegalArgumentException("dOutput has " + dOutput.length + " elements, output " + output + " has " + output.size());
        }
        if (!tensors.contains(output)) {
            throw new IllegalArgumentException("output " + output + " was not recorded on this tape");
        }
        for (Tensor t : tensors) {
            t.zeroGrad();
        }
        System.arraycopy(dOutput, 0, output.grad(), 0, dOutput.length);
        for (int i = backwards.size() - 1; i >= 0; i--) {
            backwards.get(i).run();
        }
    }

    private Tensor result(int rows, int cols) {
        return track(new Tensor(rows, cols, new double[rows * cols]));
    }

    private Tensor track(Tensor t) {
        tensors.add(t);
        return t;
    }

    private static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a + " vs " + b);
        }
    }
}
