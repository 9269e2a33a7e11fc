package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code streaming-ref} names a tier's streaming model when it is registered under another name than {@code ref}. */
class StreamingRefTest {

    private static final String YAML = """
            tiers:
              - {name: cheap, model: {ref: cheap, streaming-ref: cheapStreaming}, price: {input: 1, output: 2}}
            """;

    private final ChatModel cheap = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:1/v1").modelName("c").build();
    private final StreamingChatModel cheapStreaming = OpenAiStreamingChatModel.builder()
            .baseUrl("http://127.0.0.1:1/v1").modelName("c").build();

    @Test
    void theStreamingRouterTakesTheModelNamedByStreamingRef() {
        TieredStreamingChatModel model = RouterConfig.fromString(YAML).toStreamingChatModel(ModelRegistry.builder()
                .chatModel("cheap", cheap).streamingChatModel("cheapStreaming", cheapStreaming).build());

        assertThat(model.tiers().get(0).streamingModel()).containsSame(cheapStreaming);
        assertThat(model.tiers().get(0).model()).isSameAs(cheap);
    }

    @Test
    void aMissingStreamingModelIsNamedByItsPath() {
        assertThatThrownBy(() -> RouterConfig.fromString(YAML).toStreamingChatModel(ModelRegistry.of(
                java.util.Map.of("cheap", cheap))))
                .hasMessageStartingWith("tiers[0].model.streaming-ref: no StreamingChatModel named 'cheapStreaming'");
    }

    @Test
    void streamingRefNeedsRef() {
        assertThatThrownBy(() -> RouterConfig.fromString("""
                tiers:
                  - {name: a, model: {provider: openai, model-name: x, streaming-ref: s}, price: {input: 1, output: 2}}
                """)).hasMessageStartingWith("tiers[0].model.streaming-ref: unknown field 'streaming-ref'");
    }
}
