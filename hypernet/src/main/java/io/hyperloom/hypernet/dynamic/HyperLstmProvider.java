package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code hyperlstm}. */
public final class HyperLstmProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "hyperlstm";
    }

    @Override
    public String description() {
        return "HyperLSTM (Ha, Dai & Le 2016): a small LSTM emits per-step row scales of the main LSTM's weights; "
                + "for the lstm architecture (char-lm), trained by gradient (use adam's clip)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("hyper-units", 128, "units N_ĥ of the hyper LSTM"),
                OptionSpec.ofInt("nz", 4, "embedding size N_z (12 embeddings: x, h, b for each gate)"),
                OptionSpec.ofBoolean("layer-norm", false, "layer-normalised hyper LSTM (the main LSTM follows the task's "
                        + "layer-norm)"),
                OptionSpec.ofDouble("scale-init", 0.1, "initial row scale (paper: 0.1, via projections 0.1/N_z)"),
                OptionSpec.ofDouble("scale", 0.05, "per-coordinate scale for evolution (initial CMA-ES σ, GA mutation σ)"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options options) {
        HyperLstmConfig config = new HyperLstmConfig(options.intValue("hyper-units"), options.intValue("nz"),
                options.bool("layer-norm"), options.doubleValue("scale-init"));
        return new HyperLstmFamily(new HyperLstmGenerator(layout, config), options.doubleValue("scale"));
    }
}
