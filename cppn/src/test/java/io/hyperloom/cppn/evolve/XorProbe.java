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
 * args FROM COUNT [neat-option=value…]. Prints solved, mean, quartiles and worst of the solved runs.
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
        List<Long> evals = new ArrayList<>();
        StringBuilder slow = new StringBuilder();
        for (long seed = from; seed < from + seeds; seed++) {
            try (LocalEvaluator ev = new LocalEvaluator(1)) {
                Search s = new Search(new XorTask(2), NeatXorTest.FAMILY, ev, seed, 50_000, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
                new NeatOptimizer(p).run(s);
                if (s.isSolved()) {
                    evals.add(s.evaluations());
                }
                if (!s.isSolved() || s.evaluations() > 20000) {
                    slow.append(' ').append(seed).append(':').append(s.isSolved() ? s.evaluations() : "fail");
                }
            }
        }
        Collections.sort(evals);
        long total = evals.stream().mapToLong(Long::longValue).sum();
        int n = evals.size();
        System.out.println(given + " seeds " + from + "-" + (from + seeds - 1) + " solved " + n + "/" + seeds
                + " mean " + (n == 0 ? 0 : total / n)
                + " q1 " + (n == 0 ? 0 : evals.get(n / 4)) + " median " + (n == 0 ? 0 : evals.get(n / 2))
                + " q3 " + (n == 0 ? 0 : evals.get(3 * n / 4)) + " worst " + (n == 0 ? 0 : evals.get(n - 1))
                + " slow/failed:" + slow);
    }
}
