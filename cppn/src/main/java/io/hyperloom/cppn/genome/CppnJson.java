package io.hyperloom.cppn.genome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link CppnGenome}:
 * {@code {"nodes":[{"id":0,"type":"input","activation":"identity"},…],
 * "connections":[{"innovation":7,"source":0,"target":3,"weight":0.5,"enabled":true},…]}}.
 * Weights are written as JSON doubles, which round-trip exactly.
 */
public final class CppnJson {

    private CppnJson() {
    }

    public static JsonNode toJson(CppnGenome g) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (NodeGene n : g.nodes()) {
            nodes.addObject().put("id", n.id()).put("type", n.type().name().toLowerCase())
                    .put("activation", n.activation().optionName());
        }
        ArrayNode conns = root.putArray("connections");
        for (ConnectionGene c : g.connections()) {
            conns.addObject().put("innovation", c.innovation()).put("source", c.source()).put("target", c.target())
                    .put("weight", c.weight()).put("enabled", c.enabled());
        }
        return root;
    }

    /** @throws IllegalArgumentException if {@code json} is not a genome (message says what is wrong) */
    public static CppnGenome fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("nodes").isArray() || !json.path("connections").isArray()) {
            throw new IllegalArgumentException("a CPPN genome is an object with arrays 'nodes' and 'connections'");
        }
        List<NodeGene> nodes = new ArrayList<>();
        for (JsonNode n : json.get("nodes")) {
            String type = text(n, "type").toUpperCase();
            NodeGene.Type t;
            try {
                t = NodeGene.Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node type '" + type.toLowerCase()
                        + "' is not one of input, bias, hidden, output");
            }
            nodes.add(new NodeGene(integer(n, "id"), t, CppnActivation.parse(text(n, "activation"))));
        }
        List<ConnectionGene> conns = new ArrayList<>();
        for (JsonNode c : json.get("connections")) {
            if (!c.path("weight").isNumber() || !c.path("enabled").isBoolean() || !c.path("innovation").canConvertToLong()) {
                throw new IllegalArgumentException("connection needs numeric innovation and weight and boolean enabled: " + c);
            }
            conns.add(new ConnectionGene(c.get("innovation").asLong(), integer(c, "source"), integer(c, "target"),
                    c.get("weight").asDouble(), c.get("enabled").asBoolean()));
        }
        return new CppnGenome(nodes, conns);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "' in " + n);
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("missing integer field '" + field + "' in " + n);
        }
        return v.asInt();
    }
}
