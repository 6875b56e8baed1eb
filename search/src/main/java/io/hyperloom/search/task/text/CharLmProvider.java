package io.hyperloom.search.task.text;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;
import io.hyperloom.search.task.Environment;
import io.hyperloom.search.task.Task;
import io.hyperloom.search.task.TaskProvider;

import java.nio.file.Path;
import java.util.List;

/** Registers {@code char-lm}. */
public final class CharLmProvider implements TaskProvider {

    /** Where the default corpus lives under the data directory. */
    public static final Path DEFAULT_CORPUS = Path.of("text", "tinyshakespeare", "input.txt");

    @Override
    public String name() {
        return "char-lm";
    }

    @Override
    public String description() {
        return "character-level language model (lstm → softmax) on a UTF-8 text, 90/10 split; "
                + "fitness −val_bpc (bits per character on validation)";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofString("corpus", "", "UTF-8 text file (empty = <data-dir>/text/tinyshakespeare/input.txt)"),
                OptionSpec.ofInt("units", 256, "LSTM units"),
                OptionSpec.ofBoolean("layer-norm", false, "layer-normalised LSTM (gates and cell)"),
                OptionSpec.ofInt("seq-len", 100, "steps per truncated-BPTT chunk"),
                OptionSpec.ofInt("batch", 32, "parallel training streams (the default batch; adam's batch overrides)"),
                OptionSpec.ofInt("eval-chars", 10_000, "validation characters scored per evaluation (the final "
                        + "metrics use all)"));
    }

    @Override
    public Task create(Options options, Environment environment) {
        String c = options.string("corpus");
        Path file = c.isBlank() ? environment.dataDir().resolve(DEFAULT_CORPUS) : Path.of(c);
        return new CharLmTask(Corpus.read(file), options.intValue("units"), options.bool("layer-norm"),
                options.intValue("seq-len"), options.intValue("batch"), options.intValue("eval-chars"));
    }
}
