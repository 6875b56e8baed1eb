package io.hyperloom.search.experiment.stats;

import io.hyperloom.search.optimize.Seeds;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatisticsTest {

    private static final double EXACT = 1e-12;

    @Test
    void quantilesFollowTypeSeven() {
        double[] x = {4, 1, 3, 2};
        assertEquals(2.5, Quantiles.median(x), EXACT);
        assertEquals(1.75, Quantiles.quantile(x, 0.25), EXACT); // R: quantile(1:4)
        assertEquals(3.25, Quantiles.quantile(x, 0.75), EXACT);
        assertEquals(1.5, Quantiles.iqr(x), EXACT);
        assertEquals(3, Quantiles.median(new double[] {5, 3, 1}), EXACT);
        assertEquals(7, Quantiles.median(new double[] {7}), EXACT);
        assertArrayEquals(new double[] {4, 1, 3, 2}, x, "input untouched");
        assertThrows(IllegalArgumentException.class, () -> Quantiles.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.median(new double[] {1, Double.NaN}));
    }

    @Test
    void holmMatchesHandComputedVector() {
        // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, EXACT);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.9}), EXACT);
        assertArrayEquals(new double[] {0.2}, Holm.adjust(new double[] {0.2}), EXACT);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.5}));
    }

    @Test
    void a12OfKnownSamples() {
        assertEquals(0.5, EffectSize.a12(new double[] {1, 2, 3}, new double[] {1, 2, 3}), EXACT);
        assertEquals(1.0, EffectSize.a12(new double[] {4, 5, 6}, new double[] {1, 2, 3}), EXACT);
        assertEquals(0.0, EffectSize.a12(new double[] {1, 2, 3}, new double[] {4, 5, 6}), EXACT);
        assertEquals(0.875, EffectSize.a12(new double[] {2, 3}, new double[] {1, 2}), EXACT); // (1.5 + 2) / 4
        assertEquals(0.5, EffectSize.a12(new double[] {7, 7}, new double[] {7}), EXACT);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void a12MatchesNaivePairCount(long seed) {
        RandomGenerator r = Seeds.random(seed);
        double[] x = ints(r, 1 + r.nextInt(9), 5);
        double[] y = ints(r, 1 + r.nextInt(9), 5);
        double wins = 0;
        for (double a : x) {
            for (double b : y) {
                wins += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        assertEquals(wins / (x.length * y.length), EffectSize.a12(x, y), EXACT);
    }

    @Test
    void magnitudeLabelsUseConventionalThresholds() {
        assertEquals(EffectSize.Magnitude.NEGLIGIBLE, EffectSize.magnitude(0.5));
        assertEquals(EffectSize.Magnitude.NEGLIGIBLE, EffectSize.magnitude(0.55));
        assertEquals(EffectSize.Magnitude.SMALL, EffectSize.magnitude(0.56));
        assertEquals(EffectSize.Magnitude.SMALL, EffectSize.magnitude(0.41));
        assertEquals(EffectSize.Magnitude.MEDIUM, EffectSize.magnitude(0.36));
        assertEquals(EffectSize.Magnitude.MEDIUM, EffectSize.magnitude(0.70));
        assertEquals(EffectSize.Magnitude.LARGE, EffectSize.magnitude(0.71));
        assertEquals(EffectSize.Magnitude.LARGE, EffectSize.magnitude(0.0));
        assertEquals("large", EffectSize.Magnitude.LARGE.label());
    }

    @Test
    void exactMannWhitneyOfTinySamples() {
        // Fully separated 3 vs 3: 2 of C(6,3) = 20 arrangements are as extreme, R's wilcox.test gives 0.1.
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertTrue(r.exact());
        assertEquals(0.1, r.p(), EXACT);
        assertEquals(0.0, r.u(), EXACT);
        // 5 vs 5 separated: 2 / C(10,5) = 2/252.
        assertEquals(2.0 / 252, MannWhitney.test(new double[] {6, 7, 8, 9, 10}, new double[] {1, 2, 3, 4, 5}).p(), EXACT);
        // R: wilcox.test(c(1,3,5), c(2,4,6,8))$p.value = 0.4
        assertEquals(0.4, MannWhitney.test(new double[] {1, 3, 5}, new double[] {2, 4, 6, 8}).p(), EXACT);
        assertEquals(1.0, MannWhitney.test(new double[] {2, 2}, new double[] {2, 2, 2}).p(), EXACT);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void exactMannWhitneyWithTiesMatchesFullEnumeration(long seed) {
        RandomGenerator r = Seeds.random(seed);
        double[] x = ints(r, 1 + r.nextInt(6), 4);
        double[] y = ints(r, 1 + r.nextInt(7), 4);
        assertEquals(enumeratedP(x, y), MannWhitney.exactP(x, y), 1e-12);
    }

    @Test
    void largeSamplesUseCommonsMathApproximation() {
        RandomGenerator r = Seeds.random(3);
        double[] x = ints(r, 25, 100);
        double[] y = ints(r, 30, 100);
        MannWhitney.Result res = MannWhitney.test(x, y);
        assertFalse(res.exact());
        assertEquals(new MannWhitneyUTest().mannWhitneyUTest(x, y), res.p(), EXACT);
    }

    @Test
    void bootstrapIntervalIsSeededAndCoversTheMedian() {
        double[] x = {0.1, 0.4, 0.35, 0.8, 0.5, 0.55, 0.6};
        Interval a = Bootstrap.medianInterval(x, 0.95, 2_000, Seeds.random(9));
        Interval b = Bootstrap.medianInterval(new double[] {0.8, 0.1, 0.4, 0.35, 0.5, 0.55, 0.6}, 0.95, 2_000,
                Seeds.random(9));
        assertEquals(a, b, "same seed, same values in another order: same interval");
        assertTrue(a.contains(Quantiles.median(x)));
        assertTrue(a.low() >= 0.1 && a.high() <= 0.8, "inside the sample range");
        assertEquals(new Interval(3, 3), Bootstrap.medianInterval(new double[] {3, 3, 3}, 0.95, 100, Seeds.random(1)));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.medianInterval(x, 1.0, 10, Seeds.random(1)));
    }

    /** Naive twin: every n-subset of the pooled mid-ranks, the same two-sided rule. */
    private static double enumeratedP(double[] x, double[] y) {
        int n = x.length;
        int big = n + y.length;
        double[] pooled = new double[big];
        System.arraycopy(x, 0, pooled, 0, n);
        System.arraycopy(y, 0, pooled, n, y.length);
        double[] rank = new double[big];
        for (int i = 0; i < big; i++) {
            double less = 0;
            double equal = 0;
            for (int j = 0; j < big; j++) {
                less += pooled[j] < pooled[i] ? 1 : 0;
                equal += pooled[j] == pooled[i] ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2;
        }
        double observed = 0;
        for (int i = 0; i < n; i++) {
            observed += rank[i];
        }
        double mean = n * (big + 1) / 2.0;
        int extreme = 0;
        int all = 0;
        for (int mask = 0; mask < (1 << big); mask++) {
            if (Integer.bitCount(mask) != n) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < big; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += rank[i];
                }
            }
            all++;
            if (Math.abs(sum - mean) >= Math.abs(observed - mean) - 1e-9) {
                extreme++;
            }
        }
        return (double) extreme / all;
    }

    private static double[] ints(RandomGenerator r, int n, int bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }
}
