package io.hyperloom.search.task;

/**
 * Differentiable losses over a batch of network outputs, averaged over the batch.
 *
 * <p>{@link #SOFTMAX_CROSS_ENTROPY} expects softmax outputs and returns the gradient with respect
 * to the logits (y − t)/B, which is exact even where a probability underflows; train with
 * {@code TargetNetwork.backwardFromLogits}. {@link #MSE} returns dL/dy for
 * {@code TargetNetwork.backward}.
 */
public enum Loss {
    /** −Σ t·log y per sample, y the softmax output, t a distribution. */
    SOFTMAX_CROSS_ENTROPY,
    /** ½·Σ (y − t)² per sample. */
    MSE;

    /** Whether {@link #value}'s gradient is taken at the logits rather than the outputs. */
    public boolean gradientIsAtLogits() {
        return this == SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * The mean loss over {@code batch} rows of {@code n}; writes the gradient into {@code grad}.
     *
     * @param outputs not modified
     * @param targets not modified
     * @param grad    modified: the gradient of the mean loss
     */
    public double value(double[] outputs, double[] targets, int batch, int n, double[] grad) {
        double sum = 0;
        double inv = 1.0 / batch;
        int len = batch * n;
        switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> {
                for (int i = 0; i < len; i++) {
                    double t = targets[i];
                    if (t != 0) {
                        sum -= t * Math.log(Math.max(outputs[i], 1e-300));
                    }
                    grad[i] = (outputs[i] - t) * inv; // d/dlogits of CE∘softmax
                }
            }
            case MSE -> {
                for (int i = 0; i < len; i++) {
                    double d = outputs[i] - targets[i];
                    sum += 0.5 * d * d;
                    grad[i] = d * inv;
                }
            }
        }
        return sum * inv;
    }
}
