package io.hyperloom.hypernet.model;

import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The obviously-correct twin of {@link HypernetWeightGenerator#generate}: eq. 2 of Ha et al. evaluated
 * weight by weight, a_i = W_i z + B_i and K_i = W_out a_i + B_out, reading θ in its documented layout.
 */
final class NaiveHypernet {

    private NaiveHypernet() {
    }

    static double[] generate(ParameterLayout layout, HypernetConfig c, double[] theta) {
        List<ParameterTensor> gen = c.selected(layout);
        int nz = c.nz();
        int d = c.d();
        Map<List<Integer>, List<ParameterTensor>> groups = new LinkedHashMap<>();
        for (ParameterTensor t : gen) {
            int k = t.shape().size() == 4 ? t.shape().get(2) : 1;
            groups.computeIfAbsent(List.of(Math.min(c.tileOut(), t.shape().get(0)), Math.min(c.tileIn(), t.shape().get(1)), k),
                    x -> new ArrayList<>()).add(t);
        }
        // H of every group first, then the embeddings
        Map<List<Integer>, Integer> hOffset = new LinkedHashMap<>();
        int p = 0;
        for (List<Integer> key : groups.keySet()) {
            hOffset.put(key, p);
            int nOut = key.get(0);
            int nIn = key.get(1);
            int k = key.get(2);
            p += nIn * d * nz + nIn * d + nOut * k * k * d + nOut * k * k;
        }
        double[] w = new double[layout.weightCount()];
        int zNext = p;
        for (Map.Entry<List<Integer>, List<ParameterTensor>> e : groups.entrySet()) {
            int nOut = e.getKey().get(0);
            int nIn = e.getKey().get(1);
            int k = e.getKey().get(2);
            int rows = nOut * k * k;
            int wIn = hOffset.get(e.getKey());
            int bIn = wIn + nIn * d * nz;
            int wOut = bIn + nIn * d;
            int bOut = wOut + rows * d;
            for (ParameterTensor t : e.getValue()) {
                int outs = t.shape().get(0);
                int ins = t.shape().get(1);
                int tilesIn = (ins + nIn - 1) / nIn;
                for (int o = 0; o < outs; o++) {
                    for (int i = 0; i < ins; i++) {
                        int tile = (o / nOut) * tilesIn + i / nIn;
                        int z = zNext + tile * nz;
                        int slice = i % nIn;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int r = ((o % nOut) * k + ky) * k + kx;
                                double kv = theta[bOut + r];
                                for (int h = 0; h < d; h++) {
                                    double a = theta[bIn + slice * d + h];
                                    for (int m = 0; m < nz; m++) {
                                        a += theta[wIn + (slice * d + h) * nz + m] * theta[z + m];
                                    }
                                    kv += theta[wOut + r * d + h] * a;
                                }
                                w[t.offset() + ((o * ins + i) * k + ky) * k + kx] = kv;
                            }
                        }
                    }
                }
                zNext += ((outs + nOut - 1) / nOut) * tilesIn * nz;
            }
        }
        for (ParameterTensor t : layout.tensors()) {
            if (!gen.contains(t)) {
                System.arraycopy(theta, zNext, w, t.offset(), t.size());
                zNext += t.size();
            }
        }
        return w;
    }
}
