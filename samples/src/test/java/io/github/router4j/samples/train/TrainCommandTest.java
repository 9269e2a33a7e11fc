package io.github.router4j.samples.train;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.trace.JsonlRoutingTraceStore;
import io.github.router4j.core.trace.RoutingTrace;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.EloRatings;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {

    private static final String[] TOPICS = {"algebra", "geometry", "number theory", "calculus", "topology",
            "probability", "graph theory", "logic", "set theory", "combinatorics"};
    private static final String[] FOODS = {"soup", "bread", "pasta", "salad", "curry", "pancakes", "cookies",
            "risotto", "omelette", "stew"};

    /** Proofs need the strong model; cooking questions are answered well by both. */
    private static Path recorded(Path dir) {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < TOPICS.length; i++) {
            requests.add(request("p" + i, "Prove a classic theorem of " + TOPICS[i] + " step by step.", 0, 1));
            requests.add(request("c" + i, "Give me a simple recipe for " + FOODS[i] + ".", 1, 1));
        }
        Path file = dir.resolve("recorded.jsonl");
        new RecordedResults(file.toString(), requests).write(file);
        return file;
    }

    private static RecordedRequest request(String id, String prompt, double small, double large) {
        Map<String, ModelResult> models = new LinkedHashMap<>();
        models.put("small", ModelResult.of(small));
        models.put("large", ModelResult.of(large));
        return new RecordedRequest(id, prompt, models);
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        var cli = Router4jCli.commandLine();
        TrainCommand command = cli.getSubcommands().get("train").getCommand();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        return cli.execute(args);
    }

    @Test
    void trainsCrossValidatesCalibratesAndSavesARouterThatLoads(@TempDir Path dir) {
        Path out = dir.resolve("classifier.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--weak", "small", "--strong", "large",
                "--router", "classifier", "--folds", "2", "--strong-share", "0.5", "--out", out.toString(),
                "--embedding-cache", dir.resolve("cache").toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("2-fold cross-validation: APGR").contains("saved classifier router to " + out);
        LearnedRouter router = LearnedRouters.load(out);
        var embeddings = DefaultEmbeddingModels.allMiniLmL6V2Q();
        String proof = "Prove a classic theorem of analysis step by step.";
        String recipe = "Give me a simple recipe for dumplings.";
        assertThat(router.strongProbability(RoutingRequest.builder().text(proof)
                .embedding(embeddings.embed(proof).content().vector()).build()))
                .isGreaterThan(router.strongProbability(RoutingRequest.builder().text(recipe)
                        .embedding(embeddings.embed(recipe).content().vector()).build()));
    }

    @Test
    void ratesModelsWithElo(@TempDir Path dir) {
        Path out = dir.resolve("elo.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--models", "small,large",
                "--router", "elo", "--k-factor", "16", "--out", out.toString());

        assertThat(exit).isZero();
        assertThat(EloRatings.load(out).ranking()).containsExactly("large", "small");
    }

    @Test
    void withSeveralModelsItTrainsOnTheResultsEachRequestHasAndSavesACalibrationSample(@TempDir Path dir)
            throws java.io.IOException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < TOPICS.length; i++) {
            Map<String, ModelResult> proof = new LinkedHashMap<>();
            proof.put("small", ModelResult.of(0));
            if (i % 2 == 0) {
                proof.put("mid", ModelResult.of(0)); // the mid model was not run on every proof
            }
            proof.put("large", ModelResult.of(1));
            requests.add(new RecordedRequest("p" + i, "Prove a classic theorem of " + TOPICS[i] + ".", proof));
            Map<String, ModelResult> recipe = new LinkedHashMap<>();
            recipe.put("small", ModelResult.of(1));
            recipe.put("mid", ModelResult.of(1));
            recipe.put("large", ModelResult.of(1));
            requests.add(new RecordedRequest("c" + i, "Give me a simple recipe for " + FOODS[i] + ".", recipe));
        }
        Path data = dir.resolve("three.jsonl");
        new RecordedResults(data.toString(), requests).write(data);
        Path out = dir.resolve("knn.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", data.toString(), "--models", "small,mid,large", "--router", "knn",
                "--neighbours", "5", "--out", out.toString(), "--embedding-cache", dir.resolve("cache").toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        // 5 proofs lack the mid model: each loses its pairs with small and large
        assertThat(log).contains("10 model pairs skipped").contains("calibration sample of 20 training requests");
        assertThat(LearnedRouters.load(out).models()).containsExactly("small", "mid", "large");
        try (var in = java.nio.file.Files.newInputStream(out)) {
            var sample = io.github.router4j.learned.CalibrationSample.read(in, out.toString()).orElseThrow();
            assertThat(sample.predicted()).hasNumberOfRows(20);
            assertThat(Double.isNaN(sample.quality()[2][1])).as("p1 lacks the mid model; it stays missing").isTrue();
        }
    }

    @Test
    void shrinkCvChoosesTheShrinkageAndNeighboursByCrossValidationAndSavesThem(@TempDir Path dir) {
        Path out = dir.resolve("knn-cv.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--models", "small,large", "--router", "knn",
                "--shrink", "cv", "--out", out.toString(), "--embedding-cache", dir.resolve("cache").toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).containsPattern("shrinkage weight [01]\\.\\d{3}, \\d+ neighbours chosen by 3 x 5-fold"
                + " cross-validation on 20 requests");
        LearnedRouter loaded = LearnedRouters.load(out);
        assertThat(LearnedRouters.shrinkageOf(loaded)).isPresent();
        assertThat(LearnedRouters.shrinkageOf(loaded).orElseThrow().prior()).containsExactly(0.5, 1.0);

        err.reset();
        Path classifier = dir.resolve("classifier-cv.json");
        assertThat(run(err, "train", "--data", recorded(dir).toString(), "--models", "small,large", "--router",
                "classifier", "--shrink", "cv", "--out", classifier.toString(), "--embedding-cache",
                dir.resolve("cache").toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("shrinkage weight [01]\\.\\d{3} chosen by 3"
                + " x 5-fold");
        assertThat(LearnedRouters.shrinkageOf(LearnedRouters.load(classifier))).isPresent();
    }

    @Test
    void shrinkNeedsSeveralModelsAndAKnownMode(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String data = recorded(dir).toString();

        assertThat(run(err, "train", "--data", data, "--weak", "small", "--strong", "large", "--router", "knn",
                "--shrink", "cv", "--out", dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("train: --shrink cv shrinks the predicted quality"
                + " of every --models model; give --models A,B,C,...");
        err.reset();
        assertThat(run(err, "train", "--data", data, "--models", "small,large", "--router", "knn",
                "--shrink", "james-stein", "--out", dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("train: --shrink must be none or cv, got"
                + " 'james-stein'");
        err.reset();
        assertThat(run(err, "train", "--data", data, "--models", "small,large", "--router", "sw-bt",
                "--shrink", "cv", "--out", dir.resolve("x.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("train: --shrink cv needs a router that predicts"
                + " quality (knn or classifier); sw-bt predicts win shares");
    }

    @Test
    void anUnknownModelOrRouterIsAClearError(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--weak", "small", "--strong", "huge",
                "--router", "mf", "--out", dir.resolve("x.json").toString());
        int exit2 = run(err, "train", "--data", recorded(dir).toString(), "--weak", "small", "--strong", "large",
                "--router", "nearest", "--out", dir.resolve("x.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(exit2).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("huge")
                .contains("--router must be classifier, sw-bt, mf, knn or elo, got 'nearest'");
    }

    @Test
    void learnsFromTheCascadesTracesToSendWhatItEscalatedStraightToTheStrongTier(@TempDir Path dir) throws Exception {
        var embeddings = DefaultEmbeddingModels.allMiniLmL6V2Q();
        Path traces = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(traces)) {
            for (int i = 0; i < TOPICS.length; i++) {
                String proof = "Prove a classic theorem of " + TOPICS[i] + " step by step.";
                String recipe = "Give me a simple recipe for " + FOODS[i] + ".";
                store.append(trace("p" + i, embeddings.embed(proof).content().vector(), true));
                store.append(trace("c" + i, embeddings.embed(recipe).content().vector(), false));
            }
            store.append(new RoutingTrace("strong-only", Instant.EPOCH, new float[384], Optional.empty(),
                    List.of(new RoutingTrace.Step("large", 1, RoutingTrace.Outcome.ANSWERED, Map.of(), Map.of())),
                    Optional.empty()));
            store.feedback("c0", false);
        }
        Files.writeString(traces, "{\"id\":\"cut", StandardOpenOption.APPEND);
        Path out = dir.resolve("from-traces.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--traces", traces.toString(), "--out", out.toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("train: skipped " + traces + ":23: partial last line")
                .contains("21 traces from " + traces + ": 11 cheap answers escalated or judged bad, 9 kept;"
                        + " left out: 1 without a cheapest-tier answer, 0 without an embedding")
                .contains("embeddings only");
        LearnedRouter router = LearnedRouters.load(out);
        String proof = "Prove a classic theorem of analysis step by step.";
        String recipe = "Give me a simple recipe for dumplings.";
        assertThat(router.strongProbability(RoutingRequest.builder().text(proof)
                .embedding(embeddings.embed(proof).content().vector()).build()))
                .isGreaterThan(router.strongProbability(RoutingRequest.builder().text(recipe)
                        .embedding(embeddings.embed(recipe).content().vector()).build()));
    }

    private static RoutingTrace trace(String id, float[] embedding, boolean escalated) {
        List<RoutingTrace.Step> steps = new ArrayList<>();
        steps.add(new RoutingTrace.Step("small", 0, escalated ? RoutingTrace.Outcome.ESCALATED : RoutingTrace.Outcome.ANSWERED,
                Map.of(), Map.of()));
        if (escalated) {
            steps.add(new RoutingTrace.Step("large", 1, RoutingTrace.Outcome.ANSWERED, Map.of(), Map.of()));
        }
        return new RoutingTrace(id, Instant.EPOCH, embedding, Optional.empty(), steps, Optional.empty());
    }

    @Test
    void withoutTracesTheDataAndRouterAreRequired(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int noRouter = run(err, "train", "--data", recorded(dir).toString(), "--out", dir.resolve("x.json").toString());
        int noData = run(err, "train", "--router", "classifier", "--out", dir.resolve("x.json").toString());

        assertThat(noRouter).isEqualTo(2);
        assertThat(noData).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--router TYPE is required")
                .contains("--data PATH is required");
    }

    @Test
    void trainsAnAnswerVerifierOnTheWeakModelsRecordedAnswers(@TempDir Path dir) {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int a = 3 + i;
            int b = 4 + i % 7;
            boolean right = i % 3 != 0;
            String answer = right ? a + " * " + b + " = " + a * b + "\n#### " + a * b
                    : "I'm not sure, probably " + a + " * " + b + " = " + (a * b + 5);
            Map<String, ModelResult> models = new LinkedHashMap<>();
            models.put("small", ModelResult.of(right ? 1 : 0).withAnswer(answer));
            models.put("large", ModelResult.of(1));
            requests.add(new RecordedRequest("q" + i, "What is " + a + " times " + b + "?", models));
        }
        Map<String, ModelResult> noAnswer = new LinkedHashMap<>();
        noAnswer.put("small", ModelResult.of(1));
        noAnswer.put("large", ModelResult.of(1));
        requests.add(new RecordedRequest("q-none", "What is 2 times 2?", noAnswer));
        Path data = dir.resolve("answers.jsonl");
        new RecordedResults(data.toString(), requests).write(data);
        Path out = dir.resolve("verifier.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--verifier", "--no-embeddings", "--data", data.toString(), "--weak", "small",
                "--strong", "large", "--folds", "3", "--threshold", "0.6", "--out", out.toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("answer verifier on 30 answers of [small] from " + data + " (20 good, 10 poor);"
                        + " 1 results without an answer skipped")
                .contains("3-fold cross-validation: accuracy").contains("saved answer verifier to " + out);
        AnswerVerifier verifier = AnswerVerifier.load(out);
        assertThat(verifier.usesEmbeddings()).isFalse();
        assertThat(verifier.threshold()).isEqualTo(0.6);
        assertThat(verifier.pGood("What is 9 times 9?", null, "9 * 9 = 81\n#### 81", null))
                .isGreaterThan(verifier.pGood("What is 9 times 9?", null, "I'm not sure, probably 9 * 9 = 86", null));
    }

    @Test
    void aTrainingSetWhosePromptsLookTheSameFailsWithWhatToCheck(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.txt");
        java.nio.file.Files.writeString(policy, ("You are the support assistant of a large online shop. Be polite,"
                + " answer briefly, never promise refunds, cite the terms of service where they apply, escalate"
                + " complaints about safety to a human and keep the customer's data private. ").repeat(12));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--prompt-prefix", policy.toString(),
                "--no-template", "--weak", "small", "--strong", "large", "--router", "sw-bt", "--folds", "2",
                "--out", dir.resolve("sw-bt.json").toString(), "--embedding-cache", dir.resolve("cache").toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isEqualTo(2);
        assertThat(log).contains("cannot train a sw-bt router: the 20 feature vectors have almost no spread")
                .contains("check for a template or instructions every prompt shares")
                .contains("that the prompt column is the right one");
        assertThat(dir.resolve("sw-bt.json")).doesNotExist();
    }

    @Test
    void theLearnedTemplateIsRemovedBeforeEmbeddingAndSavedWithTheRouter(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.txt");
        java.nio.file.Files.writeString(policy, "You are the support assistant of a large online shop.\n"
                + "Be polite and answer briefly.");
        Path out = dir.resolve("classifier.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--prompt-prefix", policy.toString(),
                "--weak", "small", "--strong", "large", "--router", "classifier", "--out", out.toString(),
                "--embedding-cache", dir.resolve("cache").toString());

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("removing the text the prompts share: 2 template lines");
        assertThat(LearnedRouters.templateOf(LearnedRouters.load(out)).lines()).containsExactlyInAnyOrder(
                "You are the support assistant of a large online shop.", "Be polite and answer briefly.");
    }
}
