package io.hyperloom.cppn.evolve;

import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;
import io.hyperloom.search.optimize.Search;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.xor.XorTask;

import java.util.HashMap;
import java.util.Map;

/** Temporary probe (not a test): mean evaluations to solve over seeds. */
public class XorProbe {
    public static void main(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=");
            given.put(kv[0], kv[1]);
        }
        NeatParameters p = NeatParameters.of(Options.resolve("neat", NeatParameters.options(), given));
        int seeds = Integer.parseInt(args[0]);
        long total = 0;
        int solved = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            try (LocalEvaluator ev = new LocalEvaluator(1)) {
                Search s = new Search(new XorTask(2), NeatXorTest.FAMILY, ev, seed, 50_000, Task.BudgetUnit.EVALUATIONS, ProgressListener.NONE);
                new NeatOptimizer(p).run(s);
                if (s.isSolved()) {
                    solved++;
                    total += s.evaluations();
                }
            }
        }
        System.out.println("solved " + solved + "/" + seeds + " mean evals " + (solved == 0 ? 0 : total / solved));
    }
}
