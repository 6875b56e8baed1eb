package io.hyperloom.search.optimize.cmaes;

import io.hyperloom.search.optimize.Optimizer;
import io.hyperloom.search.optimize.OptimizerProvider;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/** Registers {@code cmaes}. */
public final class CmaesProvider implements OptimizerProvider {

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public String description() {
        return "CMA-ES (Hansen 2016) with IPOP restarts; full covariance, or separable/diagonal "
                + "(Ros & Hansen 2008) when |θ| > separable-above; a generation is evaluated in parallel";
    }

    @Override
    public List<OptionSpec> options() {
        CmaesOptimizer d = CmaesOptimizer.defaults();
        return List.of(
                OptionSpec.ofInt("lambda", d.lambda(), "population size λ of the first run; 0 = 4 + ⌊3 ln |θ|⌋; "
                        + "doubles at every restart"),
                OptionSpec.ofDouble("sigma", d.sigma(), "initial step size σ₀, in units of the generator's search scale"),
                OptionSpec.ofChoice("variant", "auto", "covariance model: full (O(|θ|²) per sample), separable "
                        + "(diagonal, O(|θ|)), or auto = separable when |θ| > separable-above", "auto", "full", "separable"),
                OptionSpec.ofInt("separable-above", d.separableAbove(), "|θ| above which variant auto is separable"),
                OptionSpec.ofInt("restarts", d.restarts(), "IPOP restarts (fresh start, doubled λ) when the "
                        + "search converges with budget left; 0 = none"),
                OptionSpec.ofBoolean("stagnation", d.stagnation(), "Hansen's TolStagnation: a run whose best and "
                        + "median fitness stopped improving over the last 20% of its generations (at least "
                        + "120 + 30|θ|/λ) counts as converged, so it restarts"),
                OptionSpec.ofDouble("tol-x", d.tolX(), "TolX relative to σ₀: a run whose every coordinate's step and "
                        + "evolution path fell below tol-x·σ₀ counts as converged, so it restarts (Hansen: 1e-12)"),
                OptionSpec.ofChoice("restart", "ipop", "restart strategy: ipop (each restart doubles λ) or bipop "
                        + "(Hansen 2009: IPOP runs alternate with small-population runs of σ₀·10^(−2U), budget shared "
                        + "evenly)", "ipop", "bipop"));
    }

    @Override
    public Optimizer create(Options options) {
        return new CmaesOptimizer(options.intValue("lambda"), options.doubleValue("sigma"),
                CmaesOptimizer.Variant.valueOf(options.string("variant").toUpperCase()),
                options.intValue("separable-above"), options.intValue("restarts"), options.bool("stagnation"),
                options.doubleValue("tol-x"), options.string("restart").equals("bipop"));
    }
}
