package io.github.router4j.learned.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.embeddings.CachingEmbeddingModel;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.MathAnswers;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The learned answer verifier as the cascade's acceptance step from YAML: trained on MiniLM embeddings of
 * prompt and answer plus answer features, it reads the cheap tier's real answer (from real OpenAiChatModel
 * clients against the local server) and escalates the wrong ones.
 */
class AnswerVerifierCascadeTest {

    private static CachingEmbeddingModel embeddings;
    private static LocalOpenAiServer server;

    @BeforeAll
    static void start() {
        embeddings = DefaultEmbeddingModels.routingDefault();
        // the cheap model gets "7 boxes" questions wrong; the strong model is always right
        server = LocalOpenAiServer.start(request -> {
            String q = request.lastUserText();
            int a = Integer.parseInt(q.replaceAll(".*buys (\\d+) boxes of (\\d+).*", "$1"));
            int b = Integer.parseInt(q.replaceAll(".*buys (\\d+) boxes of (\\d+).*", "$2"));
            boolean wrong = request.model().equals("cheap-model") && a == 7;
            return Reply.text(wrong ? MathAnswers.poor(a, b, 0) : MathAnswers.good(a, b)).withUsage(40, 30);
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path trainedVerifier(Path dir) {
        List<AnswerVerifier.Example> examples = new ArrayList<>();
        for (Object[] p : MathAnswers.pairs(60, 7)) {
            String q = (String) p[0];
            String answer = (String) p[1];
            examples.add(new AnswerVerifier.Example(q, embeddings.vector(q), answer, embeddings.vector(answer),
                    (Boolean) p[2]));
        }
        Path file = dir.resolve("verifier.json");
        AnswerVerifier.train(examples, ClassifierRouter.options().build()).save(file);
        return file;
    }

    private static ChatModel fromYaml(String acceptance) {
        String yaml = """
                tiers:
                  - name: cheap
                    model: {ref: cheap}
                    price: {input: 0.6, output: 0.6}
                  - name: strong
                    model: {ref: strong}
                    price: {input: 10, output: 30}
                strategy:
                  router: {type: cheapest-first}
                  acceptance:
                %s
                """.formatted(acceptance.indent(4).stripTrailing());
        return RouterConfig.fromString(yaml).toChatModel(ModelRegistry.of(Map.of(
                "cheap", model("cheap-model"), "strong", model("strong-model"))));
    }

    private static ChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void theCheapTiersWrongArithmeticIsEscalatedAndItsRightAnswerAccepted(@TempDir Path dir) {
        ChatModel router = fromYaml("""
                type: answer-verifier
                model: %s
                embedding-model: {provider: all-minilm-l6-v2-q}
                """.formatted(trainedVerifier(dir)));

        AiMessage right = router.chat(UserMessage.from(MathAnswers.question(4, 6))).aiMessage();
        AiMessage wrong = router.chat(UserMessage.from(MathAnswers.question(7, 6))).aiMessage();

        assertThat(RoutingInfo.tierOf(right)).contains("cheap");
        assertThat(right.text()).endsWith("#### 21");
        assertThat(RoutingInfo.tierOf(wrong)).contains("strong");
        assertThat(wrong.text()).endsWith("#### 39");
        assertThat(server.requests("cheap-model")).hasSize(2);
    }

    @Test
    void aVerifierWithEmbeddingsNeedsTheEmbeddingModelAndSaysWhere(@TempDir Path dir) {
        Path file = trainedVerifier(dir);

        assertThatThrownBy(() -> fromYaml("type: answer-verifier\nmodel: " + file))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.acceptance.embedding-model")
                .hasMessageContaining("uses embeddings");
        assertThatThrownBy(() -> fromYaml("type: answer-verifier\nmodel: " + dir.resolve("missing.json")))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.acceptance.model");
    }
}
