package io.hyperloom.cppn.evolve;

import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;

import java.util.HashMap;
import java.util.Map;

/** Probe (not a test): mean evaluations to solve XOR over seeds FROM..FROM+COUNT-1; args FROM COUNT [neat-option=value…]. */
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
        long total = 0;
        long worst = 0;
        int solved = 0;
        for (long seed = from; seed < from + seeds; seed++) {
            try (LocalEvaluator ev = new LocalEvaluator(1)) {
                Search s = new Search(new XorTask(2), NeatXorTest.FAMILY, ev, seed, 50_000, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
                new NeatOptimizer(p).run(s);
                if (s.isSolved()) {
                    solved++;
                    total += s.evaluations();
                    worst = Math.max(worst, s.evaluations());
                }
                if (!s.isSolved() || s.evaluations() > 20000) {
                    System.out.println("seed " + seed + " evals " + s.evaluations() + " solved " + s.isSolved());
                }
            }
        }
        System.out.println(given + " solved " + solved + "/" + seeds + " mean evals " + (solved == 0 ? 0 : total / solved) + " worst " + worst);
    }
}
