package io.hyperloom.hypernet.dynamic;

/**
 * Options of a HyperLSTM (Ha, Dai &amp; Le 2016, §3.2 and Appendix A.2).
 *
 * @param hyperUnits N_ĥ, units of the hyper LSTM
 * @param nz         N_z, size of each of the 12 embeddings (x, h, b for each of the 4 gates)
 * @param layerNorm  whether the hyper LSTM is layer-normalised (the main LSTM follows its architecture)
 * @param scaleInit  the initial row scale, 0.1 in the paper: the projections start at scaleInit/N_z
 *                   against embeddings of ones
 */
public record HyperLstmConfig(int hyperUnits, int nz, boolean layerNorm, double scaleInit) {

    public HyperLstmConfig {
        if (hyperUnits < 1 || nz < 1) {
            throw new IllegalArgumentException("hyperlstm needs hyper-units >= 1 and nz >= 1, got " + hyperUnits
                    + ", " + nz);
        }
        if (!(scaleInit > 0) || !Double.isFinite(scaleInit)) {
            throw new IllegalArgumentException("scale-init must be a finite number > 0, got " + scaleInit);
        }
    }
}
