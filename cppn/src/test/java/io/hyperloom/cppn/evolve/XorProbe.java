package io.hyperloom.cppn.evolve;

import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Probe (not a test): evaluations to solve XOR over seeds FROM..FROM+COUNT-1, budget 50,000;
 * args FROM COUNT [neat-option=value…]. Prints solved, then over the solved runs the mean (with its
 * standard error), quartiles and worst of {@link Search#solvedAt} (evaluations up to the first
 * solving candidate, NEAT's count) and the mean of the whole-generation evaluations spent.
 */
public class XorProbe {
    public static void main(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=");
            given.put(kv[0], kv[1]);
        }
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(), given));
        long from = Long.parseLong(args[0]);
        int seeds = Integer.parseInt(args[1]);
        List<Long> at = new ArrayList<>();
        long spent = 0;
        StringBuilder slow = new StringBuilder();
        for (long seed = from; seed < from + seeds; seed++) {
            try (LocalEvaluator ev = new LocalEvaluator(1)) {
                Search s = new Search(new XorTask(2), NeatXorTest.FAMILY, ev, seed, 50_000, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
                new NeatOptimizer(p).run(s);
                if (s.isSolved()) {
                    at.add(s.solvedAt().orElseThrow());
                    spent += s.evaluations();
                }
                if (!s.isSolved() || s.evaluations() > 20000) {
                    slow.append(' ').append(seed).append(':').append(s.isSolved() ? s.solvedAt().orElseThrow() : "fail");
                }
            }
        }
        Collections.sort(at);
        int n = at.size();
        double mean = at.stream().mapToLong(Long::longValue).average().orElse(0);
        double var = n < 2 ? 0 : at.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        System.out.printf(java.util.Locale.ROOT, "%s seeds %d-%d solved %d/%d solved_at mean %.0f se %.0f q1 %d median %d"
                        + " q3 %d worst %d | whole-generation mean %.0f | slow/failed:%s%n",
                given, from, from + seeds - 1, n, seeds, mean, Math.sqrt(var / Math.max(1, n)),
                n == 0 ? 0 : at.get(n / 4), n == 0 ? 0 : at.get(n / 2), n == 0 ? 0 : at.get(3 * n / 4),
                n == 0 ? 0 : at.get(n - 1), n == 0 ? 0.0 : (double) spent / n, slow);
    }
}
