package io.hyperloom.search.net;

import java.util.List;
import java.util.Objects;

/**
 * One named parameter tensor of a target network: where it lies in the flat weight buffer, its
 * natural shape, and its geometry on the substrate.
 *
 * <p>Geometry: element {@code e} of a weight tensor connects source neuron {@code e % source.size()}
 * to target neuron {@code e / source.size()}. For dense and recurrent weights the source sheet is
 * the layer's input (recurrent: its own units) and the target sheet its units; for a conv kernel
 * the source sheet is the kernel window, {@code inChannels × k × k} (so its coordinates are the
 * offset (dx, dy) and the input channel), and the target sheet the output channels,
 * {@code outChannels × 1 × 1}. A bias has no source: element {@code e} belongs to target neuron
 * {@code e}. {@link #shape()} is the natural multi-dimensional shape, row-major, matching the flat
 * order: {@code [units, inputs]} for dense, {@code [out, in, k, k]} for conv, {@code [units]} for a
 * bias.
 *
 * @param layer index of the layer in its {@link Architecture}
 * @param depth the layer's position in the network, spread over [-1, 1] (first to last layer)
 */
public record ParameterTensor(String name, Role role, int layer, double depth, List<Integer> shape, int offset,
                              Shape source, Shape target) {

    /** What a tensor is for; recurrent weights are the U of an Elman layer. */
    public enum Role { WEIGHT, BIAS, RECURRENT }

    public ParameterTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(target, "target");
        shape = List.copyOf(shape);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if ((role == Role.BIAS) != (source == null)) {
            throw new IllegalArgumentException("a bias has no source sheet, a weight tensor has one: " + name);
        }
        int expected = role == Role.BIAS ? target.size() : target.size() * source.size();
        if (size(shape) != expected) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + shape + " does not match its sheets");
        }
    }

    private static int size(List<Integer> shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Number of elements. */
    public int size() {
        return size(shape);
    }

    /** One past the last index in the flat buffer. */
    public int end() {
        return offset + size();
    }

    public boolean isBias() {
        return role == Role.BIAS;
    }

    /** Fan-in of one target neuron: the source sheet's size (1 for a bias). */
    public int fanIn() {
        return source == null ? 1 : source.size();
    }

    /** The source neuron of element {@code e} (weights only). */
    public int sourceOf(int e) {
        return e % source.size();
    }

    /** The target neuron of element {@code e}. */
    public int targetOf(int e) {
        return source == null ? e : e / source.size();
    }

    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }
}
