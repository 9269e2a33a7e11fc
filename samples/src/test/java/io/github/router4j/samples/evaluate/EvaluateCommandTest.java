package io.github.router4j.samples.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** 400 requests: the large model fixes the small one's wrong answers on "hard" prompts; costs and observations recorded. */
    private Path recordedData() throws IOException {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean hard = random.nextDouble() < 0.4;
            int small = hard ? (random.nextDouble() < 0.3 ? 1 : 0) : (random.nextDouble() < 0.9 ? 1 : 0);
            int large = random.nextDouble() < 0.9 ? 1 : 0;
            double observation = Math.min(1, Math.max(0, (small == 1 ? 0.75 : 0.35) + random.nextGaussian() * 0.15));
            lines.add(String.format(Locale.ROOT, "{\"id\": \"q%d\", \"prompt\": \"%s question %d\", \"models\":"
                    + " {\"small\": {\"quality\": %d, \"cost\": 0.0001, \"observation\": %.3f},"
                    + " \"large\": {\"quality\": %d, \"cost\": 0.003}}}", i, hard ? "hard" : "easy", i, small,
                    observation, large));
        }
        Path file = dir.resolve("recorded.jsonl");
        Files.write(file, lines);
        return file;
    }

    private int run(String... args) {
        CommandLine cli = Router4jCli.commandLine();
        EvaluateCommand evaluate = cli.getSubcommands().get("evaluate").getCommand();
        evaluate.streams(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Test
    void writesRouteLlmMetricsCurvesAndAPlotForEveryRouter() throws IOException {
        Path json = dir.resolve("out/metrics.json");
        Path plot = dir.resolve("out/curves.png");

        int code = run("evaluate", "--data", recordedData().toString(), "--weak", "small", "--strong", "large",
                "--router", "random,oracle", "--folds", "5", "--seed", "42", "--json", json.toString(),
                "--plot", plot.toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("random", "oracle", "cascade (self-evaluation)");
        for (String key : List.of("apgr", "cpt20", "cpt50", "cpt80", "auc", "savings_at_cpt50",
                "dollar_saving_at_cpt50", "ibc_lift")) {
            assertThat(root.get("random").get(key).isNumber()).as(key).isTrue();
        }
        assertThat(root.get("random").get("apgr").asDouble()).isBetween(0.3, 0.7);
        assertThat(root.get("oracle").get("apgr").asDouble()).isGreaterThan(0.9);
        assertThat(root.get("oracle").get("cpt50").asDouble()).isBetween(0.0, 0.5);
        assertThat(root.get("cascade (self-evaluation)").get("ibc_lift").asDouble()).isGreaterThan(0);
        JsonNode points = root.get("random").get("points");
        assertThat(points.get(0).get("strong_share").asDouble()).isZero();
        assertThat(points.get(points.size() - 1).get("strong_share").asDouble()).isEqualTo(1.0);
        assertThat(root.get("random").get("savings_at_cpt50").asDouble())
                .isCloseTo(0.5 / root.get("random").get("cpt50").asDouble(), within(1e-9));
        assertThat(plot).exists();
        assertThat(dir.resolve("out/curves.svg")).exists();
        assertThat(out.toString()).contains("router", "APGR", "CPT50", "random", "oracle", "oracle CPT");
    }

    @Test
    void aMalformedLineFailsNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\": \"a\", \"prompt\": \"p\", \"models\": {\"s\": {\"quality\": 1}, "
                + "\"l\": {\"quality\": 0}}}\n{\"id\": \"b\", \"prompt\": \"q\", \"models\": {\"s\": {\"quality\": \"yes\"}}}\n");

        int code = run("evaluate", "--data", file.toString(), "--weak", "s", "--strong", "l");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":2: models.s.quality must be a number");
    }

    @Test
    void anUnknownModelOrRouterIsNamedWithTheKnownOnes() throws IOException {
        Path data = recordedData();

        assertThat(run("evaluate", "--data", data.toString(), "--weak", "small", "--strong", "huge")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'huge'; models are [small, large]");

        assertThat(run("evaluate", "--data", data.toString(), "--weak", "small", "--strong", "large",
                "--router", "coin")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown router 'coin'; known: [random, oracle");
    }

    @Test
    void anEmptyFileIsReported() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.jsonl"), "");

        assertThat(run("evaluate", "--data", file.toString(), "--weak", "s", "--strong", "l")).isEqualTo(2);
        assertThat(err.toString()).contains(file + ": empty file");
    }

    @Test
    void helpNamesEveryOption() {
        assertThat(run("evaluate", "--help")).isZero();

        assertThat(out.toString()).contains("--data", "--format", "--weak", "--strong", "--models", "--price",
                "--router", "--folds", "--seed", "--train", "--json", "--plot", "routellm-mmlu");
    }

    @Test
    void aRouterThatCannotTellThePromptsApartIsMarkedDegenerateNotPresentedAsAResult() throws IOException {
        List<String> lines = Files.readAllLines(recordedData()).subList(0, 60);
        Path data = dir.resolve("small.jsonl");
        Files.write(data, lines);
        Path policy = dir.resolve("policy.txt");
        Files.writeString(policy, ("You are the support assistant of a large online shop. Be polite, answer briefly,"
                + " never promise refunds, cite the terms of service where they apply, escalate complaints about"
                + " safety to a human and keep the customer's data private. ").repeat(12));
        Path json = dir.resolve("degenerate.json");

        int code = run("evaluate", "--data", data.toString(), "--prompt-prefix", policy.toString(), "--no-template",
                "--weak", "small", "--strong", "large", "--router", "random,sw-bt", "--folds", "2", "--json",
                json.toString(), "--embedding-cache", dir.resolve("cache").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("sw-bt").get("degenerate").asBoolean()).isTrue();
        assertThat(root.get("sw-bt").get("degenerate_reason").asText()).contains("almost no spread");
        assertThat(root.get("random").get("degenerate").asBoolean()).isFalse();
        assertThat(out.toString()).contains("sw-bt (degenerate)")
                .contains("DEGENERATE sw-bt: its metrics are no result: the 60 feature vectors have almost no spread");
    }
}
