package io.github.router4j.micrometer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.core.Verdict;
import io.github.router4j.langchain4j.AllTiersFailedException;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The meters after scripted traffic through real OpenAI clients and the local server. */
class RoutingMetricsTest {

    /** Every answer reports 1,000 input and 500 output tokens; "cheap" is unsure about hard questions. */
    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text(
            request.model().equals("cheap") && request.lastUserText().contains("hard") ? "unsure" : "sure")
            .withUsage(1000, 500));
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        server.close();
    }

    private ChatModel openAi(String name) {
        return LocalModels.chatModel(server, name);
    }

    private Tier tier(String name, double input, double output) {
        return Tier.builder().name(name).model(openAi(name))
                .streamingModel(OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local")
                        .modelName(name).timeout(Duration.ofSeconds(10)).build())
                .inputPricePerMillion(input).outputPricePerMillion(output).build();
    }

    /** cheap: $1 / $2 per million tokens, so $0.002 a call; strong: $10 / $20, so $0.02 a call. */
    private TieredChatModel model() {
        return TieredChatModel.builder()
                .tiers(tier("cheap", 1, 2), tier("strong", 10, 20))
                .acceptance(context -> context.answer().contains("unsure")
                        ? Verdict.escalate("unsure", Map.of("votes", 4.0, "observation", 0.25))
                        : Verdict.accept("sure", Map.of("votes", 4.0, "observation", 1.0)))
                .routingListener(RoutingMetrics.builder().registry(registry).modelName("support")
                        .routerType("cheapest-first").build())
                .build();
    }

    private RequiredSearch meter(String name, String... tags) {
        return registry.get(name).tags("model", "support", "router", "cheapest-first").tags(tags);
    }

    @Test
    void countsRequestsVerdictsEscalationsVotesAndDollars() {
        TieredChatModel model = model();

        model.chat("an easy question");
        model.chat("another easy question");
        model.chat("a hard question");

        assertThat(meter(RoutingMetrics.REQUESTS, "tier", "cheap", "outcome", "answered").counter().count())
                .isEqualTo(2);
        assertThat(meter(RoutingMetrics.REQUESTS, "tier", "strong", "outcome", "answered").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.VERDICTS, "tier", "cheap", "verdict", "accept").counter().count())
                .isEqualTo(2);
        assertThat(meter(RoutingMetrics.VERDICTS, "tier", "cheap", "verdict", "escalate").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.ESCALATIONS, "tier", "cheap").counter().count()).isEqualTo(1);
        // 4 votes per judged answer: 4 + 4 correct on the easy ones, 1 correct and 3 incorrect on the hard one.
        assertThat(meter(RoutingMetrics.VOTES, "tier", "cheap", "vote", "correct").counter().count()).isEqualTo(9);
        assertThat(meter(RoutingMetrics.VOTES, "tier", "cheap", "vote", "incorrect").counter().count()).isEqualTo(3);

        assertThat(meter(RoutingMetrics.COST, "tier", "cheap").summary().count()).isEqualTo(2);
        assertThat(meter(RoutingMetrics.COST, "tier", "cheap").summary().totalAmount()).isCloseTo(0.004, within(1e-12));
        // The escalated request paid both tiers: 0.002 + 0.02; the strongest tier alone would have cost 0.02.
        assertThat(meter(RoutingMetrics.COST, "tier", "strong").summary().totalAmount()).isCloseTo(0.022, within(1e-12));
        assertThat(meter(RoutingMetrics.SAVING, "tier", "cheap").summary().totalAmount()).isCloseTo(0.036, within(1e-12));
        assertThat(meter(RoutingMetrics.OVERSPEND, "tier", "strong").summary().totalAmount())
                .isCloseTo(0.002, within(1e-12));
        assertThat(meter(RoutingMetrics.COST).summary().getId().getBaseUnit()).isEqualTo("dollars");

        assertThat(meter(RoutingMetrics.DECISION).timer().count()).isEqualTo(3);
        assertThat(meter(RoutingMetrics.LATENCY, "tier", "cheap", "outcome", "answered").timer().count()).isEqualTo(2);
        assertThat(meter(RoutingMetrics.TIER_CALLS, "tier", "cheap", "outcome", "escalated").timer().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.TIER_CALLS, "tier", "strong", "outcome", "answered").timer().count())
                .isEqualTo(1);
    }

    @Test
    void countsFallbacksByReasonAndCooldowns() {
        TieredChatModel model = model();
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(1)));
        model.chat("an easy question");
        server.failNext("strong", Reply.error(500, "boom"));
        server.failNext("cheap", Reply.error(503, "down"));
        assertThatThrownBy(() -> model.chat("an easy question")).isInstanceOf(AllTiersFailedException.class);

        assertThat(meter(RoutingMetrics.FALLBACKS, "tier", "cheap", "reason", "rate-limit").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.COOLDOWNS, "tier", "cheap").counter().count()).isEqualTo(1);
        assertThat(meter(RoutingMetrics.FALLBACKS, "tier", "strong", "reason", "http-error").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.FALLBACKS, "tier", "cheap", "reason", "http-error").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.REQUESTS, "tier", "strong", "outcome", "answered").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.REQUESTS, "tier", "none", "outcome", "failed").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.LATENCY, "tier", "none", "outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(registry.find(RoutingMetrics.COST).tag("tier", "none").summary()).isNull();
    }

    @Test
    void timesTheFirstStreamedToken() throws Exception {
        TieredStreamingChatModel model = TieredStreamingChatModel.builder()
                .tiers(tier("cheap", 1, 2), tier("strong", 10, 20))
                .routingListener(RoutingMetrics.builder().registry(registry).modelName("support").build())
                .build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("an easy question", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        done.get(10, TimeUnit.SECONDS);

        assertThat(meter(RoutingMetrics.TIME_TO_FIRST_TOKEN, "tier", "cheap").timer().count()).isEqualTo(1);
        assertThat(meter(RoutingMetrics.TIME_TO_FIRST_TOKEN, "tier", "cheap").timer().totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(meter(RoutingMetrics.REQUESTS, "tier", "cheap", "outcome", "answered").counter().count())
                .isEqualTo(1);
        assertThat(meter(RoutingMetrics.COST, "tier", "cheap").summary().totalAmount()).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void recordsNoTextOfPromptsOrAnswers() {
        model().chat("a hard question about a secret");

        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                .noneMatch(t -> t.getValue().contains("secret") || t.getValue().contains("unsure")));
    }
}
