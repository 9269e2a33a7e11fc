package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.embeddings.CachingEmbeddingModel;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.learned.langchain4j.LearnedRoutersEndToEndTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A router trained by the learned-routers API serves as a scoring spec's CUSTOM_MODEL, in Java and in YAML. */
class LearnedRouterModelTest {

    private static final String TIERS = """
            tiers:
              - {name: cheap, model: {ref: cheap}, price: {input: 0.15, output: 0.6}}
              - {name: strong, model: {ref: strong}, price: {input: 2.5, output: 10}}
            """;

    private static CachingEmbeddingModel embeddings;
    private static LearnedRouter router;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        embeddings = DefaultEmbeddingModels.routingDefault();
        router = ClassifierRouter.train(LearnedRoutersEndToEndTest.trainingSet(embeddings),
                ClassifierRouter.options().lambda(0.1).build());
    }

    @Test
    void difficultyIsTheRoutersProbabilityThatTheStrongTierIsNeededAndEasinessItsComplement() {
        String proof = "Prove that the sum of two even numbers is even.";
        double p = router.strongProbability(RoutingRequest.builder().text(proof).embedding(embeddings.vector(proof)).build());

        assertThat(LearnedRouterModel.difficulty(router, embeddings).predict(proof, "ignored")).isEqualTo(p);
        assertThat(LearnedRouterModel.easiness(router, embeddings).predict(proof, "ignored")).isEqualTo(1 - p);
        assertThat(p).isGreaterThan(0.5);
        assertThat(LearnedRouterModel.difficulty(router, embeddings).predict("How do I fry an egg?", "")).isLessThan(0.5);
    }

    @Test
    void aDifficultySpecInYamlRoutesWithATrainedRouterAsItsCustomModel() throws IOException {
        router.save(dir.resolve("hard.json"));
        Files.writeString(dir.resolve("difficulty.json"), """
                {"name": "difficulty", "dimensions": [{"label": "needs the strong tier", "sub_dimensions": [
                  {"label": "trained router", "scoring_type": "CUSTOM_MODEL", "custom_model_id": "hard"}]}]}
                """);
        RouterConfig config = RouterConfig.loader().baseDirectory(dir).fromString(TIERS + """
                strategy:
                  router: {type: difficulty-spec, spec: difficulty.json, thresholds: [0.5], custom-models: {hard: hard.json}}
                """);

        Route proof = config.router().orElseThrow().route(RoutingRequest.of("Prove that there are infinitely many primes."),
                config.tiers());
        Route soup = config.router().orElseThrow().route(RoutingRequest.of("Give me a recipe for pea soup."), config.tiers());

        assertThat(proof.tier()).isEqualTo(1);
        assertThat(soup.tier()).isZero();
    }

    @Test
    void aCustomModelFileThatIsNotATrainedRouterIsReportedAtItsPath() throws IOException {
        Files.writeString(dir.resolve("difficulty.json"), """
                {"name": "d", "dimensions": [{"label": "d", "sub_dimensions": [
                  {"label": "m", "scoring_type": "CUSTOM_MODEL", "custom_model_id": "hard"}]}]}
                """);
        Files.writeString(dir.resolve("nonsense.json"), "{\"type\": \"crystal-ball\"}");

        assertThatThrownBy(() -> RouterConfig.loader().baseDirectory(dir).fromString(TIERS + """
                strategy:
                  router: {type: difficulty-spec, spec: difficulty.json, thresholds: [0.5],
                           custom-models: {hard: {file: nonsense.json, score: easiness}}}
                """))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("strategy.router.custom-models.hard.file: cannot load a trained router for custom model 'hard'");
    }
}
