package io.github.router4j.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The router4j command line: {@code java -jar samples/target/router4j-samples.jar <command> --help}.
 * Each sub-command lives in its own class and is registered in {@link #commandLine()}. Every bad
 * input (a bad option, a missing file, a failure while running) ends with one line on standard
 * error and exit code 2; set {@code ROUTER4J_VERBOSE=1} to get the stack trace too.
 */
@Command(name = "router4j",
        mixinStandardHelpOptions = true,
        versionProvider = Router4jCli.Version.class,
        description = "Answer each request with the cheapest model that is good enough.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Router4jCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Exit code of every bad input, as picocli uses for usage errors. */
    public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

    /** The command line with every sub-command registered. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv("ROUTER4J_VERBOSE") != null);
    }

    /** Like {@link #commandLine()}; {@code verbose} adds the stack trace of a failure after its one-line error. */
    public static CommandLine commandLine(boolean verbose) {
        CommandLine cli = new CommandLine(new Router4jCli());
        cli.addSubcommand(new io.github.router4j.samples.quickstart.QuickstartCommand());
        cli.addSubcommand(new io.github.router4j.samples.calibrate.CalibrateCommand());
        cli.addSubcommand(new io.github.router4j.samples.evaluate.EvaluateCommand());
        cli.addSubcommand(new io.github.router4j.samples.train.TrainCommand());
        cli.addSubcommand(new io.github.router4j.samples.train.TraceReplayCommand());
        cli.addSubcommand(new io.github.router4j.samples.scoring.CalibrateSpecCommand());
        cli.addSubcommand(new io.github.router4j.samples.scoring.ChildrensStoryCommand());
        OneLineErrors errors = new OneLineErrors(verbose);
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        return cli;
    }

    /** Turns any bad option or failure into {@code router4j <command>: <what went wrong>} and exit code 2. */
    static final class OneLineErrors implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler {
        private final boolean verbose;

        OneLineErrors(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(name(cmd) + ": " + oneLine(e.getMessage()) + " (see " + name(cmd) + " --help)");
            cmd.getErr().flush();
            return BAD_INPUT;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            cmd.getErr().println(name(cmd) + ": " + describe(e));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().flush();
            return BAD_INPUT;
        }

        private static String name(CommandLine cmd) {
            return cmd.getCommandSpec().qualifiedName();
        }

        private static String describe(Throwable e) {
            Throwable t = e;
            while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
                t = t.getCause();
            }
            String message = t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName() : oneLine(t.getMessage());
            return t instanceof java.nio.file.NoSuchFileException ? "no such file: " + message
                    : t instanceof java.nio.file.AccessDeniedException ? "cannot read: " + message : message;
        }

        private static String oneLine(String message) {
            return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The project version, from a resource Maven filters at build time (or the jar manifest). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = Router4jCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            String v = properties.getProperty("version");
            if (v == null || v.startsWith("${")) {
                v = Router4jCli.class.getPackage().getImplementationVersion();
            }
            return new String[] {"router4j " + (v == null ? "(development build)" : v)};
        }
    }
}
