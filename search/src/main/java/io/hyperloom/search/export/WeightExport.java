package io.hyperloom.search.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a network's generated weights as one {@code .npy} per tensor ({@code l0.w.npy}, …, in
 * the tensor's natural shape: dense {@code [units, inputs]}, conv {@code [out, in, k, k]}, bias
 * {@code [units]}) plus {@code layout.json} naming each file, its role, shape and offset in the
 * flat buffer.
 */
public final class WeightExport {

    private WeightExport() {
    }

    /** @return the files written */
    public static List<Path> write(ParameterLayout layout, double[] weights, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        ArrayNode tensors = Json.MAPPER.createArrayNode();
        for (ParameterTensor t : layout.tensors()) {
            Path f = dir.resolve(t.name() + ".npy");
            Npy.write(f, weights, t.offset(), t.shapeArray());
            files.add(f);
            ObjectNode n = tensors.addObject();
            n.put("name", t.name());
            n.put("file", f.getFileName().toString());
            n.put("role", t.role().name().toLowerCase());
            n.put("layer", t.layer());
            ArrayNode shape = n.putArray("shape");
            t.shape().forEach(shape::add);
            n.put("offset", t.offset());
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("weight_count", layout.weightCount());
        root.put("dtype", "float64");
        root.put("order", "C");
        root.set("tensors", tensors);
        Path meta = dir.resolve("layout.json");
        Files.writeString(meta, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        files.add(meta);
        return files;
    }
}
