package io.hyperloom.search.kernel;

/**
 * Stride-1 2-D correlation on padded planes, the seam through which convolutions run without
 * im2col: the forward pass, the input gradient (a correlation of the padded output gradient with
 * the flipped kernel) and the kernel gradient.
 *
 * <p>Views, for {@code samples} samples s, channels c, rows and columns:
 * <ul>
 *   <li>x (padded input): {@code x[xOff + s·xSample + c·xPlane + row·xRow + col]}; the kernel
 *       reads rows {@code oy+ky} and columns {@code ox+kx} for {@code oy < oh, ox < ow, ky, kx < k}.</li>
 *   <li>w (kernel, the layout of a conv weight tensor): {@code w[wOff + ((o·channels + c)·k + ky)·k + kx]}.</li>
 *   <li>y and dy (dense outputs): {@code y[yOff + s·ySample + (o·oh + oy)·ow + ox]}.</li>
 * </ul>
 * An implementation may read x past the last column a tile needs (and ignore what it read) as long
 * as it stays inside the array; callers that want the fast path leave {@link #SLACK} elements of
 * room after the last sample's last plane. Arrays other than the output are not modified.
 * Implementations keep only per-thread scratch, so one instance may be shared by threads; every
 * implementation must agree with {@link PlainConvKernel} up to rounding.
 */
public interface ConvKernel {

    /** Elements of room after the padded input that let a fast kernel use whole vectors at the right edge. */
    int SLACK = 64;

    /** {@code y[s][o][oy][ox] = Σ_{c,ky,kx} w[o][c][ky][kx] · x[s][c][oy+ky][ox+kx]} (overwrites y). */
    void correlate(int samples, int channels, int outChannels, int k, int oh, int ow,
                   double[] x, int xOff, int xSample, int xPlane, int xRow,
                   double[] w, int wOff, double[] y, int yOff, int ySample);

    /** {@code dw[o][c][ky][kx] += Σ_{s,oy,ox} dy[s][o][oy][ox] · x[s][c][oy+ky][ox+kx]}. */
    void kernelGradient(int samples, int channels, int outChannels, int k, int oh, int ow,
                        double[] x, int xOff, int xSample, int xPlane, int xRow,
                        double[] dy, int dyOff, int dySample, double[] dw, int dwOff);

    /** A short name for benchmark output. */
    String name();

    /** The fastest conv kernel this JVM supports. */
    static ConvKernel best() {
        return Kernels.bestConv();
    }
}
