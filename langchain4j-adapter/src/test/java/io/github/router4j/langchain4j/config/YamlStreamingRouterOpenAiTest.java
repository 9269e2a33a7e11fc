package io.github.router4j.langchain4j.config;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.langchain4j.CollectingHandler;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YAML router as a streaming model: real OpenAiStreamingChatModel clients against the local server. */
class YamlStreamingRouterOpenAiTest {

    private static final String YAML = """
            tiers:
              - name: cheap
                model:
                  provider: openai
                  base-url: ${BASE_URL}
                  api-key: local
                  model-name: cheap-model
                  timeout: 10s
                price: {input: 0.5, output: 1.5}
              - name: strong
                model: {ref: strongModel}
                price: {input: 10, output: 30}
            strategy:
              router:
                type: rules
                rules:
                  - contains-any: [prove]
                    tier: strong
            """;

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request ->
            Reply.text(request.model() + " streams an answer"));

    @AfterEach
    void close() {
        server.close();
    }

    private RouterConfig config() {
        return RouterConfig.loader().environment(Map.of("BASE_URL", server.baseUrl())).fromString(YAML);
    }

    private TieredStreamingChatModel streaming() {
        StreamingChatModel strong = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local")
                .modelName("strong-model").timeout(Duration.ofSeconds(10)).build();
        return config().toStreamingChatModel(ModelRegistry.builder().streamingChatModel("strongModel", strong).build());
    }

    private record Streamed(List<String> tokens, ChatResponse response) {
    }

    private static Streamed stream(TieredStreamingChatModel model, String question) throws Exception {
        CollectingHandler handler = new CollectingHandler();
        model.chat(ChatRequest.builder().messages(UserMessage.from(question)).build(), handler);
        return new Streamed(handler.tokens, handler.answer());
    }

    @Test
    void tokensStreamFromTheTierTheYamlRulesChoose() throws Exception {
        TieredStreamingChatModel model = streaming();

        Streamed easy = stream(model, "Hello");
        Streamed hard = stream(model, "Prove it");

        assertThat(String.join("", easy.tokens())).isEqualTo("cheap-model streams an answer");
        assertThat(easy.tokens()).hasSizeGreaterThan(1);
        assertThat(RoutingInfo.tierOf(easy.response().aiMessage())).contains("cheap");
        assertThat(String.join("", hard.tokens())).isEqualTo("strong-model streams an answer");
        assertThat(RoutingInfo.tierOf(hard.response().aiMessage())).contains("strong");
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.stream()).isTrue());
    }

    @Test
    void aTierFailingBeforeItsFirstTokenFallsBack() throws Exception {
        server.failNext("cheap-model", Reply.error(500, "down"));

        Streamed answer = stream(streaming(), "Hello");

        assertThat(String.join("", answer.tokens())).isEqualTo("strong-model streams an answer");
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model)
                .containsExactly("cheap-model", "strong-model");
    }

    @Test
    void aRefTierNeedsAStreamingModelOfThatName() {
        ChatModel blockingOnly = OpenAiChatModel.builder().baseUrl(server.baseUrl()).modelName("strong-model").build();

        assertThatThrownBy(() -> config().toStreamingChatModel(ModelRegistry.of(Map.of("strongModel", blockingOnly))))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("tiers[1].model.ref: no StreamingChatModel named 'strongModel' in the"
                        + " ModelRegistry; it has none");
    }
}
