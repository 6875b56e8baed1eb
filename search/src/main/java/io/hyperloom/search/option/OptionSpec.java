package io.hyperloom.search.option;

import java.util.List;
import java.util.Objects;

/**
 * One named option of a task, generator or optimizer: its default and, for choices, the allowed
 * values. Shown by {@code hyperloom list}, so a spec can be written by hand.
 *
 * @param choices allowed values, or empty for free values of {@link #type()}
 */
public record OptionSpec(String name, Type type, String defaultValue, String description, List<String> choices) {

    /** How a value is parsed and checked. */
    public enum Type { INT, LONG, DOUBLE, BOOLEAN, STRING, CHOICE, INT_LIST }

    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (type == Type.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default " + defaultValue + " of " + name + " is not among " + choices);
        }
    }

    public static OptionSpec ofInt(String name, int def, String description) {
        return new OptionSpec(name, Type.INT, Integer.toString(def), description, List.of());
    }

    public static OptionSpec ofLong(String name, long def, String description) {
        return new OptionSpec(name, Type.LONG, Long.toString(def), description, List.of());
    }

    public static OptionSpec ofDouble(String name, double def, String description) {
        return new OptionSpec(name, Type.DOUBLE, Double.toString(def), description, List.of());
    }

    public static OptionSpec ofBoolean(String name, boolean def, String description) {
        return new OptionSpec(name, Type.BOOLEAN, Boolean.toString(def), description, List.of());
    }

    public static OptionSpec ofString(String name, String def, String description) {
        return new OptionSpec(name, Type.STRING, def, description, List.of());
    }

    public static OptionSpec ofChoice(String name, String def, String description, String... choices) {
        return new OptionSpec(name, Type.CHOICE, def, description, List.of(choices));
    }

    /** A comma-separated list of integers, e.g. layer widths {@code 16,16}; may be empty. */
    public static OptionSpec ofIntList(String name, String def, String description) {
        return new OptionSpec(name, Type.INT_LIST, def, description, List.of());
    }

    /**
     * Checks that {@code value} is valid for this option and returns it in canonical form.
     *
     * @throws IllegalArgumentException naming the option, the value and what is allowed
     */
    public String canonical(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.trim();
        try {
            return switch (type) {
                case INT -> Integer.toString(Integer.parseInt(v));
                case LONG -> Long.toString(Long.parseLong(v));
                case DOUBLE -> {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield Double.toString(d);
                }
                case BOOLEAN -> switch (v.toLowerCase()) {
                    case "true", "on", "yes", "1" -> "true";
                    case "false", "off", "no", "0" -> "false";
                    default -> throw new NumberFormatException();
                };
                case STRING -> v;
                case CHOICE -> {
                    if (!choices.contains(v)) {
                        throw new IllegalArgumentException("option " + name + ": '" + value
                                + "' is not one of " + String.join(", ", choices));
                    }
                    yield v;
                }
                case INT_LIST -> {
                    if (v.isEmpty()) {
                        yield "";
                    }
                    StringBuilder sb = new StringBuilder();
                    for (String part : v.split(",")) {
                        if (!sb.isEmpty()) {
                            sb.append(',');
                        }
                        sb.append(Integer.parseInt(part.trim()));
                    }
                    yield sb.toString();
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + ": '" + value + "' is not " + typeDescription());
        }
    }

    /** The kind of value, for messages and listings. */
    public String typeDescription() {
        return switch (type) {
            case INT -> "an integer";
            case LONG -> "an integer";
            case DOUBLE -> "a finite number";
            case BOOLEAN -> "true/false (on/off)";
            case STRING -> "a string";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a comma-separated list of integers";
        };
    }
}
