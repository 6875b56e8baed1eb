package io.hyperloom.cppn.coordnet;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.ParameterTensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code coordnet} family: a coordinate hypernetwork of fixed topology, θ searched as a plain
 * vector (by Adam in Ha et al.'s setting). Immutable.
 *
 * @param generator   the fixed generator
 * @param init        the rule for direct tensors and the target scale of generated ones
 * @param inputScale  multiplies the initial std of weights leaving the coordinate inputs
 * @param searchScale per-coordinate scale for evolution
 */
public record CoordnetFamily(CoordnetWeightGenerator generator, Initialisation init, double inputScale,
                             double searchScale) implements ParametricFamily {

    public CoordnetFamily {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(init, "init");
        if (!(inputScale > 0) || !(searchScale > 0)) {
            throw new IllegalArgumentException("input-scale and scale must be > 0, got " + inputScale + " and " + searchScale);
        }
    }

    @Override
    public String name() {
        return "coordnet";
    }

    /**
     * The initial θ: every CPPN weight N(0, 1/fan-in of its target node) (× input-scale when it
     * leaves a coordinate input), then each output's bias shifted and incoming weights rescaled so the
     * generated tensor has mean 0 and std {@code init}'s std for it (the raw CPPN output std divided
     * by the tensor's gain); direct tensors drawn by {@code init}.
     */
    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        CppnGenome g = generator.genome();
        Map<Integer, Integer> fanIn = new HashMap<>();
        for (ConnectionGene c : g.connections()) {
            fanIn.merge(c.target(), 1, Integer::sum);
        }
        List<ConnectionGene> cs = g.connections();
        for (int i = 0; i < cs.size(); i++) {
            ConnectionGene c = cs.get(i);
            double s = 1.0 / Math.sqrt(fanIn.get(c.target()));
            if (g.node(c.source()).type() == NodeGene.Type.INPUT) {
                s *= inputScale;
            }
            theta[i] = s * rng.nextGaussian();
        }
        List<NodeGene> outputs = g.nodesOf(NodeGene.Type.OUTPUT);
        int bias = g.nodesOf(NodeGene.Type.BIAS).get(0).id();
        double[] sub = generator.generateSub(theta);
        int off = 0;
        List<ParameterTensor> gen = generator.generatedTensors();
        for (int o = 0; o < gen.size(); o++) {
            ParameterTensor t = gen.get(o);
            double sum = 0;
            double ss = 0;
            for (int i = off; i < off + t.size(); i++) {
                sum += sub[i];
                ss += sub[i] * sub[i];
            }
            off += t.size();
            double mean = sum / t.size();
            double std = Math.sqrt(Math.max(0.0, ss / t.size() - mean * mean));
            double factor = std > 0 ? init.std(t) / generator.gain(o) / std : 1.0;
            int id = outputs.get(o).id();
            for (int i = 0; i < cs.size(); i++) {
                if (cs.get(i).target() == id) {
                    if (cs.get(i).source() == bias) {
                        theta[i] -= mean; // the output is linear: a bias shift moves W's mean
                    }
                    theta[i] *= factor; // and scaling its incoming weights scales W
                }
            }
        }
        double[] w = new double[layout().weightCount()];
        int k = generator.cppnCount();
        for (ParameterTensor t : generator.directTensors()) {
            init.fill(t, rng, w);
            System.arraycopy(w, t.offset(), theta, k, t.size());
            k += t.size();
        }
        return theta;
    }

    /**
     * A fully connected CPPN: {@code inputs} coordinate inputs and a bias, hidden layers of
     * {@code widths} with {@code hidden} activation, {@code outputs} identity outputs; the bias
     * feeds every computed node. Weights are zero (θ carries them). Innovation order = layer order.
     */
    public static CppnGenome mlp(int inputs, int[] widths, int outputs, CppnActivation hidden) {
        CppnGenome.Builder b = CppnGenome.minimal(inputs, true, outputs, CppnActivation.IDENTITY);
        CppnGenome base = b.build();
        int bias = base.nodesOf(NodeGene.Type.BIAS).get(0).id();
        List<Integer> previous = base.nodesOf(NodeGene.Type.INPUT).stream().map(NodeGene::id).toList();
        int nextId = base.nodes().stream().mapToInt(NodeGene::id).max().orElseThrow() + 1;
        long innovation = 0;
        List<List<Integer>> layers = new ArrayList<>();
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("widths must be >= 1, got " + w);
            }
            List<Integer> layer = new ArrayList<>();
            for (int i = 0; i < w; i++) {
                b.node(new NodeGene(nextId, NodeGene.Type.HIDDEN, hidden));
                layer.add(nextId++);
            }
            layers.add(layer);
        }
        layers.add(base.nodesOf(NodeGene.Type.OUTPUT).stream().map(NodeGene::id).toList());
        for (List<Integer> layer : layers) {
            for (int t : layer) {
                for (int s : previous) {
                    b.connection(new ConnectionGene(innovation++, s, t, 0.0, true));
                }
                b.connection(new ConnectionGene(innovation++, bias, t, 0.0, true));
            }
            previous = layer;
        }
        return b.build();
    }
}
