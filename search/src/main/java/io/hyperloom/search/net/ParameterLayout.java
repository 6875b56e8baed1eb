package io.hyperloom.search.net;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The ordered parameter tensors of an {@link Architecture} and their places in one flat
 * {@code double[]} weight buffer: the contract between weight generators and target networks.
 *
 * <p>Tensors are contiguous and in layer order (each layer's weight, then recurrent weight, then
 * bias), so {@code tensors().get(i).offset()} is the sum of the sizes before it. Immutable.
 */
public record ParameterLayout(List<ParameterTensor> tensors) {

    public ParameterLayout {
        tensors = List.copyOf(tensors);
        int expected = 0;
        for (ParameterTensor t : tensors) {
            if (t.offset() != expected) {
                throw new IllegalArgumentException("tensor " + t.name() + " at offset " + t.offset()
                        + " leaves a gap or overlap; expected " + expected);
            }
            expected = t.end();
        }
    }

    /** |W|, the length of the flat weight buffer. */
    public int weightCount() {
        return tensors.isEmpty() ? 0 : tensors.get(tensors.size() - 1).end();
    }

    public ParameterTensor tensor(String name) {
        Objects.requireNonNull(name, "name");
        for (ParameterTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new NoSuchElementException("no tensor named '" + name + "'; tensors are " + names());
    }

    public List<String> names() {
        return tensors.stream().map(ParameterTensor::name).toList();
    }

    /** The weight (non-bias) tensors, in order. */
    public List<ParameterTensor> weightTensors() {
        return tensors.stream().filter(t -> !t.isBias()).toList();
    }
}
