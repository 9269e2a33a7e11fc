package io.github.router4j.learned.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.trace.JsonlRoutingTraceStore;
import io.github.router4j.core.trace.RoutingTrace;
import io.github.router4j.core.trace.RoutingTraces;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.groups.Tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live routing writes traces: real OpenAiChatModel tiers against the local server, a cascade that
 * escalates hedged answers, and a {@link TraceRecorder} as the routing listener.
 */
class TraceRecorderTest {

    private static LocalOpenAiServer server;

    @BeforeAll
    static void start() {
        server = LocalOpenAiServer.start(request -> Reply.text(
                request.model().equals("cheap-model") && request.lastUserText().contains("hard")
                        ? "I'm not sure, probably 12." : "2 + 2 = 4\n#### 4").withUsage(20, 10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static OpenAiChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static TieredChatModel cascade(TraceRecorder recorder) {
        return TieredChatModel.builder()
                .tiers(Tier.builder().name("cheap").model(model("cheap-model")).build(),
                        Tier.builder().name("strong").model(model("strong-model")).build())
                .embeddingModel(DefaultEmbeddingModels.routingDefault())
                .acceptance(context -> context.answer().contains("not sure")
                        ? Verdict.escalate("hedged", Map.of("p_good", 0.2))
                        : Verdict.accept("plain", Map.of("p_good", 0.9)))
                .routingListener(recorder)
                .build();
    }

    @Test
    void everyRoutedRequestIsTracedWithItsTiersAnswerFeaturesAndEmbedding(@TempDir Path dir) {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            TieredChatModel model = cascade(TraceRecorder.builder().store(store).build());

            ChatResponse easy = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("easy: what is 2 + 2?")).build());
            ChatResponse hard = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("hard: what is 2 + 2?")).build());
            store.feedback(hard.id(), true);

            RoutingTraces read = store.read();
            assertThat(read.skipped()).isEmpty();
            assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly(easy.id(), hard.id());

            RoutingTrace accepted = read.traces().get(0);
            assertThat(accepted.promptEmbedding()).hasSize(384);
            assertThat(accepted.prompt()).isEmpty();
            assertThat(accepted.steps()).singleElement().satisfies(s -> {
                assertThat(s.tier()).isEqualTo("cheap");
                assertThat(s.outcome()).isEqualTo(RoutingTrace.Outcome.ANSWERED);
                assertThat(s.features()).containsEntry("final_answer_format", 1.0).containsEntry("hedging", 0.0);
                assertThat(s.verdict()).containsEntry("p_good", 0.9);
            });
            assertThat(accepted.cheapestWasGoodEnough()).contains(true);

            RoutingTrace escalated = read.traces().get(1);
            assertThat(escalated.steps()).extracting(RoutingTrace.Step::tier, RoutingTrace.Step::outcome)
                    .containsExactly(Tuple.tuple("cheap", RoutingTrace.Outcome.ESCALATED),
                            Tuple.tuple("strong", RoutingTrace.Outcome.ANSWERED));
            assertThat(escalated.steps().get(0).features().get("hedging")).isPositive();
            assertThat(escalated.steps().get(0).verdict()).containsEntry("p_good", 0.2);
            assertThat(escalated.good()).contains(true);
            assertThat(escalated.cheapestWasGoodEnough()).contains(false);
        }
    }

    @Test
    void thePromptTextIsRecordedOnlyWhenEnabled(@TempDir Path dir) {
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(dir.resolve("traces.jsonl"))) {
            cascade(TraceRecorder.builder().store(store).recordPrompt(true).build()).chat("easy: hello");

            assertThat(store.read().traces()).singleElement()
                    .satisfies(t -> assertThat(t.prompt()).contains("easy: hello"));
        }
    }
}
