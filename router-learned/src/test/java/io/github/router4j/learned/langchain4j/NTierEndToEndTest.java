package io.github.router4j.learned.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.embeddings.CachingEmbeddingModel;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.learned.CalibrationSample;
import io.github.router4j.learned.KnnRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.learned.QualityShrinkage;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingExample;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.config.ModelRegistry;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * N-tier routing end to end: a k-nearest-neighbour router trained on three models (cooking questions every model
 * answers, history questions the standard and strong models answer, proofs only the strong one), loaded from YAML
 * with a model-to-tier mapping, answering through real OpenAiChatModel clients against the local server.
 */
class NTierEndToEndTest {

    private static final String[] HISTORY = {
            "When did the Western Roman Empire fall?", "Who was the first emperor of China?",
            "What caused the French Revolution?", "Why did the Ottoman Empire decline?",
            "Who won the Battle of Hastings in 1066?", "What was the Treaty of Westphalia about?",
            "When did the Berlin Wall come down?", "Who was Charlemagne?",
            "What started the First World War?", "Who led the Haitian Revolution?",
            "What was the Meiji Restoration?", "When did the Byzantine Empire end?",
            "Who signed the Magna Carta?", "What was the Hundred Years' War?",
            "Why did the Spanish Armada fail?", "Who was Genghis Khan?"};

    private static CachingEmbeddingModel embeddings;
    private static LocalOpenAiServer server;
    private static Path trained;
    private static Path shrunk;

    @BeforeAll
    static void start(@TempDir Path dir) {
        embeddings = DefaultEmbeddingModels.routingDefault();
        server = LocalOpenAiServer.start(request -> Reply.text(request.model() + " answers").withUsage(50, 10));
        List<TrainingExample> examples = new ArrayList<>();
        for (String p : LearnedRoutersEndToEndTest.PROOFS) {
            examples.add(new TrainingExample(p, embeddings.vector(p), new double[] {0, 0, 1}));
        }
        for (String h : HISTORY) {
            examples.add(new TrainingExample(h, embeddings.vector(h), new double[] {0, 1, 1}));
        }
        for (String c : LearnedRoutersEndToEndTest.COOKING) {
            examples.add(new TrainingExample(c, embeddings.vector(c), new double[] {1, 1, 1}));
        }
        TrainingSet set = new TrainingSet(List.of("llama-7b", "gpt-3.5", "gpt-4"), examples);
        LearnedRouter knn = KnnRouter.train(set, SwBradleyTerryRouter.options().neighbours(5).build());
        int n = examples.size();
        int[] tokens = new int[n];
        double[][] predicted = new double[n][];
        double[][] quality = new double[n][];
        for (int i = 0; i < n; i++) {
            TrainingExample e = examples.get(i);
            tokens[i] = e.text().length() / 4;
            predicted[i] = knn.predictQuality(RoutingRequest.builder().text(e.text()).embedding(e.embedding()).build());
            quality[i] = e.quality();
        }
        trained = dir.resolve("knn.json");
        try {
            Files.writeString(trained, new CalibrationSample(set.models(), tokens, predicted, quality)
                    .addTo(knn.toJson()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        shrunk = dir.resolve("knn-shrunk.json");
        LearnedRouters.withShrinkage(knn, new QualityShrinkage(1, QualityShrinkage.means(set))).save(shrunk);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatModel fromYaml(String routerYaml) {
        String yaml = """
                tiers:
                  - name: small
                    model: {ref: small}
                    price: {input: 0.5, output: 1.5}
                  - name: standard
                    model: {ref: standard}
                    price: {input: 2, output: 6}
                  - name: strong
                    model: {ref: strong}
                    price: {input: 10, output: 30}
                strategy:
                  router:
                %s
                embedding-model:
                  provider: all-minilm-l6-v2-q
                """.formatted(routerYaml.indent(4).stripTrailing());
        return RouterConfig.fromString(yaml).toChatModel(ModelRegistry.of(Map.of(
                "small", model("small-model"), "standard", model("standard-model"), "strong", model("strong-model"))));
    }

    private static ChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static final String MAPPING = """
            tiers: {llama-7b: small, gpt-3.5: standard, gpt-4: strong}
            """;

    @Test
    void each_request_goes_to_the_cheapest_tier_predicted_to_answer_it_and_the_answer_lists_every_prediction() {
        ChatModel router = fromYaml("type: n-tier\nmodel: " + trained + "\n" + MAPPING
                + "lambda: 5\nexpected-output-tokens: 1000\n");

        AiMessage cooking = router.chat(UserMessage.from("How do I make mashed potatoes?")).aiMessage();
        AiMessage history = router.chat(UserMessage.from("Who was Napoleon Bonaparte?")).aiMessage();
        AiMessage proof = router.chat(UserMessage.from("Prove that the square root of 3 is irrational.")).aiMessage();

        assertThat(RoutingInfo.tierOf(cooking)).contains("small");
        assertThat(RoutingInfo.tierOf(history)).contains("standard");
        assertThat(RoutingInfo.tierOf(proof)).contains("strong");
        assertThat(history.attributes().get(RoutingInfo.PREDICTIONS)).isInstanceOfSatisfying(Map.class,
                p -> assertThat(p).containsOnlyKeys("small", "standard", "strong"));
        assertThat((String) history.attributes().get(RoutingInfo.REASON)).contains("predicted: small");
    }

    @Test
    void a_cost_share_target_is_calibrated_on_the_saved_sample_with_these_tiers_prices() {
        ChatModel cheap = fromYaml("type: n-tier\nmodel: " + trained + "\n" + MAPPING
                + "target: {cost-share: 0.05}\n");
        ChatModel generous = fromYaml("type: n-tier\nmodel: " + trained + "\n" + MAPPING
                + "policy: epsilon\ntarget: {quality: 1.0}\n");

        String proof = "Prove that the square root of 3 is irrational.";
        assertThat(RoutingInfo.tierOf(cheap.chat(UserMessage.from(proof)).aiMessage())).contains("small");
        assertThat(RoutingInfo.tierOf(generous.chat(UserMessage.from(proof)).aiMessage())).contains("strong");
        assertThat(RoutingInfo.tierOf(generous.chat(UserMessage.from("How do I make mashed potatoes?")).aiMessage()))
                .contains("small");
    }

    @Test
    void a_router_saved_with_full_shrinkage_predicts_the_training_means_for_every_request() {
        String cooking = "How do I make mashed potatoes?";
        ChatModel plain = fromYaml("type: n-tier\nmodel: " + trained + "\n" + MAPPING + "lambda: 0\n");
        ChatModel meansOnly = fromYaml("type: n-tier\nmodel: " + shrunk + "\n" + MAPPING + "lambda: 0\n");

        AiMessage fromNeighbours = plain.chat(UserMessage.from(cooking)).aiMessage();
        AiMessage fromMeans = meansOnly.chat(UserMessage.from(cooking)).aiMessage();

        assertThat(RoutingInfo.tierOf(fromNeighbours)).as("every tier answers it: the cheapest").contains("small");
        assertThat(RoutingInfo.tierOf(fromMeans)).as("gpt-4 has the best training mean").contains("strong");
        assertThat(fromMeans.attributes().get(RoutingInfo.PREDICTIONS)).isInstanceOfSatisfying(Map.class,
                p -> assertThat(p).containsEntry("strong", 1.0));
    }

    @Test
    void a_classifier_that_only_compares_two_models_is_refused(@TempDir Path dir) throws java.io.IOException {
        Path binary = dir.resolve("binary.json");
        io.github.router4j.learned.ClassifierRouter.train(LearnedRoutersEndToEndTest.trainingSet(embeddings),
                io.github.router4j.learned.ClassifierRouter.options().build()).save(binary);

        assertThatThrownBy(() -> fromYaml("type: n-tier\nmodel: " + binary + "\ntiers: {cheap-model: small}\n"
                + "lambda: 1\n"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.router.model")
                .hasMessageContaining("holds a classifier trained to compare two models only");
    }

    @Test
    void an_unknown_tier_or_model_in_the_mapping_names_the_yaml_path_and_line() {
        assertThatThrownBy(() -> fromYaml("type: n-tier\nmodel: " + trained
                + "\ntiers: {llama-7b: tiny, gpt-4: strong}\nlambda: 1\n"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.router.tiers.llama-7b")
                .hasMessageContaining("a tier name (one of small, standard, strong)")
                .hasMessageContaining("line 15");
        assertThatThrownBy(() -> fromYaml("type: n-tier\nmodel: " + trained
                + "\ntiers: {claude: small}\nlambda: 1\n"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("model 'claude' is not one the router was trained on: [llama-7b, gpt-3.5, gpt-4]");
        assertThatThrownBy(() -> fromYaml("type: n-tier\nmodel: " + trained + "\n" + MAPPING))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("give either 'lambda' or 'target'");
    }
}
