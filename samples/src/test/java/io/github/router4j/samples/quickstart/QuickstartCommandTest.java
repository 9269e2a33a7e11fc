package io.github.router4j.samples.quickstart;

import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The quick start, offline, against RouteLLM's real recorded GSM8K answers. */
class QuickstartCommandTest {

    private static final Pattern TOTAL = Pattern.compile(
            "(\\d+) questions: \\$(\\d+\\.\\d+) with routing vs \\$(\\d+\\.\\d+) with every answer's tokens priced on gpt-4");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Router4jCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path routeLlmData() {
        Path data = Path.of(System.getProperty("router4j.shared.data", "../shared/data")).resolve("routellm");
        assumeTrue(Files.exists(data.resolve("routellm/evals/gsm8k/gsm8k_responses.csv")),
                "RouteLLM data not found at " + data);
        return data;
    }

    @Test
    void answersGsm8kQuestionsThroughTheBundledYamlRouterOfflineWithNoDataFolder() {
        Run run = run("quickstart", "--offline", "--requests", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("replaying RouteLLM's recorded GSM8K answers from a local OpenAI-compatible server at"
                        + " http://127.0.0.1:")
                .contains("config: classpath:quickstart.yaml (bundled)")
                .contains("tiers:  mixtral ($0.60 in / $0.60 out per M tokens), gpt-4 ($10.00 in / $30.00 out")
                .contains("router: rules, acceptance: accept-all, fallback: stronger-then-weaker")
                .contains("[1/5] ", "[5/5] ")
                .contains("answered by mixtral: no rule matched -> 'mixtral'")
                .contains("tried: mixtral: FAILED")
                .contains("recorded grade: correct")
                .contains("graded correct by RouteLLM: ")
                .containsPattern("on the 200 bundled GSM8K test questions this router sends \\d+\\.\\d% to gpt-4;"
                        + " accuracy \\d+\\.\\d% \\(always mixtral: 68\\.5%, always gpt-4: 87\\.5%\\)");
        Matcher total = TOTAL.matcher(run.out());
        assertThat(total.find()).as(run.out()).isTrue();
        assertThat(Integer.parseInt(total.group(1))).isEqualTo(5);
        assertThat(Double.parseDouble(total.group(2))).isPositive()
                .isLessThan(Double.parseDouble(total.group(3)));
    }

    @Test
    void withTheFullRecordedDataItReplaysAnyOfThe1307Questions() {
        Run run = run("quickstart", "--offline", "--data", routeLlmData().toString(), "--requests", "2",
                "--fail-once", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[2/2] ", "recorded grade: ")
                .containsPattern("on all 1307 GSM8K test questions this router sends \\d+\\.\\d% to gpt-4;"
                        + " accuracy \\d+\\.\\d% \\(always mixtral: 63\\.7%, always gpt-4: 85\\.8%\\)");
    }

    @Test
    void aConfigFileReplacesTheBundledRouter(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("always-strong.yaml");
        Files.writeString(yaml, """
                tiers:
                  - name: mixtral
                    model: {provider: openai, base-url: "${ROUTER4J_BASE_URL}", model-name: "${ROUTER4J_CHEAP_MODEL}"}
                    price: {input: 0.6, output: 0.6}
                  - name: gpt-4
                    model: {provider: openai, base-url: "${ROUTER4J_BASE_URL}", model-name: "${ROUTER4J_STRONG_MODEL}"}
                    price: {input: 10, output: 30}
                strategy:
                  router: {type: fixed, tier: gpt-4}
                """);

        Run run = run("quickstart", "--offline", "--requests", "3", "--config", yaml.toString(), "--fail-once", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("config: " + yaml)
                .contains("answered by gpt-4: fixed tier 'gpt-4'")
                .doesNotContain("answered by mixtral")
                .contains("(0% saved)")
                .contains("this router sends 100.0% to gpt-4; accuracy 87.5%");
    }

    @Test
    void aBadConfigFileFailsWithItsYamlPath(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, """
                tiers:
                  - name: mixtral
                    model: {provider: openai, model-name: x}
                    price: {input: -0.6, output: 0.6}
                """);

        Run run = run("quickstart", "--offline", "--config", yaml.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: tiers[0].price.input: expected a number >= 0, got -0.6 ("
                + yaml + " line 4, column 20)");
    }

    @Test
    void withoutTheDataItSaysWhereToGetItAndFailsGracefullyWhenTheDownloadFails(@TempDir Path dir) {
        Path data = dir.resolve("routellm");

        Run run = run("quickstart", "--offline", "--data", data.toString(), "--download-from", "http://127.0.0.1:9/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("The RouteLLM GSM8K recordings are not in " + data)
                .contains("https://github.com/lm-sys/RouteLLM")
                .contains("routellm/evals/gsm8k/gsm8k_responses.csv", "routellm/evals/gsm8k/test.jsonl")
                .contains("downloading http://127.0.0.1:9/routellm/evals/gsm8k/gsm8k_responses.csv")
                .contains("failed: ")
                .contains("The download did not work (no network?)");
        assertThat(run.out()).isEmpty();
        assertThat(data).doesNotExist();
    }
}
