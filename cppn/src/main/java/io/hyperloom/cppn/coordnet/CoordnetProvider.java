package io.hyperloom.cppn.coordnet;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.substrate.SubstrateConfig;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Registers {@code coordnet}: a fixed-topology coordinate hypernetwork (Ha et al. 2016, Appendix A.1). */
public final class CoordnetProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "coordnet";
    }

    @Override
    public String description() {
        return "coordinate hypernetwork: a fixed MLP over (x1, y1, x2, y2) generates chosen weight tensors, "
                + "trained by gradient (Ha et al. 2016, App. A.1); widths 25,25 = 801 parameters per tensor";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofString("widths", "25,25", "hidden widths of the coordinate MLP (25,25 with 4 inputs and "
                        + "a bias: 801 parameters, Ha et al.'s count)"),
                OptionSpec.ofString("activation", "tanh", "hidden activation, from: " + CppnActivation.allNames()),
                OptionSpec.ofString("generate", "largest", "generated weight tensors: largest, all-weights, or "
                        + "comma-separated names like l0.w; the rest are searched directly"),
                OptionSpec.ofBoolean("distance", false, "add the source–target distance as an input"),
                OptionSpec.ofChoice("init", "lecun", "rule for direct tensors and target RMS of generated ones",
                        "lecun", "he", "glorot"),
                OptionSpec.ofString("gain", "auto", "fixed factor on each generated tensor's CPPN output: auto = the "
                        + "tensor's init std (the CPPN then outputs values of order 1, which keeps Adam's steps "
                        + "proportionate), or a number > 0 (1 = the raw CPPN output)"),
                OptionSpec.ofDouble("input-scale", 1.0, "multiplies the initial std of first-layer weights (higher: "
                        + "finer initial patterns, e.g. for sine)"),
                OptionSpec.ofDouble("scale", 0.1, "per-coordinate scale for evolution (initial CMA-ES σ, GA mutation σ)"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options o) {
        int[] widths;
        try {
            String w = o.string("widths").trim();
            widths = w.isEmpty() ? new int[0] : Arrays.stream(w.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("widths '" + o.string("widths") + "' is not a comma-separated list of integers");
        }
        List<ParameterTensor> generated = selected(layout, o.string("generate"));
        CppnActivation act = CppnActivation.parse(o.string("activation"));
        SubstrateConfig config = new SubstrateConfig(false, false, o.bool("distance"), true,
                SubstrateConfig.Outputs.PER_TENSOR, SubstrateConfig.Expression.NONE, 0.0, 1.0, List.of(act),
                CppnActivation.IDENTITY);
        Initialisation init = Initialisation.valueOf(o.string("init").toUpperCase(Locale.ROOT));
        double[] gains = gains(generated, init, o.string("gain"));
        return new CoordnetFamily(new CoordnetWeightGenerator(layout, generated, config, widths, act, gains),
                init, o.doubleValue("input-scale"), o.doubleValue("scale"));
    }

    /** Per generated tensor, its gain: {@code auto} = init's std for it, else one number for all. */
    static double[] gains(List<ParameterTensor> generated, Initialisation init, String gain) {
        double[] g = new double[generated.size()];
        if (gain.trim().equals("auto")) {
            for (int i = 0; i < g.length; i++) {
                g[i] = init.std(generated.get(i));
            }
            return g;
        }
        double v;
        try {
            v = Double.parseDouble(gain.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gain '" + gain + "' must be auto or a number > 0");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("gain must be auto or a finite number > 0, got " + gain);
        }
        Arrays.fill(g, v);
        return g;
    }

    /** The generated tensors in layout order: largest, all-weights or a list of weight tensor names. */
    static List<ParameterTensor> selected(ParameterLayout layout, String generate) {
        List<ParameterTensor> weights = layout.weightTensors();
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("the layout has no weight tensor to generate");
        }
        if (generate.equals("largest")) {
            return List.of(weights.stream().max(Comparator.comparingInt(ParameterTensor::size)
                    .thenComparing(t -> -t.offset())).orElseThrow());
        }
        if (generate.equals("all-weights")) {
            return weights;
        }
        List<String> names = Arrays.stream(generate.split(",")).map(String::trim).toList();
        List<ParameterTensor> out = new ArrayList<>();
        for (String n : names) {
            if (weights.stream().noneMatch(t -> t.name().equals(n))) {
                throw new IllegalArgumentException("generate: '" + n + "' is not a weight tensor; choose largest, "
                        + "all-weights or names among " + weights.stream().map(ParameterTensor::name).toList());
            }
        }
        for (ParameterTensor t : weights) {
            if (names.contains(t.name())) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
