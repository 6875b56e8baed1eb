package io.hyperloom.search.generator.dct;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compressed weights: each weight tensor is the orthonormal N-dimensional inverse DCT (DCT-III) of
 * a coefficient array of its shape whose k lowest frequencies come from θ and the rest are zero
 * (Koutník, Gomez &amp; Schmidhuber 2010).
 *
 * <p>θ is laid out tensor by tensor in layout order: the k coefficients of a transformed tensor in
 * {@link Frequencies} order, or all elements of a bias searched directly. The orthonormal DCT-II
 * along an axis of extent n is {@code X_u = s_u Σ_y x_y cos(π(2y+1)u/(2n))}, {@code s_0 = √(1/n)},
 * {@code s_u = √(2/n)}; its inverse (DCT-III) {@code x_y = Σ_u s_u X_u cos(π(2y+1)u/(2n))}. The
 * N-D transform applies it along every axis, so the map θ → W has orthonormal rows: energy is
 * preserved ({@code |W|² = |θ|²} of the transformed part) and {@link #backward} is the forward
 * DCT-II restricted to the kept coefficients.
 *
 * <p>How the fast path works, for a tensor viewed with extents n₀ … n_{d−1}:
 * <ol>
 *   <li>The kept coefficients have index sums ≤ some S, so along axis a they lie below
 *       {@code b_a = 1 + max kept i_a}: a small corner box of the coefficient array. Cosine tables
 *       hold only those b_a frequencies per axis, built once in the constructor.</li>
 *   <li>The last (contiguous) axis first: each kept coefficient adds {@code θ_j ·} one table row to
 *       one row of an intermediate of extents b₀ … b_{d−2} × n_{d−1} (k scaled row additions, no
 *       zero coefficient is touched).</li>
 *   <li>Then axes d−2 … 0 in turn expand b_a to n_a: {@code out[p, y, :] = Σ_x T_a[x][y] · in[p, x, :]}.
 *       For each leading index p that is one matrix product {@code out[p] = T_aᵀ · in[p]} of a
 *       tall-skinny table (n_a × b_a) and a short wide block (b_a × the already expanded trailing
 *       axes), run on {@link MatrixKernel#best()} (the register-blocked Vector-API kernel) when it
 *       has at least {@link #GEMM_THRESHOLD} multiply-adds, else as weighted row sums the JIT
 *       vectorises. The last expansion writes straight into the weight buffer.</li>
 *   <li>Backward runs the transpose in reverse order: contract axes 0 … d−2 from n_a down to b_a
 *       ({@code out[p] = T_a · in[p]}, again one product per p), then the last axis: either one
 *       product {@code Z = inter · T_{d−1}ᵀ} over the whole b-corner followed by a gather of the k
 *       kept entries (when the corner has at most 4k entries), or one dot product per kept
 *       coefficient.</li>
 * </ol>
 * For a 784×256 tensor ([256, 784] natural view) with 256 kept coefficients (b = 23 per axis: all
 * index sums ≤ 21 and three of sum 22) generate is 256 row additions of 784 plus the product
 * (256 × 23)·(23 × 784), about 4.8 M multiply-adds, against 200 k·256 for a naive sum per element;
 * backward is (23 × 256)·(256 × 784) and (23 × 784)·(784 × 23).
 *
 * <p>Views ({@link Axes}): axes of extent 1 are dropped in every view (the DCT along them is the
 * identity). Immutable and thread-safe; each thread has its own two scratch buffers, so
 * {@link #generate} and {@link #backward} allocate nothing in steady state.
 */
public final class DctWeightGenerator implements WeightGenerator {

    /** How a tensor's flat elements are seen as a multi-dimensional array (always row-major, flat order kept). */
    public enum Axes {
        /**
         * The tensor's natural shape: dense and recurrent {@code [units, inputs]}, conv
         * {@code [out, in, k, k]}, bias {@code [units]}.
         */
        NATURAL,
        /**
         * The substrate sheets: dense and recurrent weights as
         * {@code [target c, y, x, source c, y, x]} (for single-channel sheets the 4-D
         * {@code [targetH, targetW, sourceH, sourceW]}), conv kernels as {@code [out, in, k, k]},
         * biases as {@code [c, y, x]} of their target sheet. Smooth across neighbouring neurons of
         * a sheet, the natural view for visual fields such as boxes.
         */
        SHEETS
    }

    /** Whether bias vectors are searched element by element or through their own DCT. */
    public enum Biases { DIRECT, DCT }

    /**
     * How one tensor is coded: its view extents and its slice of θ.
     *
     * @param view        the extents the DCT runs over (extent-1 axes dropped); empty for a direct tensor
     * @param transformed false for a bias searched directly
     */
    public record TensorCode(String tensor, List<Integer> view, boolean transformed, int thetaOffset, int count) {
        public TensorCode {
            Objects.requireNonNull(tensor, "tensor");
            view = List.copyOf(view);
        }
    }

    /** Shape-dependent tables of one tensor; never modified after construction. */
    private static final class Plan {
        final int weightOffset;
        final int size;
        final int thetaOffset;
        final int k;
        final boolean transformed;
        final int d;
        final int[] n;
        final int[] b;
        /** tables[a][x·n_a + y] = s_x cos(π(2y+1)x/(2n_a)), x < b_a. */
        final double[][] tables;
        /** For kept coefficient j: start of its row in the first intermediate, and its last-axis frequency. */
        final int[] rowStart;
        final int[] lastFrequency;

        Plan(int weightOffset, int size, int thetaOffset, int k, boolean transformed, int[] n, int[] b,
             double[][] tables, int[] rowStart, int[] lastFrequency) {
            this.weightOffset = weightOffset;
            this.size = size;
            this.thetaOffset = thetaOffset;
            this.k = k;
            this.transformed = transformed;
            this.d = n.length;
            this.n = n;
            this.b = b;
            this.tables = tables;
            this.rowStart = rowStart;
            this.lastFrequency = lastFrequency;
        }

        /** Product of b over the axes before a. */
        int pre(int a) {
            int s = 1;
            for (int i = 0; i < a; i++) {
                s *= b[i];
            }
            return s;
        }

        /** Product of n over the axes after a. */
        int post(int a) {
            int s = 1;
            for (int i = a + 1; i < d; i++) {
                s *= n[i];
            }
            return s;
        }

        /** Elements of the intermediate with axes < a at b and axes ≥ a at n. */
        long stage(int a) {
            long s = 1;
            for (int i = 0; i < d; i++) {
                s *= i < a ? b[i] : n[i];
            }
            return s;
        }
    }

    private final ParameterLayout layout;
    private final Axes axes;
    private final Biases biases;
    private final List<Plan> plans;
    private final List<TensorCode> codes;
    private final int parameterCount;
    private final ThreadLocal<double[][]> scratch;
    private final MatrixKernel kernel;
    /** Stages with at least this many multiply-adds per product go to the kernel; smaller ones to {@link #combine}. */
    private final long gemmThreshold;

    /** Below this many multiply-adds a stage's product is cheaper as weighted row sums than packed. */
    static final long GEMM_THRESHOLD = 16_384;

    /**
     * @param coefficients k per transformed tensor (capped at each tensor's size); used when
     *                     {@code budget} is 0
     * @param budget       if &gt; 0, a total number of coefficients split over the transformed
     *                     tensors by {@link #allocate}
     * @throws IllegalArgumentException if {@code coefficients < 1} or {@code budget < 0}
     */
    public DctWeightGenerator(ParameterLayout layout, Axes axes, Biases biases, int coefficients, int budget) {
        this(layout, axes, biases, coefficients, budget, MatrixKernel.best(), GEMM_THRESHOLD);
    }

    /**
     * For tests: the stages' products run on {@code kernel} when they have at least
     * {@code gemmThreshold} multiply-adds (0: always; {@code Long.MAX_VALUE}: never).
     */
    DctWeightGenerator(ParameterLayout layout, Axes axes, Biases biases, int coefficients, int budget,
                       MatrixKernel kernel, long gemmThreshold) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.gemmThreshold = gemmThreshold;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.axes = Objects.requireNonNull(axes, "axes");
        this.biases = Objects.requireNonNull(biases, "biases");
        if (coefficients < 1) {
            throw new IllegalArgumentException("coefficients must be >= 1, got " + coefficients);
        }
        if (budget < 0) {
            throw new IllegalArgumentException("budget must be >= 0 (0 = use coefficients), got " + budget);
        }
        List<ParameterTensor> coded = layout.tensors().stream().filter(this::isTransformed).toList();
        int[] sizes = coded.stream().mapToInt(ParameterTensor::size).toArray();
        int[] ks = budget > 0 ? allocate(sizes, budget) : new int[sizes.length];
        if (budget == 0) {
            for (int i = 0; i < sizes.length; i++) {
                ks[i] = Math.min(coefficients, sizes[i]);
            }
        }
        Map<Long, double[]> tableCache = new HashMap<>();
        List<Plan> ps = new ArrayList<>();
        List<TensorCode> cs = new ArrayList<>();
        int theta = 0;
        int ci = 0;
        long scratchSize = 1;
        for (ParameterTensor t : layout.tensors()) {
            if (!isTransformed(t)) {
                ps.add(new Plan(t.offset(), t.size(), theta, t.size(), false, new int[0], new int[0],
                        new double[0][], new int[0], new int[0]));
                cs.add(new TensorCode(t.name(), List.of(), false, theta, t.size()));
                theta += t.size();
                continue;
            }
            int k = ks[ci++];
            int[] n = view(t, axes);
            int d = n.length;
            int[][] kept = Frequencies.lowest(n, k);
            int[] b = new int[d];
            for (int[] idx : kept) {
                for (int a = 0; a < d; a++) {
                    b[a] = Math.max(b[a], idx[a] + 1);
                }
            }
            double[][] tables = new double[d][];
            for (int a = 0; a < d; a++) {
                int na = n[a];
                int ba = b[a];
                tables[a] = tableCache.computeIfAbsent(((long) na << 32) | ba, key -> cosineTable(na, ba));
            }
            int[] rowStart = new int[k];
            int[] last = new int[k];
            for (int j = 0; j < k; j++) {
                int row = 0;
                for (int a = 0; a < d - 1; a++) {
                    row = row * b[a] + kept[j][a];
                }
                rowStart[j] = row * n[d - 1];
                last[j] = kept[j][d - 1];
            }
            Plan p = new Plan(t.offset(), t.size(), theta, k, true, n, b, tables, rowStart, last);
            for (int a = 1; a < d; a++) {
                scratchSize = Math.max(scratchSize, p.stage(a));
            }
            // the backward pass's last-axis corner, rows × b_{d−1}
            scratchSize = Math.max(scratchSize, (long) p.pre(d - 1) * b[d - 1]);
            ps.add(p);
            cs.add(new TensorCode(t.name(), java.util.Arrays.stream(n).boxed().toList(), true, theta, k));
            theta += k;
        }
        this.plans = List.copyOf(ps);
        this.codes = List.copyOf(cs);
        this.parameterCount = theta;
        int len = Math.toIntExact(scratchSize);
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[len], new double[len]});
    }

    private boolean isTransformed(ParameterTensor t) {
        return !t.isBias() || biases == Biases.DCT;
    }

    /**
     * The extents a tensor is transformed over in {@code axes}, extent-1 axes dropped (at least one
     * axis remains).
     */
    public static int[] view(ParameterTensor t, Axes axes) {
        List<Integer> full = new ArrayList<>();
        if (axes == Axes.NATURAL || t.shape().size() == 4) {
            full.addAll(t.shape());
        } else {
            addSheet(full, t.target());
            if (!t.isBias()) {
                addSheet(full, t.source());
            }
        }
        int[] n = full.stream().mapToInt(Integer::intValue).filter(e -> e > 1).toArray();
        return n.length == 0 ? new int[] {1} : n;
    }

    private static void addSheet(List<Integer> out, Shape s) {
        out.add(s.channels());
        out.add(s.height());
        out.add(s.width());
    }

    /**
     * Splits {@code budget} coefficients over tensors in proportion to their sizes: each gets
     * ⌊budget·size/total⌋, the remainder goes one by one to the largest fractional parts (earlier
     * tensor first on ties), then each count is clamped to [1, size]. The sum equals
     * min(budget, total) unless the clamp to at least 1 adds a few.
     *
     * @param sizes not modified
     */
    public static int[] allocate(int[] sizes, int budget) {
        long total = 0;
        for (int s : sizes) {
            total += s;
        }
        int[] k = new int[sizes.length];
        if (sizes.length == 0) {
            return k;
        }
        long want = Math.min(budget, total);
        double[] frac = new double[sizes.length];
        long given = 0;
        for (int i = 0; i < sizes.length; i++) {
            double exact = (double) want * sizes[i] / total;
            k[i] = (int) Math.floor(exact);
            frac[i] = exact - k[i];
            given += k[i];
        }
        for (long r = want - given; r > 0; r--) {
            int best = -1;
            for (int i = 0; i < sizes.length; i++) {
                if (k[i] < sizes[i] && (best < 0 || frac[i] > frac[best])) {
                    best = i;
                }
            }
            k[best]++;
            frac[best] = -1;
        }
        for (int i = 0; i < sizes.length; i++) {
            k[i] = Math.max(1, Math.min(sizes[i], k[i]));
        }
        return k;
    }

    /** Rows x &lt; b of the orthonormal DCT basis of extent n: {@code T[x·n + y] = s_x cos(π(2y+1)x/(2n))}. */
    private static double[] cosineTable(int n, int b) {
        double[] t = new double[b * n];
        for (int x = 0; x < b; x++) {
            double s = x == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
            for (int y = 0; y < n; y++) {
                // (2y+1)·x mod 4n keeps the cosine argument small and exact
                long m = ((2L * y + 1) * x) % (4L * n);
                t[x * n + y] = s * Math.cos(Math.PI * m / (2.0 * n));
            }
        }
        return t;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    public Axes axes() {
        return axes;
    }

    public Biases biases() {
        return biases;
    }

    /** How each tensor of the layout is coded, in layout order. */
    public List<TensorCode> codes() {
        return codes;
    }

    @Override
    public Map<String, Integer> parameterParts() {
        int coefficients = 0;
        int direct = 0;
        for (TensorCode c : codes) {
            if (c.transformed()) {
                coefficients += c.count();
            } else {
                direct += c.count();
            }
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("coefficients", coefficients);
        if (direct > 0) {
            m.put("biases", direct);
        }
        return m;
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        double[][] s = scratch.get();
        for (Plan p : plans) {
            if (!p.transformed) {
                System.arraycopy(theta, p.thetaOffset, weights, p.weightOffset, p.size);
            } else {
                inverse(p, theta, weights, s[0], s[1]);
            }
        }
        return weights;
    }

    /** W = DCT-III of the zero-padded coefficients, written to {@code w[p.weightOffset ..)}. */
    private void inverse(Plan p, double[] theta, double[] w, double[] s0, double[] s1) {
        int d = p.d;
        int nl = p.n[d - 1];
        double[] tl = p.tables[d - 1];
        // stage 1, last axis: inter[rowStart_j + y] += θ_j · T_{d−1}[u_j][y]
        double[] cur = d == 1 ? w : s0;
        int curOff = d == 1 ? p.weightOffset : 0;
        int firstLen = Math.toIntExact(p.stage(d - 1));
        java.util.Arrays.fill(cur, curOff, curOff + firstLen, 0.0);
        for (int j = 0; j < p.k; j++) {
            double c = theta[p.thetaOffset + j];
            int row = curOff + p.rowStart[j];
            int tab = p.lastFrequency[j] * nl;
            for (int y = 0; y < nl; y++) {
                cur[row + y] += c * tl[tab + y];
            }
        }
        // stages 2..d: expand axis a from b_a to n_a, out[q, y, :] = Σ_x T_a[x][y] · in[q, x, :],
        // i.e. for each q the product out[q] (n_a × post) = T_aᵀ (n_a × b_a) · in[q] (b_a × post)
        double[] other = s1;
        for (int a = d - 2; a >= 0; a--) {
            double[] dst = a == 0 ? w : other;
            int dstOff = a == 0 ? p.weightOffset : 0;
            int pre = p.pre(a);
            int post = p.post(a);
            int na = p.n[a];
            int ba = p.b[a];
            double[] ta = p.tables[a];
            boolean gemm = (long) na * ba * post >= gemmThreshold;
            for (int q = 0; q < pre; q++) {
                int src0 = curOff + q * ba * post;
                if (gemm) {
                    kernel.gemm(true, false, na, post, ba, ta, 0, na, cur, src0, post,
                            0.0, dst, dstOff + q * na * post, post);
                    continue;
                }
                for (int y = 0; y < na; y++) {
                    // coefficient of input row x is T_a[x][y] = ta[x·na + y]
                    combine(dst, dstOff + (q * na + y) * post, cur, src0, post, ta, y, na, ba, post);
                }
            }
            other = cur == w ? s0 : cur;
            cur = dst;
            curOff = dstOff;
        }
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        double[][] s = scratch.get();
        for (Plan p : plans) {
            if (!p.transformed) {
                for (int i = 0; i < p.size; i++) {
                    dTheta[p.thetaOffset + i] += dWeights[p.weightOffset + i]; // ∂W/∂θ = I
                }
            } else {
                forward(p, dWeights, dTheta, s[0], s[1]);
            }
        }
        return dTheta;
    }

    /**
     * Projects the weights on the kept coefficients: θ with {@code generate(θ)} closest to
     * {@code weights} in the least-squares sense (the forward DCT-II restricted to the kept
     * frequencies, biases searched directly copied). Exact when every coefficient is kept.
     *
     * @param weights not modified
     * @param theta   modified: overwritten
     * @return {@code theta}
     */
    public double[] encode(double[] weights, double[] theta) {
        java.util.Arrays.fill(theta, 0, parameterCount, 0.0);
        return backward(theta, weights, theta);
    }

    /** dθ_j += Σ_w dW[w] · ∂W[w]/∂θ_j: the DCT-II of dW at the kept frequencies. */
    private void forward(Plan p, double[] dw, double[] dTheta, double[] s0, double[] s1) {
        int d = p.d;
        double[] cur = dw;
        int curOff = p.weightOffset;
        double[] free = s0;
        // contract axes 0..d−2 from n_a to b_a: out[q, x, :] = Σ_y T_a[x][y] · in[q, y, :],
        // i.e. for each q the product out[q] (b_a × post) = T_a (b_a × n_a) · in[q] (n_a × post)
        for (int a = 0; a < d - 1; a++) {
            double[] dst = free;
            int pre = p.pre(a);
            int post = p.post(a);
            int na = p.n[a];
            int ba = p.b[a];
            double[] ta = p.tables[a];
            boolean gemm = (long) na * ba * post >= gemmThreshold;
            for (int q = 0; q < pre; q++) {
                int src0 = curOff + q * na * post;
                if (gemm) {
                    kernel.gemm(false, false, ba, post, na, ta, 0, na, cur, src0, post,
                            0.0, dst, q * ba * post, post);
                    continue;
                }
                for (int x = 0; x < ba; x++) {
                    // coefficient of input row y is T_a[x][y] = ta[x·na + y]
                    combine(dst, (q * ba + x) * post, cur, src0, post, ta, x * na, 1, na, post);
                }
            }
            free = cur == dw ? s1 : cur;
            cur = dst;
            curOff = 0;
        }
        int nl = p.n[d - 1];
        int bl = p.b[d - 1];
        double[] tl = p.tables[d - 1];
        int rows = p.pre(d - 1);
        // last axis. When the whole corner is not much more work than the k kept entries, one
        // product Z (rows × b_l) = inter (rows × n_l) · T_lᵀ and a gather (vectorised, where k
        // separate dot products are not); else dθ_j += Σ_y inter[rowStart_j + y] · T_l[u_j][y].
        if ((long) rows * bl * nl >= gemmThreshold && (long) rows * bl <= 4L * p.k) {
            kernel.gemm(false, true, rows, bl, nl, cur, curOff, nl, tl, 0, nl, 0.0, free, 0, bl);
            for (int j = 0; j < p.k; j++) {
                dTheta[p.thetaOffset + j] += free[p.rowStart[j] / nl * bl + p.lastFrequency[j]];
            }
            return;
        }
        for (int j = 0; j < p.k; j++) {
            int row = curOff + p.rowStart[j];
            int tab = p.lastFrequency[j] * nl;
            double sum = 0;
            for (int y = 0; y < nl; y++) {
                sum += cur[row + y] * tl[tab + y];
            }
            dTheta[p.thetaOffset + j] += sum;
        }
    }

    /**
     * The one hot loop: {@code dst[d + i] = Σ_t coef[c + t·cs] · src[s + t·ss + i]} for i &lt; len,
     * t &lt; terms (a weighted sum of rows). Four rows per pass, so the destination row is loaded
     * and stored a quarter as often; the inner loops are plain indexed loops the JIT vectorises.
     * {@code dst} and {@code src} are different arrays.
     */
    private static void combine(double[] dst, int d, double[] src, int s, int ss, double[] coef, int c, int cs,
                                int terms, int len) {
        int t;
        if (terms >= 4) {
            double c0 = coef[c];
            double c1 = coef[c + cs];
            double c2 = coef[c + 2 * cs];
            double c3 = coef[c + 3 * cs];
            int s0 = s;
            int s1 = s + ss;
            int s2 = s + 2 * ss;
            int s3 = s + 3 * ss;
            for (int i = 0; i < len; i++) {
                dst[d + i] = c0 * src[s0 + i] + c1 * src[s1 + i] + c2 * src[s2 + i] + c3 * src[s3 + i];
            }
            t = 4;
        } else {
            double c0 = coef[c];
            for (int i = 0; i < len; i++) {
                dst[d + i] = c0 * src[s + i];
            }
            t = 1;
        }
        for (; t + 4 <= terms; t += 4) {
            double c0 = coef[c + t * cs];
            double c1 = coef[c + (t + 1) * cs];
            double c2 = coef[c + (t + 2) * cs];
            double c3 = coef[c + (t + 3) * cs];
            int s0 = s + t * ss;
            int s1 = s0 + ss;
            int s2 = s1 + ss;
            int s3 = s2 + ss;
            for (int i = 0; i < len; i++) {
                dst[d + i] += c0 * src[s0 + i] + c1 * src[s1 + i] + c2 * src[s2 + i] + c3 * src[s3 + i];
            }
        }
        for (; t < terms; t++) {
            double c0 = coef[c + t * cs];
            int s0 = s + t * ss;
            for (int i = 0; i < len; i++) {
                dst[d + i] += c0 * src[s0 + i];
            }
        }
    }
}
