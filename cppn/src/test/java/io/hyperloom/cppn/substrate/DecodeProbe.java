package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.search.task.boxes.BoxesTask;

/** Probe (not a test): decode time of a 55×55 boxes substrate from a random ~20-node CPPN. */
public class DecodeProbe {
    public static void main(String[] args) {
        CppnFamily f = new CppnFamily(new BoxesTask(55, 0).architecture().layout(), SubstrateConfig.defaults());
        CppnGenome g = Genomes.random(f, 5, Integer.parseInt(args.length > 0 ? args[0] : "40"));
        double[] w = new double[f.layout().weightCount()];
        System.out.println("nodes " + g.nodes().size() + " connections " + g.enabledCount());
        for (int r = 0; r < 4; r++) {
            long t0 = System.nanoTime();
            f.generator(g).generate(g.theta(), w);
            System.out.printf("decode %.3f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
