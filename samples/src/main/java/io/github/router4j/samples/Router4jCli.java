package io.github.router4j.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The router4j command line: {@code java -jar samples/target/router4j-samples.jar <command> --help}.
 * Each sub-command lives in its own class and is registered in {@link #commandLine()}.
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

    /** The command line with every sub-command registered. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Router4jCli());
        cli.addSubcommand(new io.github.router4j.samples.quickstart.QuickstartCommand());
        cli.addSubcommand(new io.github.router4j.samples.calibrate.CalibrateCommand());
        cli.addSubcommand(new io.github.router4j.samples.evaluate.EvaluateCommand());
        cli.addSubcommand(new io.github.router4j.samples.train.TrainCommand());
        cli.addSubcommand(new io.github.router4j.samples.train.TraceReplayCommand());
        cli.addSubcommand(new io.github.router4j.samples.scoring.CalibrateSpecCommand());
        cli.addSubcommand(new io.github.router4j.samples.scoring.ChildrensStoryCommand());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Router4jCli.class.getPackage().getImplementationVersion();
            return new String[] {"router4j " + (v == null ? "(development build)" : v)};
        }
    }
}
