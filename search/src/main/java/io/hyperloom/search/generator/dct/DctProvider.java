package io.hyperloom.search.generator.dct;

import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;
import java.util.Locale;

/** Registers {@code dct}. */
public final class DctProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "dct";
    }

    @Override
    public String description() {
        return "k lowest DCT coefficients per weight tensor, W = inverse DCT (Koutník et al. 2010)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("coefficients", 64, "kept coefficients k per tensor (capped at the tensor's size); "
                        + "ignored when budget > 0"),
                OptionSpec.ofInt("budget", 0, "total coefficients split over tensors in proportion to their size "
                        + "(at least 1 each); 0 = use coefficients"),
                OptionSpec.ofChoice("biases", "direct", "biases searched element by element (direct) or as DCT "
                        + "coefficients like the weights (dct)", "direct", "dct"),
                OptionSpec.ofChoice("axes", "natural", "the view transformed: natural ([units, inputs], conv "
                        + "[out, in, k, k]) or sheets (dense as [target y, x, source y, x] over the substrate sheets)",
                        "natural", "sheets"),
                OptionSpec.ofChoice("init", "lecun", "initial coefficients drawn so the weights start at the "
                        + "root-mean-square of this rule: lecun, he, glorot, or zero", "lecun", "he", "glorot", "zero"),
                OptionSpec.ofDouble("scale", 0.5, "per-weight RMS step for evolution, as for direct; the θ step is "
                        + "scale·√(|W|/|θ|)"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options options) {
        int coefficients = options.intValue("coefficients");
        if (coefficients < 1) {
            throw new IllegalArgumentException("option coefficients: '" + coefficients + "' must be >= 1");
        }
        int budget = options.intValue("budget");
        if (budget < 0) {
            throw new IllegalArgumentException("option budget: '" + budget + "' must be >= 0 (0 = use coefficients)");
        }
        double scale = options.doubleValue("scale");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("option scale: '" + scale + "' must be > 0");
        }
        DctWeightGenerator g = new DctWeightGenerator(layout,
                DctWeightGenerator.Axes.valueOf(options.string("axes").toUpperCase(Locale.ROOT)),
                DctWeightGenerator.Biases.valueOf(options.string("biases").toUpperCase(Locale.ROOT)),
                coefficients, budget);
        return new DctFamily(g, Initialisation.valueOf(options.string("init").toUpperCase(Locale.ROOT)), scale);
    }
}
