package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.core.routing.RuleBasedRouter;
import io.github.router4j.langchain4j.config.ModelRegistry;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Cost, cool-downs, Retry-After and streaming deadlines against real OpenAI clients and a local server. */
class ReliabilityOpenAiTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text("answer from " + request.model()));
    private final List<RoutingEvent> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void close() {
        server.close();
    }

    private ChatModel blocking(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).httpClientBuilder(RetryAfterHttpClient.builder().clock(clock)).build();
    }

    private OpenAiStreamingChatModel streaming(String name) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name)
                .timeout(Duration.ofSeconds(10)).httpClientBuilder(RetryAfterHttpClient.builder()).build();
    }

    private TieredChatModel tiered() {
        return TieredChatModel.builder().clock(clock).routingListener(events::add)
                .tiers(Tier.builder().name("cheap").model(blocking("cheap")).inputPricePerMillion(1).outputPricePerMillion(2).build(),
                        Tier.builder().name("strong").model(blocking("strong")).inputPricePerMillion(10).outputPricePerMillion(20).build())
                .build();
    }

    private double billed(String model, double in, double out) {
        LocalOpenAiServer.Usage u = server.billed(model);
        return (u.inputTokens() * in + u.outputTokens() * out) / 1e6;
    }

    @Test
    void an_empty_answer_is_booked_at_what_the_provider_billed_for_it() {
        server.failNext("cheap", Reply.text("").withUsage(40, 3));

        ChatResponse response = tiered().chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

        RoutingInfo info = events.get(0).routingInfo();
        assertThat(info.calls()).extracting(TierCall::outcome)
                .containsExactly(TierCall.Outcome.FAILED, TierCall.Outcome.ANSWERED);
        assertThat(info.calls().get(0).tokenUsage().inputTokenCount()).isEqualTo(40);
        assertThat(info.cost()).isPositive()
                .isCloseTo(billed("cheap", 1, 2) + billed("strong", 10, 20), within(1e-12));
        assertThat(RoutingInfo.costOf(response.aiMessage()).getAsDouble()).isCloseTo(info.cost(), within(1e-12));
    }

    @Test
    void a_streamed_empty_answer_is_booked_too() throws Exception {
        server.failNext("cheap", Reply.text("").withUsage(40, 3));
        TieredStreamingChatModel model = TieredStreamingChatModel.builder().routingListener(events::add)
                .tiers(Tier.builder().name("cheap").streamingModel(streaming("cheap")).inputPricePerMillion(1).outputPricePerMillion(2).build(),
                        Tier.builder().name("strong").streamingModel(streaming("strong")).inputPricePerMillion(10).outputPricePerMillion(20).build())
                .build();
        CollectingHandler handler = new CollectingHandler();

        model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);

        assertThat(handler.answer().aiMessage().text()).isEqualTo("answer from strong");
        assertThat(events.get(0).routingInfo().cost()).isPositive()
                .isCloseTo(billed("cheap", 1, 2) + billed("strong", 10, 20), within(1e-12));
    }

    @Test
    void a_rate_limited_tier_cools_down_for_the_retry_after_seconds_not_the_fixed_cool_down() {
        TieredChatModel model = tiered();
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(5)));

        assertThat(answerOf(model)).isEqualTo("strong");
        clock.advance(Duration.ofSeconds(4));
        assertThat(answerOf(model)).isEqualTo("strong");
        clock.advance(Duration.ofSeconds(2));
        assertThat(answerOf(model)).isEqualTo("cheap");
    }

    @Test
    void an_http_date_retry_after_counts_from_the_clock() {
        TieredChatModel model = tiered();
        server.failNext("cheap", Reply.rateLimitedUntil(clock.instant().plusSeconds(120)));

        assertThat(answerOf(model)).isEqualTo("strong");
        clock.advance(Duration.ofSeconds(100));
        assertThat(answerOf(model)).isEqualTo("strong");
        clock.advance(Duration.ofSeconds(21));
        assertThat(answerOf(model)).isEqualTo("cheap");
    }

    @Test
    void a_streaming_tier_cools_down_for_its_retry_after_too() throws Exception {
        TieredStreamingChatModel model = TieredStreamingChatModel.builder().clock(clock)
                .tiers(Tier.builder().name("cheap").streamingModel(streaming("cheap")).build(),
                        Tier.builder().name("strong").streamingModel(streaming("strong")).build())
                .build();
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(5)));

        assertThat(streamedAnswer(model)).isEqualTo("answer from strong");
        clock.advance(Duration.ofSeconds(4));
        assertThat(streamedAnswer(model)).isEqualTo("answer from strong");
        clock.advance(Duration.ofSeconds(2));
        assertThat(streamedAnswer(model)).isEqualTo("answer from cheap");
    }

    private static String streamedAnswer(TieredStreamingChatModel model) throws Exception {
        CollectingHandler handler = new CollectingHandler();
        model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);
        return handler.answer().aiMessage().text();
    }

    @Test
    void a_shorter_retry_after_written_later_never_shortens_the_cool_down() {
        TieredChatModel model = tiered();
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(60)));
        assertThat(answerOf(model)).isEqualTo("strong");
        // cheap is cooling, so the next request tries strong first; strong fails, cheap is tried anyway
        server.failNext("strong", Reply.error(500, "down"));
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> answerOf(model)).isInstanceOf(AllTiersFailedException.class);

        clock.advance(Duration.ofSeconds(10));

        assertThat(answerOf(model)).as("still cooling until 60 s, not 5 s").isEqualTo("strong");
    }

    @Test
    void a_tier_rate_limited_after_the_plan_was_made_is_skipped_before_its_call() {
        AtomicReference<TieredChatModel> self = new AtomicReference<>();
        ChatModel first = new ScriptedChatModel(r -> {
            // While this request is on 'first', another one is rate limited by 'second'.
            assertThat(answerOf(self.get(), "only second")).isEqualTo("third");
            throw new IllegalStateException("first tier down");
        });
        server.failNext("second", Reply.rateLimited(Duration.ofSeconds(30)));
        TieredChatModel model = TieredChatModel.builder().clock(clock).fallbackOrder(FallbackOrder.STRONGER_ONLY)
                .router(RuleBasedRouter.builder().whenContainsAny(List.of("only second"), "second").otherwise("first").build())
                .tiers(Tier.builder().name("first").model(first).build(),
                        Tier.builder().name("second").model(blocking("second")).build(),
                        Tier.builder().name("third").model(blocking("third")).build())
                .build();
        self.set(model);

        assertThat(answerOf(model)).isEqualTo("third");
        assertThat(server.requests("second")).as("only the other request's call").hasSize(1);
    }

    @Test
    void a_stream_that_sends_headers_and_then_nothing_is_replaced_at_the_first_token_deadline() throws Exception {
        server.failNext("cheap", Reply.text("too late").withStallAfterHeaders(Duration.ofSeconds(3)));
        CollectingHandler handler = new CollectingHandler();

        streamingTiered(Duration.ofMillis(300), null).chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);

        ChatResponse answer = handler.answer();
        assertThat(answer.aiMessage().text()).isEqualTo("answer from strong");
        assertThat(String.join("", handler.tokens)).isEqualTo("answer from strong");
        assertThat(events.get(0).routingInfo().calls().get(0).reason()).contains("delivered no token within 300 ms");
    }

    @Test
    void tokens_of_a_tier_given_up_at_its_deadline_never_reach_the_handler() throws Exception {
        server.failNext("cheap", Reply.text("late cheap tokens").withFirstTokenDelay(Duration.ofMillis(800)));
        EndCountingHandler handler = new EndCountingHandler();

        streamingTiered(Duration.ofMillis(300), null).chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);

        assertThat(handler.answer().aiMessage().text()).isEqualTo("answer from strong");
        Thread.sleep(1200); // the cheap tier's late tokens arrive meanwhile
        assertThat(String.join("", handler.tokens)).isEqualTo("answer from strong");
        assertThat(handler.ends).hasValue(1);
    }

    @Test
    void a_stream_that_stalls_mid_answer_ends_with_one_timeout_error() throws Exception {
        server.failNext("cheap", Reply.text("one two three four").withStallAfterChunks(2, Duration.ofSeconds(3)));
        EndCountingHandler handler = new EndCountingHandler();

        streamingTiered(null, Duration.ofMillis(300)).chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);

        assertThatThrownBy(handler::answer).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("stalled");
        assertThat(String.join("", handler.tokens)).isEqualTo("one two");
        Thread.sleep(500);
        assertThat(handler.ends).hasValue(1);
        assertThat(server.requests("strong")).isEmpty();
    }

    private RouterConfig yaml() {
        return RouterConfig.fromString("""
                tiers:
                  - name: cheap
                    model: {provider: openai, base-url: "%1$s", api-key: local, model-name: cheap}
                    price: {input: 1, output: 2}
                    first-token-timeout: 300ms
                    inter-token-timeout: 2s
                  - name: strong
                    model: {provider: openai, base-url: "%1$s", api-key: local, model-name: strong}
                    price: {input: 10, output: 20}
                """.formatted(server.baseUrl()));
    }

    @Test
    void yaml_tiers_honour_retry_after() {
        TieredChatModel model = yaml().chatModelBuilder(ModelRegistry.empty()).clock(clock).build();
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(5)));

        assertThat(answerOf(model)).isEqualTo("strong");
        clock.advance(Duration.ofSeconds(6));
        assertThat(answerOf(model)).isEqualTo("cheap");
    }

    @Test
    void yaml_streaming_routers_share_one_client_per_tier_and_carry_the_deadlines() throws Exception {
        RouterConfig config = yaml();
        TieredStreamingChatModel first = config.toStreamingChatModel();
        TieredStreamingChatModel second = config.toStreamingChatModel();

        assertThat(second.tiers().get(0).streamingModel().orElseThrow())
                .isSameAs(first.tiers().get(0).streamingModel().orElseThrow());
        assertThat(first.tiers().get(0).firstTokenTimeout()).contains(Duration.ofMillis(300));
        assertThat(first.tiers().get(0).interTokenTimeout()).contains(Duration.ofSeconds(2));

        server.failNext("cheap", Reply.text("never").withStallAfterHeaders(Duration.ofSeconds(2)));
        CollectingHandler handler = new CollectingHandler();
        second.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), handler);
        assertThat(handler.answer().aiMessage().text()).isEqualTo("answer from strong");
    }

    private TieredStreamingChatModel streamingTiered(Duration firstToken, Duration interToken) {
        return TieredStreamingChatModel.builder().routingListener(events::add)
                .tiers(Tier.builder().name("cheap").streamingModel(streaming("cheap"))
                                .firstTokenTimeout(firstToken).interTokenTimeout(interToken).build(),
                        Tier.builder().name("strong").streamingModel(streaming("strong")).build())
                .build();
    }

    private static String answerOf(ChatModel model) {
        return answerOf(model, "question");
    }

    private static String answerOf(ChatModel model, String question) {
        String text = model.chat(ChatRequest.builder().messages(UserMessage.from(question)).build()).aiMessage().text();
        return text.substring("answer from ".length());
    }

    static final class EndCountingHandler extends CollectingHandler {
        final java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onCompleteResponse(ChatResponse response) {
            ends.incrementAndGet();
            super.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            ends.incrementAndGet();
            super.onError(error);
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
