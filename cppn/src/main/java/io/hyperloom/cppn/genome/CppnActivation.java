package io.hyperloom.cppn.genome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The activation functions a CPPN or NEAT node may carry. {@link #SIGMOID} is NEAT's steepened
 * logistic 1/(1+e^(-4.9x)) (Stanley &amp; Miikkulainen 2002); the bipolar variants map onto
 * [-1, 1]. Option values are the lower-case names with dashes ({@code bipolar-sigmoid}).
 */
public enum CppnActivation {
    SIGMOID,
    BIPOLAR_SIGMOID,
    TANH,
    SINE,
    /** e^(-x²). */
    GAUSSIAN,
    /** 2e^(-x²) − 1. */
    BIPOLAR_GAUSSIAN,
    ABS,
    IDENTITY,
    /** 1 for x &gt; 0, else 0; its derivative is taken as 0. */
    STEP,
    RELU;

    public double apply(double x) {
        return switch (this) {
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-4.9 * x));
            case BIPOLAR_SIGMOID -> 2.0 / (1.0 + Math.exp(-4.9 * x)) - 1.0;
            case TANH -> Math.tanh(x);
            case SINE -> Math.sin(x);
            case GAUSSIAN -> Math.exp(-x * x);
            case BIPOLAR_GAUSSIAN -> 2.0 * Math.exp(-x * x) - 1.0;
            case ABS -> Math.abs(x);
            case IDENTITY -> x;
            case STEP -> x > 0 ? 1.0 : 0.0;
            case RELU -> x > 0 ? x : 0.0;
        };
    }

    /** Applies the activation in place to {@code v[off .. off+n)}; the switch sits outside the loop. */
    public void applyInPlace(double[] v, int off, int n) {
        int end = off + n;
        switch (this) {
            case IDENTITY -> { }
            case SINE -> {
                for (int i = off; i < end; i++) {
                    v[i] = Math.sin(v[i]);
                }
            }
            case GAUSSIAN -> {
                for (int i = off; i < end; i++) {
                    v[i] = Math.exp(-v[i] * v[i]);
                }
            }
            case BIPOLAR_SIGMOID -> {
                for (int i = off; i < end; i++) {
                    v[i] = 2.0 / (1.0 + Math.exp(-4.9 * v[i])) - 1.0;
                }
            }
            case ABS -> {
                for (int i = off; i < end; i++) {
                    v[i] = Math.abs(v[i]);
                }
            }
            default -> {
                for (int i = off; i < end; i++) {
                    v[i] = apply(v[i]);
                }
            }
        }
    }

    /** dy/dx at input {@code x} with output {@code y = apply(x)}. */
    public double derivative(double x, double y) {
        return switch (this) {
            case SIGMOID -> 4.9 * y * (1.0 - y);
            case BIPOLAR_SIGMOID -> 4.9 * 0.5 * (1.0 + y) * (1.0 - y);
            case TANH -> 1.0 - y * y;
            case SINE -> Math.cos(x);
            case GAUSSIAN -> -2.0 * x * y;
            case BIPOLAR_GAUSSIAN -> -2.0 * x * (y + 1.0);
            case ABS -> x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
            case IDENTITY -> 1.0;
            case STEP -> 0.0;
            case RELU -> x > 0 ? 1.0 : 0.0;
        };
    }

    /** The option spelling, e.g. {@code bipolar-sigmoid}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the value and the allowed ones */
    public static CppnActivation parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CppnActivation a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; allowed: " + allNames());
    }

    /** A comma-separated list of activations, e.g. {@code sine,gaussian}. */
    public static List<CppnActivation> parseList(String list) {
        List<CppnActivation> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                CppnActivation a = parse(part);
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("an activation set needs at least one of: " + allNames());
        }
        return List.copyOf(out);
    }

    public static String allNames() {
        StringBuilder sb = new StringBuilder();
        for (CppnActivation a : values()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(a.optionName());
        }
        return sb.toString();
    }
}
