package io.github.router4j.samples.train;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    void anUnknownModelOrRouterIsAClearError(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = run(err, "train", "--data", recorded(dir).toString(), "--weak", "small", "--strong", "huge",
                "--router", "mf", "--out", dir.resolve("x.json").toString());
        int exit2 = run(err, "train", "--data", recorded(dir).toString(), "--weak", "small", "--strong", "large",
                "--router", "knn", "--out", dir.resolve("x.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(exit2).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("huge")
                .contains("--router must be classifier, sw-bt, mf or elo, got 'knn'");
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
