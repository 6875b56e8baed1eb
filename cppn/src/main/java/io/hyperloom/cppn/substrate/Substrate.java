package io.hyperloom.cppn.substrate;

import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.net.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A target layout as HyperNEAT queries it: per tensor, the coordinates of its source and target
 * neurons and which CPPN outputs give its weights (see {@link SubstrateConfig}). Depends only on
 * the layout and the configuration, so a family builds it once. Immutable (arrays never escape).
 */
public final class Substrate {

    /** What a CPPN input slot carries. */
    enum Role { X1, Y1, Z1, X2, Y2, Z2, DEPTH, DISTANCE }

    /** One tensor's queries: element {@code t·sources + s} connects source s to target t. */
    static final class Query {
        final int offset;
        final int sources;
        final int targets;
        final boolean bias;
        final double depth;
        final double[] sx;
        final double[] sy;
        final double[] sz;
        final double[] tx;
        final double[] ty;
        final double[] tz;
        final int output;
        final int leo;

        Query(ParameterTensor t, int output, int leo) {
            offset = t.offset();
            bias = t.isBias();
            Shape src = t.source();
            sources = bias ? 1 : src.size();
            targets = t.target().size();
            depth = t.depth();
            sx = new double[sources];
            sy = new double[sources];
            sz = new double[sources];
            if (!bias) { // a bias is queried from source (0, 0, 0)
                for (int i = 0; i < sources; i++) {
                    sx[i] = src.x(i);
                    sy[i] = src.y(i);
                    sz[i] = src.z(i);
                }
            }
            tx = new double[targets];
            ty = new double[targets];
            tz = new double[targets];
            for (int i = 0; i < targets; i++) {
                tx[i] = t.target().x(i);
                ty[i] = t.target().y(i);
                tz[i] = t.target().z(i);
            }
            this.output = output;
            this.leo = leo;
        }
    }

    private final ParameterLayout layout;
    private final SubstrateConfig config;
    private final List<Query> queries;
    private final Role[] roles;
    private final int outputs;
    private final int maxSources;

    public Substrate(ParameterLayout layout, SubstrateConfig config) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.config = Objects.requireNonNull(config, "config");
        List<Role> r = new ArrayList<>(List.of(Role.X1, Role.Y1));
        if (config.z()) {
            r.add(Role.Z1);
        }
        r.addAll(List.of(Role.X2, Role.Y2));
        if (config.z()) {
            r.add(Role.Z2);
        }
        if (config.depth()) {
            r.add(Role.DEPTH);
        }
        if (config.distance()) {
            r.add(Role.DISTANCE);
        }
        roles = r.toArray(new Role[0]);
        List<ParameterTensor> tensors = layout.tensors();
        boolean leo = config.expression() == SubstrateConfig.Expression.LEO;
        List<Query> q = new ArrayList<>();
        int out;
        if (config.outputs() == SubstrateConfig.Outputs.PER_TENSOR) {
            int weightTensors = (int) tensors.stream().filter(t -> !t.isBias()).count();
            int nextLeo = tensors.size();
            for (int i = 0; i < tensors.size(); i++) {
                ParameterTensor t = tensors.get(i);
                q.add(new Query(t, i, leo && !t.isBias() ? nextLeo++ : -1));
            }
            out = tensors.size() + (leo ? weightTensors : 0);
        } else {
            boolean anyBias = tensors.stream().anyMatch(ParameterTensor::isBias);
            int biasOut = 1;
            int leoOut = anyBias ? 2 : 1;
            for (ParameterTensor t : tensors) {
                q.add(new Query(t, t.isBias() ? biasOut : 0, leo && !t.isBias() ? leoOut : -1));
            }
            out = leoOut + (leo ? 1 : 0);
        }
        queries = List.copyOf(q);
        outputs = out;
        maxSources = queries.stream().mapToInt(x -> x.sources).max().orElse(1);
    }

    public ParameterLayout layout() {
        return layout;
    }

    public SubstrateConfig config() {
        return config;
    }

    /** CPPN outputs a genome for this substrate needs. */
    public int outputCount() {
        return outputs;
    }

    /** Which CPPN outputs decide expression (LEO), for the breeder to give them their activation. */
    public List<Integer> leoOutputs() {
        return queries.stream().filter(q -> q.leo >= 0).map(q -> q.leo).distinct().toList();
    }

    List<Query> queries() {
        return queries;
    }

    Role role(int input) {
        return roles[input];
    }

    int maxSources() {
        return maxSources;
    }

    /** The CPPN input vector for one connection (or bias, with {@code s} ignored), for the slow paths. */
    double[] inputs(int tensor, int s, int t, double[] out) {
        Query q = queries.get(tensor);
        for (int i = 0; i < roles.length; i++) {
            out[i] = value(roles[i], q, s, t);
        }
        return out;
    }

    static double value(Role role, Query q, int s, int t) {
        return switch (role) {
            case X1 -> q.sx[s];
            case Y1 -> q.sy[s];
            case Z1 -> q.sz[s];
            case X2 -> q.tx[t];
            case Y2 -> q.ty[t];
            case Z2 -> q.tz[t];
            case DEPTH -> q.depth;
            case DISTANCE -> distance(q, s, t);
        };
    }

    /** √((x2−x1)² + (y2−y1)² + (z2−z1)²); z is 0 on single-channel sheets. */
    static double distance(Query q, int s, int t) {
        double dx = q.tx[t] - q.sx[s];
        double dy = q.ty[t] - q.sy[s];
        double dz = q.tz[t] - q.sz[s];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
