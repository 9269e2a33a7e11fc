package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.router4j.core.Route;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TieredStreamingChatModel with real OpenAI streaming clients against the local server. */
class TieredStreamingChatModelOpenAiTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        if ("tool".equals(request.lastRole())) {
            return Reply.text("It is 21 degrees (" + request.model() + ")");
        }
        if (request.lastUserText().contains("weather")) {
            return Reply.toolCall("temperature", "{\"city\":\"Munich\"}");
        }
        return Reply.text(request.model() + " streams this answer");
    });
    private final List<RoutingEvent> events = new CopyOnWriteArrayList<>();
    private final CollectingHandler collector = new CollectingHandler();
    private final List<String> tokens = collector.tokens;
    private final CompletableFuture<ChatResponse> done = collector.done;

    @AfterEach
    void close() {
        server.close();
    }

    private StreamingChatModel openAi(String name) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private TieredStreamingChatModel.Builder tiered() {
        return TieredStreamingChatModel.builder().routingListener(events::add).tiers(
                Tier.builder().name("cheap").streamingModel(openAi("cheap")).inputPricePerMillion(1).outputPricePerMillion(2).build(),
                Tier.builder().name("strong").streamingModel(openAi("strong")).inputPricePerMillion(10).outputPricePerMillion(30).build());
    }

    private StreamingChatResponseHandler handler() {
        return collector;
    }

    private ChatResponse answer() throws Exception {
        return collector.answer();
    }

    @Test
    void tokens_stream_straight_from_the_chosen_tier_with_routing_information_at_the_end() throws Exception {
        List<Object> listenerInfo = new CopyOnWriteArrayList<>();
        tiered().listeners(new dev.langchain4j.model.chat.listener.ChatModelListener() {
            @Override
            public void onResponse(dev.langchain4j.model.chat.listener.ChatModelResponseContext context) {
                listenerInfo.add(context.attributes().get(RoutingInfo.LISTENER_ATTRIBUTE));
            }
        }).build().chat("hello", handler());

        ChatResponse response = answer();
        assertThat(tokens).containsExactly("cheap", " streams", " this", " answer");
        assertThat(response.aiMessage().text()).isEqualTo("cheap streams this answer");
        assertThat(response.aiMessage().attributes()).containsEntry(RoutingInfo.TIER, "cheap");
        assertThat(events).singleElement().satisfies(e -> {
            TierCall call = e.routingInfo().answeringCall().orElseThrow();
            assertThat(call.streamedChunks()).isEqualTo(4);
            assertThat(call.timeToFirstToken()).isPresent();
            assertThat(call.interTokenLatency()).isPresent();
            assertThat(call.outputTokens()).isEqualTo(7);
            assertThat(e.routingInfo().cost()).isPositive();
        });
        assertThat(server.requests("strong")).isEmpty();
        assertThat(listenerInfo).singleElement().isSameAs(events.get(0).routingInfo());
    }

    @Test
    void a_tier_failing_before_its_first_token_falls_back_invisibly() throws Exception {
        server.failNext("cheap", Reply.error(500, "down"));

        tiered().build().chat("hello", handler());

        assertThat(answer().aiMessage().text()).isEqualTo("strong streams this answer");
        assertThat(tokens).containsExactly("strong", " streams", " this", " answer");
        assertThat(events.get(0).routingInfo().calls()).extracting(TierCall::outcome)
                .containsExactly(TierCall.Outcome.FAILED, TierCall.Outcome.ANSWERED);
    }

    @Test
    void a_stream_dropped_before_any_token_falls_back_too() throws Exception {
        server.failNext("cheap", Reply.text("never sent").withStreamFailureAfter(0));

        tiered().build().chat("hello", handler());

        assertThat(answer().aiMessage().text()).isEqualTo("strong streams this answer");
        assertThat(tokens).containsExactly("strong", " streams", " this", " answer");
    }

    @Test
    void a_rate_limited_tier_falls_back_and_cools_down() throws Exception {
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(30)));
        TieredStreamingChatModel model = tiered().build();

        model.chat("hello", handler());
        assertThat(answer().aiMessage().text()).startsWith("strong");

        CollectingHandler second = new CollectingHandler();
        model.chat("again", second);
        assertThat(second.answer().aiMessage().text()).startsWith("strong");
        assertThat(server.requests("cheap")).hasSize(1);
    }

    @Test
    void after_tokens_were_delivered_a_failure_goes_to_the_handler_without_switching_tiers() {
        server.failNext("cheap", Reply.text("one two three four").withStreamFailureAfter(2));

        tiered().build().chat("hello", handler());

        assertThatThrownBy(this::answer).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(AllTiersFailedException.class);
        assertThat(tokens).containsExactly("one", " two");
        assertThat(server.requests("strong")).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.failure()).isPresent();
            assertThat(e.routingInfo().calls()).singleElement().satisfies(c -> {
                assertThat(c.outcome()).isEqualTo(TierCall.Outcome.FAILED);
                assertThat(c.streamedChunks()).isEqualTo(2);
            });
        });
    }

    @Test
    void when_every_tier_fails_before_output_the_handler_gets_all_failures() {
        server.failNext("cheap", Reply.error(500, "cheap down"));
        server.failNext("strong", Reply.error(502, "strong down"));

        tiered().build().chat("hello", handler());

        assertThatThrownBy(this::answer).cause().isInstanceOfSatisfying(AllTiersFailedException.class,
                e -> assertThat(e.failures()).extracting(TierCall::tier).containsExactly("cheap", "strong"));
        assertThat(tokens).isEmpty();
    }

    static class Thermometer {
        @Tool("Current temperature in a city")
        int temperature(String city) {
            return 21;
        }
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    @Test
    void a_streaming_ai_service_tool_loop_stays_on_the_tier_that_made_the_call() throws Exception {
        AtomicInteger routed = new AtomicInteger();
        TieredStreamingChatModel model = tiered()
                .router((request, tiers) -> routed.getAndIncrement() == 0 ? Route.to(1, "first") : Route.to(0, "later"))
                .build();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(model)
                .tools(new Thermometer()).chatMemory(MessageWindowChatMemory.withMaxMessages(10)).build();

        assistant.chat("weather in Munich?").onPartialResponse(tokens::add)
                .onCompleteResponse(done::complete).onError(done::completeExceptionally).start();

        assertThat(answer().aiMessage().text()).isEqualTo("It is 21 degrees (strong)");
        assertThat(server.requests("strong")).hasSize(2);
        assertThat(server.requests("cheap")).isEmpty();
    }

    @Test
    void concurrent_streams_each_get_their_own_tier_and_fallback() throws Exception {
        server.failNext("cheap", 5, Reply.error(500, "busy"));
        TieredStreamingChatModel model = tiered().build();
        List<CollectingHandler> handlers = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            CollectingHandler handler = new CollectingHandler();
            handlers.add(handler);
            model.chat("request " + i, handler);
        }

        for (CollectingHandler handler : handlers) {
            ChatResponse response = handler.answer();
            String tier = (String) response.aiMessage().attributes().get(RoutingInfo.TIER);
            assertThat(String.join("", handler.tokens)).isEqualTo(tier + " streams this answer");
        }
        assertThat(events).hasSize(30);
        assertThat(events).filteredOn(e -> e.routingInfo().answeredBy().orElseThrow().equals("strong")).hasSize(5);
    }
}
