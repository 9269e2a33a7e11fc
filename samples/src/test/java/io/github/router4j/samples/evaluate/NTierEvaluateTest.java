package io.github.router4j.samples.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code evaluate --models A,B,C,...} on the recorded multi-model data (skipped when the data is absent). */
class NTierEvaluateTest {

    private static final String MBPP_MODELS = "mistralai/mistral-7b-chat,WizardLM/WizardLM-13B-V1.2,"
            + "mistralai/mixtral-8x7b-chat,gpt-3.5-turbo-1106,claude-v2,gpt-4-1106-preview";

    @TempDir
    Path dir;

    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void locateData() {
        data = Path.of(System.getProperty("router4j.shared.data", "../shared/data")).resolve("multi-model");
        assumeTrue(Files.isRegularFile(data.resolve("routerbench-mbpp-test.jsonl")),
                "skipped: no recorded multi-model data at " + data.toAbsolutePath());
    }

    private int run(String... args) {
        CommandLine cli = Router4jCli.commandLine();
        EvaluateCommand evaluate = cli.getSubcommands().get("evaluate").getCommand();
        evaluate.streams(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Test
    void routes_among_six_routerbench_models_and_reports_the_n_tier_metrics() throws IOException {
        Path json = dir.resolve("mbpp.json");
        Path plot = dir.resolve("mbpp.png");

        int code = run("evaluate", "--data", data.resolve("routerbench-mbpp-test.jsonl").toString(),
                "--train", data.resolve("routerbench-mbpp-train.jsonl").toString(), "--models", MBPP_MODELS,
                "--router", "knn,knn-cv,random", "--json", json.toString(), "--plot", plot.toString(),
                "--embedding-cache", dir.resolve("cache").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode knn = root.get("knn");
        assertThat(knn.get("apgr").isNumber()).as("binary fields stay").isTrue();
        for (String key : List.of("aiq", "quality_at_cost_25", "quality_at_cost_50", "max_quality")) {
            assertThat(knn.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(knn.has("quality_at_cost_10")).isTrue();
        assertThat(knn.has("cost_share_to_match_best")).isTrue();
        double shares = 0;
        for (JsonNode share : knn.get("model_share")) {
            shares += share.asDouble();
        }
        assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(knn.get("model_share").size()).isEqualTo(6);
        assertThat(root.get("random").has("model_share")).as("random compares two models only").isFalse();
        JsonNode best = root.get("best_single");
        assertThat(best.get("name").asText()).isEqualTo("gpt-3.5-turbo-1106");
        assertThat(best.get("quality").asDouble()).isEqualTo(0.6875);
        assertThat(best.get("cost").asDouble()).isPositive();
        assertThat(knn.get("max_quality").asDouble()).as("routing beats every single model somewhere")
                .isGreaterThan(best.get("quality").asDouble());
        JsonNode tuned = root.get("knn-cv");
        assertThat(tuned.get("model_share").size()).isEqualTo(6);
        assertThat(tuned.get("max_quality").asDouble()).as("shrunk toward the best training model, it still reaches"
                + " the best single quality").isGreaterThanOrEqualTo(best.get("quality").asDouble());
        assertThat(err.toString()).containsPattern("knn-cv chose (10|20|50|100|200) neighbours, shrinkage weight"
                + " [01]\\.\\d{3} \\(3 x 5-fold quality of the predicted best model 0\\.\\d{4} on 299 training requests\\)");
        assertThat(dir.resolve("mbpp-n-tier.png")).isRegularFile();
        assertThat(dir.resolve("mbpp-n-tier.svg")).isRegularFile();
        assertThat(out.toString()).contains("N-tier routing among 6 models", "n-model oracle");
    }

    @Test
    void bad_model_lists_and_missing_prices_fail_with_one_line_naming_model_file_and_line() {
        String gsm8k = data.resolve("routerdc7-gsm8k-test.jsonl").toString();

        assertThat(run("evaluate", "--data", gsm8k, "--models", "meta-llama/Meta-Llama-3-8B")).isEqualTo(2);
        assertThat(err.toString()).contains("--models needs at least two models");
        err.reset();

        assertThat(run("evaluate", "--data", gsm8k, "--models",
                "meta-llama/Meta-Llama-3-8B,mistralai/Mistral-7B-v0.1", "--router", "random")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("evaluate: " + gsm8k + " line 1 (request 'gsm8k-test-0'): model"
                + " 'meta-llama/Meta-Llama-3-8B' has no recorded cost; give its price with --price"
                + " meta-llama/Meta-Llama-3-8B=IN/OUT");
        err.reset();

        assertThat(run("evaluate", "--data", gsm8k, "--models", "meta-llama/Meta-Llama-3-8B,gpt-5")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'gpt-5'", gsm8k);
    }
}
