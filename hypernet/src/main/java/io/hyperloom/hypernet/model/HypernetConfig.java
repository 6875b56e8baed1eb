package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a hypernetwork generator.
 *
 * @param nz       N_z, the size of each tile's embedding z
 * @param d        the size of the hidden vectors a_i = W_i z + B_i
 * @param tileOut  output units (dense) or output channels (conv) per tile; clamped to the tensor's extent
 * @param tileIn   inputs (dense) or input channels (conv) per tile, N_in; clamped to the tensor's extent
 * @param generate which weight tensors are generated: {@value #LARGEST} (the largest weight tensor),
 *                 {@value #ALL_WEIGHTS} (every non-bias tensor) or comma-separated tensor names such as
 *                 {@code l2.w}; all other tensors are searched directly
 * @param init     the standard rule that sets the scale of the direct tensors and the target scale of
 *                 the generated ones
 */
public record HypernetConfig(int nz, int d, int tileOut, int tileIn, String generate, Initialisation init) {

    public static final String LARGEST = "largest";
    public static final String ALL_WEIGHTS = "all-weights";

    /** The paper's MNIST setting: N_z = d = 4, 16×16 channel tiles, only the largest kernel generated, LeCun scale. */
    public static final HypernetConfig DEFAULT = new HypernetConfig(4, 4, 16, 16, LARGEST, Initialisation.LECUN);

    public HypernetConfig {
        positive("nz", nz);
        positive("d", d);
        positive("tile out", tileOut);
        positive("tile in", tileIn);
        Objects.requireNonNull(generate, "generate");
        Objects.requireNonNull(init, "init");
        if (init == Initialisation.ZERO) {
            throw new IllegalArgumentException("init zero would generate all-zero weights that cannot learn; "
                    + "use lecun, he or glorot");
        }
        generate = generate.trim();
        if (generate.isEmpty()) {
            throw new IllegalArgumentException("generate is empty; use " + LARGEST + ", " + ALL_WEIGHTS
                    + " or comma-separated tensor names");
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /**
     * Parses a tile shape {@code OUTxIN} (e.g. {@code 16x16}, or a single {@code N} for N×N) into
     * {@code {out, in}}.
     *
     * @throws IllegalArgumentException naming the value and the allowed form
     */
    public static int[] parseTile(String tile) {
        String[] parts = tile.trim().toLowerCase().split("[x×]");
        try {
            int[] t = parts.length == 1
                    ? new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[0].trim())}
                    : parts.length == 2 ? new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())} : null;
            if (t != null && t[0] >= 1 && t[1] >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("tile '" + tile + "' is not OUTxIN with positive integers, e.g. 16x16");
    }

    /**
     * The generated tensors of {@code layout}, in layout order.
     *
     * @throws IllegalArgumentException for an unknown or bias tensor name (listing the weight tensors)
     */
    public List<ParameterTensor> selected(ParameterLayout layout) {
        List<ParameterTensor> weights = layout.weightTensors();
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("the layout has no weight tensor to generate");
        }
        if (generate.equals(LARGEST)) {
            return List.of(weights.stream().max(Comparator.comparingInt(ParameterTensor::size)
                    .thenComparing(t -> -t.offset())).orElseThrow());
        }
        if (generate.equals(ALL_WEIGHTS)) {
            return weights;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String n : generate.split(",")) {
            String name = n.trim();
            if (weights.stream().noneMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("generate: '" + name + "' is not a weight tensor; choose "
                        + LARGEST + ", " + ALL_WEIGHTS + " or names among " + weights.stream().map(ParameterTensor::name).toList());
            }
            names.add(name);
        }
        List<ParameterTensor> out = new ArrayList<>();
        for (ParameterTensor t : weights) {
            if (names.contains(t.name())) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
