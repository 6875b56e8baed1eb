package io.hyperloom.search.optimize;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The one source of random generators: every stream is derived from a run's seed, so results
 * do not depend on thread scheduling.
 */
public final class Seeds {

    /** A fixed algorithm, so a seed gives the same stream on every JDK. */
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of("L64X128MixRandom");

    private Seeds() {
    }

    public static RandomGenerator random(long seed) {
        return FACTORY.create(seed);
    }

    /** A seed for sub-stream {@code (a, b)} of {@code seed}: SplitMix64 finalisers, well mixed. */
    public static long derive(long seed, long a, long b) {
        return mix(mix(mix(seed) ^ a * 0x9E3779B97F4A7C15L) ^ b * 0xC2B2AE3D27D4EB4FL);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
