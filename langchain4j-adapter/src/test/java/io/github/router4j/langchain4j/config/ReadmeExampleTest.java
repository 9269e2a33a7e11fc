package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import io.github.router4j.langchain4j.FallbackOrder;
import io.github.router4j.langchain4j.TieredChatModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The complete example of docs/configuration.md loads and builds as documented. */
class ReadmeExampleTest {

    private static final String EXAMPLE = "config/complete-example.yaml";

    @Test
    void theCompleteExampleLoadsAndBuilds() {
        RouterConfig config = RouterConfig.loader().environment(Map.of("OPENAI_API_KEY", "sk-test"))
                .fromClasspath(EXAMPLE);
        ChatModel strong = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:1/v1").modelName("strong").build();
        EmbeddingModel embeddings = new EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<java.util.List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                    java.util.List<dev.langchain4j.data.segment.TextSegment> segments) {
                return dev.langchain4j.model.output.Response.from(segments.stream()
                        .map(s -> dev.langchain4j.data.embedding.Embedding.from(new float[] {s.text().length(), 1}))
                        .toList());
            }
        };

        TieredChatModel model = config.toChatModel(ModelRegistry.builder().chatModel("strongModel", strong)
                .embeddingModel("embeddings", embeddings).build());

        assertThat(config.tiers()).extracting(TierInfo::name).containsExactly("cheap", "strong");
        assertThat(config.tiers().get(0).capabilities())
                .containsExactlyInAnyOrder(TierCapability.TOOLS, TierCapability.RESPONSE_FORMAT_JSON);
        assertThat(config.routerType()).contains("rules");
        assertThat(config.acceptanceType()).contains("accept-all");
        assertThat(config.fallbackOrder()).isEqualTo(FallbackOrder.STRONGER_THEN_WEAKER);
        assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(model.tiers()).hasSize(2);
        assertThat(model.tiers().get(0).firstTokenTimeout()).contains(Duration.ofSeconds(2));
        assertThat(model.tiers().get(0).interTokenTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void theConfigurationPageShowsExactlyThisExample() throws IOException {
        Path readme = Path.of("..", "docs", "configuration.md");
        assumeTrue(Files.exists(readme), "docs/configuration.md not found");
        String example;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EXAMPLE)) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(readme)).contains("```yaml\n" + example + "```\n");
    }
}
