package io.hyperloom.search.generator.dct;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.ParametricFamily;
import io.hyperloom.search.net.ParameterTensor;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code dct} family: one {@link DctWeightGenerator} (its tables built once) and how θ starts.
 *
 * <p>Scales. The transform is orthonormal, so a tensor of N weights coded by k coefficients has
 * {@code Σ W² = Σ θ²} over its k coefficients. Drawing each of its coefficients from
 * N(0, σ²·N/k), with σ the standard deviation of the {@link Initialisation} rule, gives expected
 * energy N·σ², so the generated weights have the root-mean-square of that rule (though smooth,
 * not independent). Biases searched directly start at zero like the rule's; biases coded by DCT
 * too. For the same reason {@link #searchScale} is {@code scale·√(|W|/|θ|)}: an isotropic step of
 * that size in every θ coordinate changes the weights by {@code scale} in root-mean-square, the
 * meaning {@code scale} has for the {@code direct} family, so the two share option values.
 * Immutable.
 *
 * @param scale per-weight root-mean-square step of evolution, as for {@code direct}
 */
public record DctFamily(DctWeightGenerator generator, Initialisation init, double scale) implements ParametricFamily {

    public DctFamily {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(init, "init");
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number > 0, got " + scale);
        }
    }

    @Override
    public String name() {
        return "dct";
    }

    @Override
    public double[] initialTheta(RandomGenerator rng, double[] theta) {
        var codes = generator.codes();
        var tensors = layout().tensors();
        for (int i = 0; i < tensors.size(); i++) {
            ParameterTensor t = tensors.get(i);
            DctWeightGenerator.TensorCode c = codes.get(i);
            // coefficient std σ·√(N/k): the k coefficients carry the energy of N weights
            double s = init.std(t) * Math.sqrt((double) t.size() / c.count());
            for (int j = c.thetaOffset(); j < c.thetaOffset() + c.count(); j++) {
                theta[j] = s == 0 ? 0.0 : s * rng.nextGaussian();
            }
        }
        return theta;
    }

    @Override
    public double searchScale() {
        int p = generator.parameterCount();
        return p == 0 ? scale : scale * Math.sqrt((double) layout().weightCount() / p);
    }
}
