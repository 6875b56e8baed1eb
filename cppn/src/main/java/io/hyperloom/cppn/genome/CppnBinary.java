package io.hyperloom.cppn.genome;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of a {@link CppnGenome} for shipping between processes of one build (the
 * cluster's coordinator and workers), about a third of the JSON and read without text parsing:
 * a format byte, the node count, per node its id, type and activation (ordinals), the connection
 * count, per connection its innovation, source, target, weight (IEEE-754, exact) and enabled flag.
 * Ordinals tie the form to the build; the cluster checks that every member runs the same one. Not
 * for files: results store {@link CppnJson}.
 */
public final class CppnBinary {

    private static final byte FORMAT = 1;
    private static final NodeGene.Type[] TYPES = NodeGene.Type.values();
    private static final CppnActivation[] ACTIVATIONS = CppnActivation.values();

    private CppnBinary() {
    }

    public static byte[] toBytes(CppnGenome g) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 6 * g.nodes().size() + 25 * g.connections().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(g.nodes().size());
            for (NodeGene n : g.nodes()) {
                out.writeInt(n.id());
                out.writeByte(n.type().ordinal());
                out.writeByte(n.activation().ordinal());
            }
            out.writeInt(g.connections().size());
            for (ConnectionGene c : g.connections()) {
                out.writeLong(c.innovation());
                out.writeInt(c.source());
                out.writeInt(c.target());
                out.writeDouble(c.weight());
                out.writeBoolean(c.enabled());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} are not a genome as {@link #toBytes} writes it */
    public static CppnGenome fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("CPPN genome bytes of format " + format + ", expected " + FORMAT);
            }
            int nodeCount = count(in.readInt(), bytes.length, 6, "nodes");
            List<NodeGene> nodes = new ArrayList<>(nodeCount);
            for (int i = 0; i < nodeCount; i++) {
                int id = in.readInt();
                nodes.add(new NodeGene(id, ordinal(TYPES, in.readByte(), "node type"),
                        ordinal(ACTIVATIONS, in.readByte(), "activation")));
            }
            int connectionCount = count(in.readInt(), bytes.length, 25, "connections");
            List<ConnectionGene> connections = new ArrayList<>(connectionCount);
            for (int i = 0; i < connectionCount; i++) {
                connections.add(new ConnectionGene(in.readLong(), in.readInt(), in.readInt(), in.readDouble(),
                        in.readBoolean()));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("CPPN genome bytes have " + in.available() + " bytes past the genome");
            }
            return new CppnGenome(nodes, connections);
        } catch (EOFException e) {
            throw new IllegalArgumentException("CPPN genome bytes end early (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not throw
        }
    }

    private static int count(int n, int length, int bytesEach, String what) {
        if (n < 0 || (long) n * bytesEach > length) {
            throw new IllegalArgumentException("CPPN genome bytes claim " + n + " " + what + " in " + length + " bytes");
        }
        return n;
    }

    private static <T> T ordinal(T[] values, byte b, String what) {
        if (b < 0 || b >= values.length) {
            throw new IllegalArgumentException("CPPN genome bytes hold " + what + " #" + b + ", not one of " + values.length);
        }
        return values[b];
    }
}
