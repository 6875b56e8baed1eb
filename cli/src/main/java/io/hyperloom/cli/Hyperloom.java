package io.hyperloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code hyperloom} command: prints usage and dispatches to its subcommands. Engine errors
 * that come from user input (an unknown name, a bad option value, a combination that cannot run)
 * exit with code 2 and their message; other failures with 1.
 */
@Command(name = "hyperloom", mixinStandardHelpOptions = true, versionProvider = Hyperloom.Version.class,
        description = "Which way of producing a network's weights works best? direct, dct, cppn and hypernet "
                + "generators compared on the same target networks.",
        subcommands = {ListCommand.class, RunCommand.class, CompareCommand.class, AblateCommand.class, ReportCommand.class,
                ExportWeightsCommand.class, RenderCommand.class, RescoreCommand.class, SampleCommand.class,
                WorkerCommand.class, BenchCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class Hyperloom implements Runnable {

    /** Exit codes. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line, with hyperloom's exit codes and error printing. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hyperloom());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (isUserInput(ex)) {
                err.println("hyperloom: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println("hyperloom: " + ex);
            err.flush();
            return FAILED;
        });
        return cl;
    }

    /** Bad input the user can fix: bad names and values, missing or corrupt datasets. */
    static boolean isUserInput(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof UserInputException
                    || t instanceof io.hyperloom.search.data.MissingDatasetException
                    || t instanceof io.hyperloom.search.data.CorruptDataException) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hyperloom " + io.hyperloom.search.experiment.Experiments.versions().get("hyperloom")};
        }
    }
}
