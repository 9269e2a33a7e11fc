package io.github.router4j.samples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input to every command: exit code 2 and one line on standard error, never a stack trace. */
class Router4jCliErrorsTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(boolean verbose, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.PrintStream systemOut = System.out;
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            // some commands keep System.out / System.err from when they are created
            System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
            CommandLine cli = Router4jCli.commandLine(verbose);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new Run(exit, out + stdout.toString(java.nio.charset.StandardCharsets.UTF_8),
                err + stderr.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static final String MISSING = "/nonexistent/router4j-missing";

    @ParameterizedTest
    @ValueSource(strings = {
            "--bogus",
            "no-such-command",
            "quickstart --requests=abc",
            "quickstart --requests=0",
            "quickstart --unknown-option",
            "quickstart --config=" + MISSING + ".yaml",
            "calibrate --observations=" + MISSING + ".jsonl",
            "calibrate --samples=many",
            "evaluate --data=" + MISSING,
            "evaluate",
            "train --data=" + MISSING,
            "train --data",
            "calibrate-spec --examples=" + MISSING + ".jsonl",
            "calibrate-spec --held-out=abc",
            "calibrate-spec --mode=MEDIUM",
            "childrens-story --threshold=abc",
            "childrens-story --api-key= --spec=" + MISSING + ".yaml",
    })
    void aBadInputExitsWith2AndOneLineOfError(String commandLine) {
        Run run = run(false, commandLine.split(" "));

        assertThat(run.exit()).as("exit code of: %s", commandLine).isEqualTo(2);
        assertThat(run.err().strip()).as("error of: %s", commandLine).isNotEmpty().doesNotContain("\n")
                .doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void aMissingFileIsNamed() {
        Run run = run(false, "quickstart", "--config=" + MISSING + ".yaml");

        assertThat(run.err().strip()).contains(MISSING + ".yaml");
    }

    @Test
    void verboseAddsTheStackTraceOfAFailure() {
        Run run = run(true, "childrens-story", "--api-key=", "--spec=" + MISSING + ".yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void versionComesFromThePom() {
        Run run = run(false, "-V");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).matches("router4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpShowsPlaceholdersLiterally() {
        Run run = run(false, "quickstart", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("${ROUTER4J_BASE_URL}", "${OPENAI_API_KEY}", "${ROUTER4J_CHEAP_MODEL}",
                "${ROUTER4J_STRONG_MODEL}").doesNotContain("null");
    }
}
