package io.hyperloom.search.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 correlation on {@code jdk.incubator.vector} without im2col: the fast {@link ConvKernel},
 * with {@link PlainConvKernel} as its obviously-correct twin.
 *
 * <p>How it works. Both passes are the register tile of {@link VectorKernel}'s micro-kernel
 * (MR × 2 vectors of accumulators, one broadcast times two vectors per step), but the operand that
 * im2col would have materialised is read straight from the padded input through a table of
 * offsets, {@code off[(c·k + ky)·k + kx] = c·xPlane + ky·xRow + kx}:
 * <ol>
 * <li>{@link #correlate}: a tile is MR output channels × NR = 2L neighbouring columns of one output
 *     row. For every kernel position p it loads the two vectors {@code x[base + off[p] .. + NR)}
 *     (base = that row's first column; unaligned, from L1) and broadcasts MR weights from the
 *     kernel, packed once per call p-major per block of MR channels. Columns past the row's end
 *     are computed and dropped; a tile that would read past the array's end is done in scalar.</li>
 * <li>{@link #kernelGradient}: a tile is MR = 8 kernel positions × NR output channels (the lanes);
 *     for every output pixel it loads dy[·][pixel] for NR channels (dy repacked pixel-major per
 *     block of NR channels, one sample at a time) and broadcasts the 8 inputs {@code x[pixel + off[p]]}. Tiles are
 *     summed over samples into a p-major scratch and added to dw once per call.</li>
 * </ol>
 * Thread-safe: packing buffers and tables are per-thread scratch, grown on demand and reused.
 */
public final class VectorConvKernel implements ConvKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        double[] packed = new double[0];
        double[] sums = new double[0];
        int[] off = new int[0];
        final double[] tile = new double[MR * NR];
    }

    @Override
    public void correlate(int samples, int channels, int outChannels, int k, int oh, int ow,
                          double[] x, int xOff, int xSample, int xPlane, int xRow,
                          double[] w, int wOff, double[] y, int yOff, int ySample) {
        int q = channels * k * k;
        Scratch sc = SCRATCH.get();
        int maxOff = offsets(sc, channels, k, xPlane, xRow, q);
        int blocks = (outChannels + MR - 1) / MR;
        if (sc.packed.length < blocks * q * MR) {
            sc.packed = new double[blocks * q * MR];
        }
        double[] kp = sc.packed;
        // kp[(b·q + p)·MR + i] = w[b·MR + i][p], zero past the last channel
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < MR; i++) {
                int o = b * MR + i;
                for (int p = 0; p < q; p++) {
                    kp[(b * q + p) * MR + i] = o < outChannels ? w[wOff + o * q + p] : 0.0;
                }
            }
        }
        int[] off = sc.off;
        double[] tile = sc.tile;
        int plane = oh * ow;
        for (int s = 0; s < samples; s++) {
            for (int b = 0; b < blocks; b++) {
                int rows = Math.min(MR, outChannels - b * MR);
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox += NR) {
                        int base = xOff + s * xSample + oy * xRow + ox;
                        int cols = Math.min(NR, ow - ox);
                        if (base + maxOff + NR <= x.length) {
                            correlateTile(q, kp, b * q * MR, x, base, off, tile);
                        } else {
                            correlateTileScalar(q, kp, b * q * MR, x, base, off, cols, tile);
                        }
                        int yo = yOff + s * ySample + (b * MR * oh + oy) * ow + ox;
                        for (int i = 0; i < rows; i++) {
                            System.arraycopy(tile, i * NR, y, yo + i * plane, cols);
                        }
                    }
                }
            }
        }
    }

    /** off[p] for every kernel position; returns the largest. */
    private static int offsets(Scratch sc, int channels, int k, int xPlane, int xRow, int q) {
        if (sc.off.length < q + MR) {
            sc.off = new int[q + MR];
        }
        int[] off = sc.off;
        int max = 0;
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    int o = c * xPlane + ky * xRow + kx;
                    off[(c * k + ky) * k + kx] = o;
                    max = Math.max(max, o);
                }
            }
        }
        // positions past the last (a partial block in kernelGradient) read p = 0 and are dropped
        for (int p = q; p < q + MR; p++) {
            off[p] = 0;
        }
        return max;
    }

    /** tile[i][j] = Σ_p kp[a + p·MR + i] · x[base + off[p] + j], j < NR. */
    private static void correlateTile(int q, double[] kp, int a, double[] x, int base, int[] off, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int pa = a;
        for (int p = 0; p < q; p++, pa += MR) {
            int pb = base + off[p];
            DoubleVector b0 = DoubleVector.fromArray(S, x, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, x, pb + L);
            DoubleVector v = DoubleVector.broadcast(S, kp[pa]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = DoubleVector.broadcast(S, kp[pa + 1]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = DoubleVector.broadcast(S, kp[pa + 2]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = DoubleVector.broadcast(S, kp[pa + 3]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = DoubleVector.broadcast(S, kp[pa + 4]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = DoubleVector.broadcast(S, kp[pa + 5]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
            v = DoubleVector.broadcast(S, kp[pa + 6]);
            c60 = v.fma(b0, c60);
            c61 = v.fma(b1, c61);
            v = DoubleVector.broadcast(S, kp[pa + 7]);
            c70 = v.fma(b0, c70);
            c71 = v.fma(b1, c71);
        }
        store(tile, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71);
    }

    private static void correlateTileScalar(int q, double[] kp, int a, double[] x, int base, int[] off, int cols,
                                            double[] tile) {
        for (int i = 0; i < MR; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int p = 0; p < q; p++) {
                    sum += kp[a + p * MR + i] * x[base + off[p] + j];
                }
                tile[i * NR + j] = sum;
            }
        }
    }

    private static void store(double[] tile, DoubleVector c00, DoubleVector c01, DoubleVector c10, DoubleVector c11,
                              DoubleVector c20, DoubleVector c21, DoubleVector c30, DoubleVector c31,
                              DoubleVector c40, DoubleVector c41, DoubleVector c50, DoubleVector c51,
                              DoubleVector c60, DoubleVector c61, DoubleVector c70, DoubleVector c71) {
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    @Override
    public void kernelGradient(int samples, int channels, int outChannels, int k, int oh, int ow,
                               double[] x, int xOff, int xSample, int xPlane, int xRow,
                               double[] dy, int dyOff, int dySample, double[] dw, int dwOff) {
        int q = channels * k * k;
        int qPad = (q + MR - 1) / MR * MR;
        int plane = oh * ow;
        Scratch sc = SCRATCH.get();
        offsets(sc, channels, k, xPlane, xRow, q);
        int[] off = sc.off;
        double[] tile = sc.tile;
        if (sc.packed.length < plane * NR) {
            sc.packed = new double[plane * NR];
        }
        if (sc.sums.length < qPad * NR) {
            sc.sums = new double[qPad * NR];
        }
        double[] d = sc.packed;
        double[] sums = sc.sums;
        for (int ob = 0; ob < outChannels; ob += NR) {
            int lanes = Math.min(NR, outChannels - ob);
            java.util.Arrays.fill(sums, 0, qPad * NR, 0.0);
            for (int s = 0; s < samples; s++) {
                // d[pixel·NR + j] = dy[s][ob + j][pixel], zero past the last channel (packed per sample: stays in L2)
                for (int j = 0; j < NR; j++) {
                    int src = dyOff + s * dySample + (ob + j) * plane;
                    for (int px = 0; px < plane; px++) {
                        d[px * NR + j] = j < lanes ? dy[src + px] : 0.0;
                    }
                }
                int xs = xOff + s * xSample;
                for (int p = 0; p < q; p += MR) {
                    gradientTile(oh, ow, xRow, x, xs, off, p, d, 0, tile);
                    for (int t = 0; t < MR * NR; t += L) {
                        DoubleVector.fromArray(S, tile, t).add(DoubleVector.fromArray(S, sums, p * NR + t))
                                .intoArray(sums, p * NR + t);
                    }
                }
            }
            for (int j = 0; j < lanes; j++) {
                int o = dwOff + (ob + j) * q;
                for (int p = 0; p < q; p++) {
                    dw[o + p] += sums[p * NR + j];
                }
            }
        }
    }

    /** tile[i][j] = Σ_{oy,ox} x[xs + off[p0+i] + oy·xRow + ox] · d[da + (oy·ow + ox)·NR + j]. */
    private static void gradientTile(int oh, int ow, int xRow, double[] x, int xs, int[] off, int p0,
                                     double[] d, int da, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int x0 = xs + off[p0], x1 = xs + off[p0 + 1], x2 = xs + off[p0 + 2], x3 = xs + off[p0 + 3];
        int x4 = xs + off[p0 + 4], x5 = xs + off[p0 + 5], x6 = xs + off[p0 + 6], x7 = xs + off[p0 + 7];
        int pd = da;
        for (int oy = 0; oy < oh; oy++) {
            int r = oy * xRow;
            for (int ox = 0; ox < ow; ox++, pd += NR) {
                int i = r + ox;
                DoubleVector a0 = DoubleVector.fromArray(S, d, pd);
                DoubleVector a1 = DoubleVector.fromArray(S, d, pd + L);
                DoubleVector v = DoubleVector.broadcast(S, x[x0 + i]);
                c00 = v.fma(a0, c00);
                c01 = v.fma(a1, c01);
                v = DoubleVector.broadcast(S, x[x1 + i]);
                c10 = v.fma(a0, c10);
                c11 = v.fma(a1, c11);
                v = DoubleVector.broadcast(S, x[x2 + i]);
                c20 = v.fma(a0, c20);
                c21 = v.fma(a1, c21);
                v = DoubleVector.broadcast(S, x[x3 + i]);
                c30 = v.fma(a0, c30);
                c31 = v.fma(a1, c31);
                v = DoubleVector.broadcast(S, x[x4 + i]);
                c40 = v.fma(a0, c40);
                c41 = v.fma(a1, c41);
                v = DoubleVector.broadcast(S, x[x5 + i]);
                c50 = v.fma(a0, c50);
                c51 = v.fma(a1, c51);
                v = DoubleVector.broadcast(S, x[x6 + i]);
                c60 = v.fma(a0, c60);
                c61 = v.fma(a1, c61);
                v = DoubleVector.broadcast(S, x[x7 + i]);
                c70 = v.fma(a0, c70);
                c71 = v.fma(a1, c71);
            }
        }
        store(tile, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71);
    }

    @Override
    public String name() {
        return "vector-conv-" + S.vectorBitSize();
    }
}
