package io.hyperloom.search.option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Resolved option values: every declared option present, in canonical string form, sorted by name
 * (so two equal option sets serialise identically). Immutable.
 */
public record Options(Map<String, String> values) {

    public static final Options EMPTY = new Options(Map.of());

    public Options {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Fills defaults for options not given and checks the given ones.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad value
     */
    public static Options resolve(String owner, List<OptionSpec> specs, Map<String, String> given) {
        Map<String, String> out = new TreeMap<>();
        for (OptionSpec s : specs) {
            out.put(s.name(), s.canonical(s.defaultValue()));
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            OptionSpec s = specs.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(owner + " has no option '" + e.getKey() + "'; its options are: "
                            + (specs.isEmpty() ? "(none)" : String.join(", ", specs.stream().map(OptionSpec::name).toList()))));
            out.put(s.name(), s.canonical(e.getValue()));
        }
        return new Options(out);
    }

    private String raw(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no option '" + name + "' (known: " + values.keySet() + ")");
        }
        return v;
    }

    public String string(String name) {
        return raw(name);
    }

    public int intValue(String name) {
        return Integer.parseInt(raw(name));
    }

    public long longValue(String name) {
        return Long.parseLong(raw(name));
    }

    public double doubleValue(String name) {
        return Double.parseDouble(raw(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(raw(name));
    }

    public int[] intList(String name) {
        String v = raw(name);
        if (v.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** A copy with one value replaced (not validated; use {@link #resolve} for user input). */
    public Options with(String name, String value) {
        Map<String, String> m = new TreeMap<>(values);
        m.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new Options(m);
    }

    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }
}
