package io.github.router4j.samples.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The answer-reading cascades of {@code evaluate} on recorded answers whose arithmetic is sometimes wrong. */
class CascadeRoutersTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 160 questions; the small model's answer is wrong a third of the time (wrong step or no final line). */
    private Path recordedAnswers() throws IOException {
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            int a = 2 + random.nextInt(40);
            int b = 2 + random.nextInt(40);
            boolean right = random.nextDouble() < 0.66;
            int c = right ? a * b : a * b + 1 + random.nextInt(9);
            String answer = random.nextBoolean() || right
                    ? a + " * " + b + " = <<" + a + "*" + b + "=" + c + ">>" + c + " apples.\n#### " + c
                    : "Each of the " + a + " baskets holds " + b + " apples, so the total is large";
            ObjectNode line = JSON.createObjectNode().put("id", "q" + i)
                    .put("prompt", "A farmer has " + a + " baskets of " + b + " apples. How many apples? (" + i + ")");
            ObjectNode models = line.putObject("models");
            models.putObject("small").put("quality", right ? 1 : 0).put("cost", 0.0001).put("answer", answer);
            models.putObject("large").put("quality", random.nextDouble() < 0.95 ? 1 : 0).put("cost", 0.003)
                    .put("answer", "#### " + a * b);
            lines.add(JSON.writeValueAsString(line));
        }
        Path file = dir.resolve("answers.jsonl");
        Files.write(file, lines);
        return file;
    }

    private JsonNode evaluate(String routers) throws IOException {
        Path json = dir.resolve(routers.replace(',', '-') + ".json");
        CommandLine cli = Router4jCli.commandLine();
        EvaluateCommand evaluate = cli.getSubcommands().get("evaluate").getCommand();
        evaluate.streams(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("evaluate", "--data", recordedAnswers().toString(), "--weak", "small", "--strong",
                "large", "--router", routers, "--folds", "4", "--seed", "42", "--json", json.toString(),
                "--embedding-cache", dir.resolve("embeddings").toString());
        assertThat(code).as(err.toString()).isZero();
        return JSON.readTree(json.toFile());
    }

    @Test
    void theCodeVerifierCascadeEscalatesTheWrongAnswersFirstAndAlwaysPaysTheCheapCall() throws IOException {
        JsonNode cascade = evaluate("code-verifier-cascade").get("code-verifier-cascade");

        assertThat(cascade.get("apgr").asDouble()).isGreaterThan(0.85);
        JsonNode points = cascade.get("points");
        JsonNode none = points.get(0);
        JsonNode all = points.get(points.size() - 1);
        assertThat(none.get("strong_share").asDouble()).isZero();
        assertThat(none.get("cost").asDouble()).isCloseTo(0.0001, within(1e-12));
        assertThat(all.get("strong_share").asDouble()).isEqualTo(1.0);
        assertThat(all.get("cost").asDouble()).isCloseTo(0.0031, within(1e-12));
        // 95% of the strong quality is reached well before escalating everything
        assertThat(cascade.get("saving_at_q95").asDouble()).isGreaterThan(0.3);
        assertThat(out.toString()).contains("saving at 95% of strong quality: code-verifier-cascade");
    }

    @Test
    void theVerifierAndHybridCascadesReportAPGoodWithItsCalibration() throws IOException {
        JsonNode root = evaluate("verifier-cascade,hybrid");

        for (String name : List.of("verifier-cascade", "hybrid")) {
            JsonNode r = root.get(name);
            assertThat(r.get("apgr").asDouble()).as(name).isGreaterThan(0.8);
            assertThat(r.get("ece").asDouble()).as(name).isBetween(0.0, 0.2);
            int answers = 0;
            for (JsonNode bin : r.get("reliability")) {
                answers += bin.get("count").asInt();
            }
            assertThat(answers).as(name).isEqualTo(160);
        }
        assertThat(out.toString()).contains("calibration of hybrid P(weak answer good), held out: ECE");
    }
}
