package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.kernel.MatrixKernel;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A static embedding hypernetwork (Ha, Dai and Le 2016, eq. 2): generated weight tensors are cut
 * into tiles, tile j has an embedding z_j of size N_z, and one shared two-layer linear network H
 * per basic tile shape makes every tile from its embedding; the other tensors are searched directly.
 *
 * <p>How it works:
 * <ol>
 *   <li>A weight tensor {@code [O, I, k, k]} (conv) or {@code [O, I]} (dense and recurrent, k = 1)
 *       is cut into tiles of {@code N_out × N_in} channels (or units × inputs), N_out = min(tileOut, O),
 *       N_in = min(tileIn, I), ⌈O/N_out⌉·⌈I/N_in⌉ of them, numbered row-major over (output block,
 *       input block). Tiles at the far edges that overhang the tensor are generated whole and cropped:
 *       the overhanging part is never written and gets no gradient.</li>
 *   <li>Tiles of the same basic shape (N_out, N_in, k) — across tensors too — share one H with
 *       parameters W_in (N_in·d × N_z, block i is the paper's W_i), B_in (N_in·d), W_out (R × d) and
 *       B_out (R), R = N_out·k·k. For tile j and input slice i:
 *       a_ji = W_i z_j + B_i and K_ji = W_out a_ji + B_out, where row r = (o·k + ky)·k + kx of K_ji is
 *       the tile's weight from input i to output o at offset (ky, kx). That is d(N_z+1)N_in + R(d+1)
 *       parameters, 4,240 for the 16→16 7×7 MNIST kernel with N_z = d = 4.</li>
 *   <li>For all T tiles of a shape at once this is two matrix products: A = Z·W_inᵀ + B_in
 *       (T × N_in·d, read as T·N_in rows of d) and K = A·W_outᵀ + B_out (T·N_in × R), then a scatter
 *       through a tile map computed once. The backward pass is hand-written: the gather of dK from dW,
 *       then dB_out = Σ rows of dK, dW_out = dKᵀA, dA = dK·W_out, dB_in = Σ rows of dA (as T × N_in·d),
 *       dW_in = dAᵀZ, dZ = dA·W_in — five products, all through {@link MatrixKernel}.</li>
 * </ol>
 *
 * <p>θ is laid out as: every shape's H (W_in, B_in, W_out, B_out, in order of the shapes' first
 * tensors), then every tile embedding (by shape, then tensor, then tile), then the direct tensors in
 * layout order.
 *
 * <p>Immutable and thread-safe; the tile maps are built in the constructor and the intermediate
 * matrices are per-thread scratch, so {@link #generate} and {@link #backward} allocate nothing in
 * steady state.
 */
public final class HypernetWeightGenerator implements WeightGenerator {

    /** One basic tile shape: its H, its tiles, and where each tile element lands in W. */
    private static final class Group {
        final int outTile;
        final int inTile;
        final int k;
        final int rows;        // R = N_out·k·k, the rows of W_out
        final int tiles;       // T
        final int wIn;         // θ offsets of H's parts
        final int bIn;
        final int wOut;
        final int bOut;
        final int z;           // θ offset of the first embedding
        final int[] map;       // (tile·N_in + i)·R + r → index into W, or −1 where the tile is cropped
        final List<Member> members;
        final double targetStd;

        Group(int outTile, int inTile, int k, int tiles, int hOffset, int nz, int d, int zOffset, int[] map,
              List<Member> members, double targetStd) {
            this.outTile = outTile;
            this.inTile = inTile;
            this.k = k;
            this.rows = outTile * k * k;
            this.tiles = tiles;
            this.wIn = hOffset;
            this.bIn = wIn + inTile * d * nz;
            this.wOut = bIn + inTile * d;
            this.bOut = wOut + rows * d;
            this.z = zOffset;
            this.map = map;
            this.members = List.copyOf(members);
            this.targetStd = targetStd;
        }

        int hypernetCount() {
            return bOut + rows - wIn;
        }
    }

    /** A generated tensor's place in its group: tiles [firstTile, firstTile + tiles) and the std it should start at. */
    private record Member(ParameterTensor tensor, int firstTile, int tiles, double std) {
    }

    /**
     * A directly searched tensor: θ[theta .. theta+size) is W[offset .. offset+size). Offset and size
     * are cached as ints because {@link ParameterTensor#size()} walks its shape list on every call.
     */
    private record Direct(ParameterTensor tensor, int theta, int offset, int size) {
    }

    /** Per-thread intermediates of each group: A (T·N_in × d), K or dK (T·N_in × R), dA. */
    private static final class Scratch {
        final double[][] a;
        final double[][] k;
        final double[][] da;

        Scratch(Group[] groups, int d) {
            a = new double[groups.length][];
            k = new double[groups.length][];
            da = new double[groups.length][];
            for (int g = 0; g < groups.length; g++) {
                a[g] = new double[groups[g].tiles * groups[g].inTile * d];
                k[g] = new double[groups[g].tiles * groups[g].inTile * groups[g].rows];
                da[g] = new double[a[g].length];
            }
        }
    }

    private final ParameterLayout layout;
    private final HypernetConfig config;
    private final MatrixKernel kernel;
    private final Group[] groups;
    private final Direct[] directs;
    private final List<ParameterTensor> generated;
    private final int hypernetCount;
    private final int embeddingCount;
    private final int directCount;
    private final ThreadLocal<Scratch> scratch;

    public HypernetWeightGenerator(ParameterLayout layout, HypernetConfig config) {
        this(layout, config, MatrixKernel.best());
    }

    /**
     * @throws IllegalArgumentException if {@code config} names tensors the layout lacks (see
     *                                  {@link HypernetConfig#selected})
     */
    public HypernetWeightGenerator(ParameterLayout layout, HypernetConfig config, MatrixKernel kernel) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.config = Objects.requireNonNull(config, "config");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.generated = config.selected(layout);
        int nz = config.nz();
        int d = config.d();

        // basic shapes in order of their first tensor
        Map<List<Integer>, List<ParameterTensor>> byShape = new LinkedHashMap<>();
        for (ParameterTensor t : generated) {
            byShape.computeIfAbsent(tileShape(t), s -> new ArrayList<>()).add(t);
        }
        int h = 0;
        int zCount = 0;
        int[] hOffsets = new int[byShape.size()];
        int[] tileCounts = new int[byShape.size()];
        int gi = 0;
        for (Map.Entry<List<Integer>, List<ParameterTensor>> e : byShape.entrySet()) {
            int outTile = e.getKey().get(0);
            int inTile = e.getKey().get(1);
            int k = e.getKey().get(2);
            hOffsets[gi] = h;
            h += d * (nz + 1) * inTile + outTile * k * k * (d + 1);
            for (ParameterTensor t : e.getValue()) {
                tileCounts[gi] += blocks(out(t), outTile) * blocks(in(t), inTile);
            }
            zCount += tileCounts[gi] * nz;
            gi++;
        }
        this.hypernetCount = h;
        this.embeddingCount = zCount;

        groups = new Group[byShape.size()];
        int zOffset = h;
        gi = 0;
        for (Map.Entry<List<Integer>, List<ParameterTensor>> e : byShape.entrySet()) {
            int outTile = e.getKey().get(0);
            int inTile = e.getKey().get(1);
            int k = e.getKey().get(2);
            int rows = outTile * k * k;
            int[] map = new int[tileCounts[gi] * inTile * rows];
            List<Member> members = new ArrayList<>();
            int tile = 0;
            double energy = 0;
            int elements = 0;
            for (ParameterTensor t : e.getValue()) {
                int first = tile;
                tile = fillMap(t, outTile, inTile, k, tile, map);
                double std = config.init().std(t);
                members.add(new Member(t, first, tile - first, std));
                energy += std * std * t.size();
                elements += t.size();
            }
            groups[gi] = new Group(outTile, inTile, k, tileCounts[gi], hOffsets[gi], nz, d, zOffset, map, members,
                    Math.sqrt(energy / elements));
            zOffset += tileCounts[gi] * nz;
            gi++;
        }

        List<Direct> ds = new ArrayList<>();
        int p = h + zCount;
        for (ParameterTensor t : layout.tensors()) {
            if (!generated.contains(t)) {
                ds.add(new Direct(t, p, t.offset(), t.size()));
                p += t.size();
            }
        }
        this.directs = ds.toArray(Direct[]::new);
        this.directCount = p - h - zCount;
        Group[] gs = groups;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(gs, d));
    }

    private static int out(ParameterTensor t) {
        return t.shape().get(0);
    }

    private static int in(ParameterTensor t) {
        return t.shape().get(1);
    }

    private static int kernelSize(ParameterTensor t) {
        return t.shape().size() == 4 ? t.shape().get(2) : 1;
    }

    private static int blocks(int extent, int tile) {
        return (extent + tile - 1) / tile;
    }

    private List<Integer> tileShape(ParameterTensor t) {
        if (t.shape().size() != 2 && !(t.shape().size() == 4 && t.shape().get(2).equals(t.shape().get(3)))) {
            throw new IllegalArgumentException("cannot tile tensor " + t.name() + " of shape " + t.shape()
                    + "; expected [units, inputs] or [out, in, k, k]");
        }
        return List.of(Math.min(config.tileOut(), out(t)), Math.min(config.tileIn(), in(t)), kernelSize(t));
    }

    /** Writes tensor {@code t}'s tiles into {@code map} from tile {@code tile} on; returns the next free tile. */
    private static int fillMap(ParameterTensor t, int outTile, int inTile, int k, int tile, int[] map) {
        int o = out(t);
        int in = in(t);
        int rows = outTile * k * k;
        for (int to = 0; to < blocks(o, outTile); to++) {
            for (int ti = 0; ti < blocks(in, inTile); ti++, tile++) {
                for (int i = 0; i < inTile; i++) {
                    int ig = ti * inTile + i;
                    for (int oo = 0; oo < outTile; oo++) {
                        int og = to * outTile + oo;
                        for (int kk = 0; kk < k * k; kk++) {
                            int r = oo * k * k + kk;
                            map[(tile * inTile + i) * rows + r] = og < o && ig < in
                                    ? t.offset() + (og * in + ig) * k * k + kk
                                    : -1;
                        }
                    }
                }
            }
        }
        return tile;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    public HypernetConfig config() {
        return config;
    }

    @Override
    public int parameterCount() {
        return hypernetCount + embeddingCount + directCount;
    }

    /** The parameters of all H networks. */
    public int hypernetCount() {
        return hypernetCount;
    }

    /** The embedding numbers of all tiles. */
    public int embeddingCount() {
        return embeddingCount;
    }

    /** The directly searched numbers (tensors not generated, biases included). */
    public int directCount() {
        return directCount;
    }

    /** The generated tensors, in layout order. */
    public List<ParameterTensor> generatedTensors() {
        return generated;
    }

    /** The number of tiles over all generated tensors. */
    public int tileCount() {
        return embeddingCount / config.nz();
    }

    @Override
    public Map<String, Integer> parameterParts() {
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("hypernet", hypernetCount);
        parts.put("embeddings", embeddingCount);
        parts.put("direct", directCount);
        return Collections.unmodifiableMap(parts);
    }

    @Override
    public double[] generate(double[] theta, double[] weights) {
        checkLengths(theta, weights);
        Scratch s = scratch.get();
        for (int g = 0; g < groups.length; g++) {
            Group gr = groups[g];
            double[] a = s.a[g];
            double[] k = s.k[g];
            hidden(gr, theta, a);
            int q = gr.tiles * gr.inTile;
            int rows = gr.rows;
            // K = A·W_outᵀ, then W[map] = K + B_out
            kernel.gemm(false, true, q, rows, config.d(), a, 0, config.d(), theta, gr.wOut, config.d(), 0.0, k, 0, rows);
            int[] map = gr.map;
            for (int row = 0; row < q; row++) {
                int base = row * rows;
                for (int r = 0; r < rows; r++) {
                    int idx = map[base + r];
                    if (idx >= 0) {
                        weights[idx] = k[base + r] + theta[gr.bOut + r];
                    }
                }
            }
        }
        for (Direct dt : directs) {
            System.arraycopy(theta, dt.theta(), weights, dt.offset(), dt.size());
        }
        return weights;
    }

    /** A = Z·W_inᵀ + B_in, T × N_in·d: row j holds a_j1 … a_jN_in. */
    private void hidden(Group gr, double[] theta, double[] a) {
        int nz = config.nz();
        int width = gr.inTile * config.d();
        kernel.gemm(false, true, gr.tiles, width, nz, theta, gr.z, nz, theta, gr.wIn, nz, 0.0, a, 0, width);
        for (int j = 0; j < gr.tiles; j++) {
            int base = j * width;
            for (int c = 0; c < width; c++) {
                a[base + c] += theta[gr.bIn + c];
            }
        }
    }

    @Override
    public double[] backward(double[] theta, double[] dWeights, double[] dTheta) {
        checkLengths(theta, dWeights);
        if (dTheta.length != parameterCount()) {
            throw new IllegalArgumentException("dTheta has length " + dTheta.length + ", expected " + parameterCount());
        }
        Scratch s = scratch.get();
        int d = config.d();
        int nz = config.nz();
        for (int g = 0; g < groups.length; g++) {
            Group gr = groups[g];
            double[] a = s.a[g];
            double[] dk = s.k[g];
            double[] da = s.da[g];
            hidden(gr, theta, a);
            int q = gr.tiles * gr.inTile;
            int rows = gr.rows;
            int[] map = gr.map;
            for (int e = 0; e < map.length; e++) {
                dk[e] = map[e] >= 0 ? dWeights[map[e]] : 0.0; // cropped elements get no gradient
            }
            for (int row = 0; row < q; row++) {
                int base = row * rows;
                for (int r = 0; r < rows; r++) {
                    dTheta[gr.bOut + r] += dk[base + r]; // dB_out = Σ_rows dK
                }
            }
            // dW_out += dKᵀ·A   (R × d)
            kernel.gemm(true, false, rows, d, q, dk, 0, rows, a, 0, d, 1.0, dTheta, gr.wOut, d);
            // dA = dK·W_out     (T·N_in × d)
            kernel.gemm(false, false, q, d, rows, dk, 0, rows, theta, gr.wOut, d, 0.0, da, 0, d);
            int width = gr.inTile * d;
            for (int j = 0; j < gr.tiles; j++) {
                int base = j * width;
                for (int c = 0; c < width; c++) {
                    dTheta[gr.bIn + c] += da[base + c]; // dB_in = Σ_tiles dA
                }
            }
            // dW_in += dAᵀ·Z    (N_in·d × N_z)
            kernel.gemm(true, false, width, nz, gr.tiles, da, 0, width, theta, gr.z, nz, 1.0, dTheta, gr.wIn, nz);
            // dZ += dA·W_in     (T × N_z)
            kernel.gemm(false, false, gr.tiles, nz, width, da, 0, width, theta, gr.wIn, nz, 1.0, dTheta, gr.z, nz);
        }
        for (Direct dt : directs) {
            int from = dt.offset();
            int to = dt.theta();
            int n = dt.size();
            for (int i = 0; i < n; i++) {
                dTheta[to + i] += dWeights[from + i]; // ∂W/∂θ = I on direct tensors
            }
        }
        return dTheta;
    }

    /**
     * Fills {@code theta} with the initial point.
     *
     * <p>Rule: let s_t = {@code init.std(t)} be the std the standard rule gives generated tensor t,
     * and s_g the element-weighted RMS of s_t over the tensors sharing one H. (1) B_in = B_out = 0,
     * W_in ~ N(0, 1/N_z), W_out ~ N(0, s_g²/d), z ~ N(0, I): then a = W_i z has unit variance per
     * component and each generated weight, a sum of d products of independent zero-mean terms, has
     * Var = d·(s_g²/d)·1 = s_g² in expectation. (2) That holds only on average over draws: with
     * N_z = d = 4 a single tile's scale carries a χ²₄-like spread (one 784-weight slice of a conv
     * tile can start at half or twice the intended std), so each embedding is then multiplied by
     * s_t / RMS(its tile's kept weights). With zero biases a tile is linear in its z, so after this
     * every tile has RMS exactly s_t: the scale the standard rule gives the target layer, per tile
     * and per tensor, also when tensors of different fan-in share one H. Direct tensors are drawn
     * from the rule itself; biases start at zero.
     *
     * @return {@code theta}
     */
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        return initialTheta(rng, theta, true);
    }

    /**
     * As {@link #initialTheta(RandomGenerator, double[])}, but with {@code drawH} false H is taken
     * as it stands in {@code theta[0 .. hypernetCount())} (a frozen H) and only the embeddings,
     * rescaled against that H, and the direct tensors are drawn.
     */
    public double[] initialTheta(RandomGenerator rng, double[] theta, boolean drawH) {
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + parameterCount());
        }
        int nz = config.nz();
        int d = config.d();
        Scratch s = scratch.get();
        for (int g = 0; g < groups.length; g++) {
            Group gr = groups[g];
            if (drawH) {
                fillNormal(theta, gr.wIn, gr.bIn, 1.0 / Math.sqrt(nz), rng);
                Arrays.fill(theta, gr.bIn, gr.wOut, 0.0);
                fillNormal(theta, gr.wOut, gr.bOut, gr.targetStd / Math.sqrt(d), rng);
                Arrays.fill(theta, gr.bOut, gr.bOut + gr.rows, 0.0);
            }
            fillNormal(theta, gr.z, gr.z + gr.tiles * nz, 1.0, rng);
            double[] a = s.a[g];
            double[] k = s.k[g];
            hidden(gr, theta, a);
            kernel.gemm(false, true, gr.tiles * gr.inTile, gr.rows, d, a, 0, d, theta, gr.wOut, d, 0.0, k, 0, gr.rows);
            int tileSize = gr.inTile * gr.rows;
            for (Member m : gr.members) {
                for (int j = m.firstTile(); j < m.firstTile() + m.tiles(); j++) {
                    double sq = 0;
                    int kept = 0;
                    for (int e = j * tileSize; e < (j + 1) * tileSize; e++) {
                        if (gr.map[e] >= 0) {
                            sq += k[e] * k[e];
                            kept++;
                        }
                    }
                    double rms = Math.sqrt(sq / kept);
                    double f = rms > 0 ? m.std() / rms : 1.0;
                    for (int c = 0; c < nz; c++) {
                        theta[gr.z + j * nz + c] *= f;
                    }
                }
            }
        }
        for (Direct dt : directs) {
            double std = config.init().std(dt.tensor());
            for (int i = 0; i < dt.size(); i++) {
                theta[dt.theta() + i] = std == 0 ? 0.0 : std * rng.nextGaussian();
            }
        }
        return theta;
    }

    private static void fillNormal(double[] x, int from, int to, double std, RandomGenerator rng) {
        for (int i = from; i < to; i++) {
            x[i] = std * rng.nextGaussian();
        }
    }

    private void checkLengths(double[] theta, double[] weights) {
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + parameterCount());
        }
        if (weights.length != layout.weightCount()) {
            throw new IllegalArgumentException("weights has length " + weights.length + ", expected " + layout.weightCount());
        }
    }

    @Override
    public String toString() {
        Set<String> names = new LinkedHashSet<>();
        for (ParameterTensor t : generated) {
            names.add(t.name());
        }
        return "hypernet[nz=" + config.nz() + ", d=" + config.d() + ", tiles=" + tileCount() + " of " + groups.length
                + " shape(s), generated " + names + ", |θ|=" + parameterCount() + " (" + parameterParts() + ")]";
    }
}
