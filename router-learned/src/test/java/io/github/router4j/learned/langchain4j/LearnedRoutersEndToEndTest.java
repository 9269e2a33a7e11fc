package io.github.router4j.learned.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LatencyStats;
import io.github.router4j.core.QualityPredictor;
import io.github.router4j.learned.RewardRouter;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingExample;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.config.ModelRegistry;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.embeddings.CachingEmbeddingModel;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Learned routers end to end: trained on real in-process MiniLM embeddings of a small synthetic rule (proofs need
 * the strong tier, cooking questions do not), loaded from YAML, answering through real OpenAiChatModel clients
 * against the local server.
 */
public class LearnedRoutersEndToEndTest {

    public static final String[] PROOFS = {
            "Prove that the square root of 2 is irrational.", "Prove that there are infinitely many primes.",
            "Show by induction that 1 + 2 + ... + n = n(n+1)/2.", "Prove that every finite group of prime order is cyclic.",
            "Prove that the harmonic series diverges.", "Prove that a continuous function on [0,1] attains its maximum.",
            "Show that the set of rational numbers is countable.", "Prove the Cauchy-Schwarz inequality.",
            "Prove that e is irrational.", "Show that every bounded monotone sequence converges.",
            "Prove that there is no largest even number.", "Prove that the product of two odd integers is odd.",
            "Prove Fermat's little theorem.", "Show that a tree with n vertices has n-1 edges.",
            "Prove that the real numbers are uncountable.", "Prove the triangle inequality for complex numbers."};
    public static final String[] COOKING = {
            "Give me a recipe for tomato soup.", "How long should I boil spaghetti?",
            "What can I cook with leftover rice?", "How do I make pancakes fluffy?",
            "Suggest a quick vegetarian dinner.", "How do I roast a chicken?",
            "What spices go well with lentils?", "How do I bake sourdough bread at home?",
            "Give me a recipe for guacamole.", "How do I make a simple salad dressing?",
            "What is a good marinade for grilled vegetables?", "How long do I bake cookies for?",
            "How do I cook rice without a rice cooker?", "Give me a recipe for chocolate cake.",
            "How do I poach an egg?", "What should I put in a smoothie?"};

    private static CachingEmbeddingModel embeddings;
    private static LocalOpenAiServer server;

    @BeforeAll
    static void start() {
        embeddings = DefaultEmbeddingModels.routingDefault();
        server = LocalOpenAiServer.start(request -> Reply.text(request.model() + " answers").withUsage(50, 10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TrainingSet trainingSet() {
        return trainingSet(embeddings);
    }

    /** Proofs need the strong tier, cooking questions do not, embedded by {@code embeddings}. */
    public static TrainingSet trainingSet(CachingEmbeddingModel embeddings) {
        List<TrainingExample> examples = new ArrayList<>();
        for (String p : PROOFS) {
            examples.add(TrainingExample.of(p, embeddings.vector(p), 0, 1));
        }
        for (String c : COOKING) {
            examples.add(TrainingExample.of(c, embeddings.vector(c), 1, 1));
        }
        return TrainingSet.of("cheap-model", "strong-model", examples);
    }

    private static ChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static ChatModel fromYaml(String routerYaml) {
        String yaml = """
                tiers:
                  - name: cheap
                    model: {ref: cheap}
                    price: {input: 0.5, output: 1.5}
                  - name: strong
                    model: {ref: strong}
                    price: {input: 10, output: 30}
                strategy:
                  router:
                %s
                embedding-model:
                  provider: all-minilm-l6-v2-q
                  cache: {size: 1000, ttl: 10m}
                """.formatted(routerYaml.indent(4).stripTrailing());
        return RouterConfig.fromString(yaml).toChatModel(ModelRegistry.of(Map.of(
                "cheap", model("cheap-model"), "strong", model("strong-model"))));
    }

    private static String tierFor(ChatModel model, String question) {
        AiMessage answer = model.chat(UserMessage.from(question)).aiMessage();
        return RoutingInfo.tierOf(answer).orElseThrow();
    }

    @Test
    void aClassifierTrainedOnMiniLmEmbeddingsRoutesUnseenRequestsFromYaml(@TempDir Path dir) {
        Path file = dir.resolve("classifier.json");
        ClassifierRouter.train(trainingSet(), ClassifierRouter.options().lambda(0.1).build()).save(file);

        ChatModel router = fromYaml("""
                type: classifier
                model: %s
                """.formatted(file));

        assertThat(tierFor(router, "Prove that the square root of 7 is irrational.")).isEqualTo("strong");
        assertThat(tierFor(router, "What is a good recipe for banana bread?")).isEqualTo("cheap");
        assertThat(server.requests("strong-model")).hasSize(1);
    }

    @Test
    void similarityWeightedBradleyTerryRoutesFromYamlWithAThresholdOverride(@TempDir Path dir) {
        Path file = dir.resolve("sw-bt.json");
        SwBradleyTerryRouter.train(trainingSet(), SwBradleyTerryRouter.options().neighbours(5).build()).save(file);

        ChatModel router = fromYaml("""
                type: sw-bt
                model: %s
                threshold: 0.75
                """.formatted(file));

        assertThat(tierFor(router, "Prove that there are infinitely many twin primes, or explain why it is open."))
                .isEqualTo("strong");
        assertThat(tierFor(router, "How do I make a vegetable curry?")).isEqualTo("cheap");
    }

    @Test
    void aYamlRouterOfTheWrongTypeOrAMissingFileIsRejectedWithItsPath(@TempDir Path dir) {
        Path file = dir.resolve("sw-bt.json");
        SwBradleyTerryRouter.train(trainingSet(), SwBradleyTerryRouter.options().build()).save(file);

        assertThatThrownBy(() -> fromYaml("type: mf\nmodel: " + file))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.router.model")
                .hasMessageContaining("holds a 'sw-bt' router, but the type is 'mf'");
        assertThatThrownBy(() -> fromYaml("type: classifier\nmodel: " + dir.resolve("nope.json")))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.router.model");
    }

    @Test
    void theRewardRouterMovesAwayFromATierThatTurnsOutSlow() {
        LocalOpenAiServer slow = LocalOpenAiServer.start(request -> Reply.text("ok").withUsage(50, 1)
                .withDelay(request.model().equals("strong-model") ? Duration.ofMillis(400) : Duration.ZERO));
        try {
            RewardRouter reward = RewardRouter.builder()
                    .quality(QualityPredictor.constant(Map.of("cheap", 0.70, "strong", 0.80)))
                    .latency(LatencyStats.create(1, new LatencyStats.Estimate(0, 0), Map.of()))
                    .ttftWeight(1)
                    .build();
            TieredChatModel model = TieredChatModel.builder()
                    .tiers(List.of(
                            Tier.builder().name("cheap").model(OpenAiChatModel.builder().baseUrl(slow.baseUrl())
                                    .apiKey("k").modelName("cheap-model").maxRetries(0).build()).build(),
                            Tier.builder().name("strong").model(OpenAiChatModel.builder().baseUrl(slow.baseUrl())
                                    .apiKey("k").modelName("strong-model").maxRetries(0).build()).build()))
                    .router(new LiveRewardRouter(reward))
                    .build();

            assertThat(tierFor(model, "first")).isEqualTo("strong");
            assertThat(reward.latency().estimate("strong").ttftSeconds()).isGreaterThan(0.39);
            assertThat(tierFor(model, "second")).isEqualTo("cheap");
        } finally {
            slow.close();
        }
    }

    @Test
    void theRewardRouterIsConfiguredFromYaml() {
        ChatModel router = fromYaml("""
                type: reward
                quality: {cheap: 0.7, strong: 0.9}
                weights: {cost: 10}
                latency:
                  strong: {ttft: 800ms, itl: 30ms}
                """);

        assertThat(tierFor(router, "Hello")).isEqualTo("strong");
        assertThatThrownBy(() -> fromYaml("type: reward\nquality: {cheap: 0.7}"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.router.quality.strong");
        assertThatThrownBy(() -> fromYaml("type: reward\nquality: {cheap: 0.7, strong: 0.9}\nlatency: {medium: {ttft: 1s}}"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("no tier is named 'medium'");
    }
}
