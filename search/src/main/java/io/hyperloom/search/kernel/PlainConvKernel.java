package io.hyperloom.search.kernel;

/** The obviously-correct twin of every {@link ConvKernel}: the definitions as nested loops. */
public final class PlainConvKernel implements ConvKernel {

    public static final PlainConvKernel INSTANCE = new PlainConvKernel();

    @Override
    public void correlate(int samples, int channels, int outChannels, int k, int oh, int ow,
                          double[] x, int xOff, int xSample, int xPlane, int xRow,
                          double[] w, int wOff, double[] y, int yOff, int ySample) {
        for (int s = 0; s < samples; s++) {
            int xs = xOff + s * xSample;
            for (int o = 0; o < outChannels; o++) {
                int yo = yOff + s * ySample + o * oh * ow;
                java.util.Arrays.fill(y, yo, yo + oh * ow, 0.0);
                for (int c = 0; c < channels; c++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            double wv = w[wOff + ((o * channels + c) * k + ky) * k + kx];
                            for (int oy = 0; oy < oh; oy++) {
                                int xr = xs + c * xPlane + (oy + ky) * xRow + kx;
                                int yr = yo + oy * ow;
                                for (int ox = 0; ox < ow; ox++) {
                                    y[yr + ox] += wv * x[xr + ox]; // y[o][oy][ox] += w·x[c][oy+ky][ox+kx]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void kernelGradient(int samples, int channels, int outChannels, int k, int oh, int ow,
                               double[] x, int xOff, int xSample, int xPlane, int xRow,
                               double[] dy, int dyOff, int dySample, double[] dw, int dwOff) {
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double sum = 0;
                        for (int s = 0; s < samples; s++) {
                            int xs = xOff + s * xSample + c * xPlane + ky * xRow + kx;
                            int ys = dyOff + s * dySample + o * oh * ow;
                            for (int oy = 0; oy < oh; oy++) {
                                for (int ox = 0; ox < ow; ox++) {
                                    sum += dy[ys + oy * ow + ox] * x[xs + oy * xRow + ox];
                                }
                            }
                        }
                        dw[dwOff + ((o * channels + c) * k + ky) * k + kx] += sum;
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "plain";
    }
}
