package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** TieredChatModel with real OpenAI clients against the local OpenAI-compatible server. */
class TieredChatModelOpenAiTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        if ("tool".equals(request.lastRole())) {
            return Reply.text("It is 21 degrees in Munich (" + request.model() + ").");
        }
        if (request.lastUserText().contains("weather")) {
            return Reply.toolCall("temperature", "{\"city\":\"Munich\"}");
        }
        return Reply.text(request.model() + " says hello");
    });

    @AfterEach
    void close() {
        server.close();
    }

    private ChatModel openAi(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    private TieredChatModel.Builder tiered() {
        return TieredChatModel.builder().tiers(
                Tier.builder().name("cheap").model(openAi("cheap")).inputPricePerMillion(0.5).outputPricePerMillion(1.5).build(),
                Tier.builder().name("strong").model(openAi("strong")).inputPricePerMillion(10).outputPricePerMillion(30).build());
    }

    /** Routes the first request of a conversation to "strong", every later one to "cheap". */
    private static Router strongFirstThenCheap() {
        AtomicInteger calls = new AtomicInteger();
        return (request, tiers) -> calls.getAndIncrement() == 0 ? Route.to(1, "first call") : Route.to(0, "later call");
    }

    static class Thermometer {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Current temperature in a city, in degrees Celsius")
        int temperature(String city) {
            cities.add(city);
            return 21;
        }
    }

    interface Assistant {
        String chat(@MemoryId String user, @UserMessage String message);
    }

    /** A store that keeps only JSON, as a database would: every read deserializes. */
    static class JsonChatMemoryStore implements ChatMemoryStore {
        final Map<Object, String> json = new ConcurrentHashMap<>();

        @Override
        public List<ChatMessage> getMessages(Object id) {
            return ChatMessageDeserializer.messagesFromJson(json.getOrDefault(id, "[]"));
        }

        @Override
        public void updateMessages(Object id, List<ChatMessage> messages) {
            json.put(id, ChatMessageSerializer.messagesToJson(messages));
        }

        @Override
        public void deleteMessages(Object id) {
            json.remove(id);
        }
    }

    @Test
    void an_ai_service_tool_loop_stays_on_the_tier_that_made_the_call_through_persisted_memory() {
        Thermometer thermometer = new Thermometer();
        JsonChatMemoryStore store = new JsonChatMemoryStore();
        TieredChatModel model = tiered().router(strongFirstThenCheap()).build();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(thermometer)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
                        .chatMemoryStore(store).build())
                .build();

        String answer = assistant.chat("ann", "What's the weather in Munich?");

        assertThat(answer).isEqualTo("It is 21 degrees in Munich (strong).");
        assertThat(thermometer.cities).containsExactly("Munich");
        assertThat(server.requests("cheap")).isEmpty();
        assertThat(server.requests("strong")).hasSize(2);
        assertThat(server.requests("strong").get(1).messages().toString()).contains("call_strong_");
        assertThat(store.json.get("ann")).contains("\"router4j.tier\":\"strong\"");

        List<ChatMessage> reloaded = store.getMessages("ann");
        AiMessage last = (AiMessage) reloaded.get(reloaded.size() - 1);
        assertThat(RoutingInfo.tierOf(last)).contains("strong");
        assertThat(RoutingInfo.costOf(last)).isPresent();
    }

    @Test
    void the_whole_request_reaches_the_tier_as_the_openai_json_a_direct_client_would_send() {
        Thermometer thermometer = new Thermometer();
        Assistant viaTiers = AiServices.builder(Assistant.class).chatModel(tiered().build()).tools(thermometer)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10)).build();
        Assistant direct = AiServices.builder(Assistant.class).chatModel(openAi("cheap")).tools(thermometer)
                .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10)).build();

        viaTiers.chat("a", "weather?");
        var routed = server.requests("cheap").get(0).body();
        server.clearRequests();
        direct.chat("a", "weather?");
        var plain = server.requests("cheap").get(0).body();

        assertThat(routed).isEqualTo(plain);
        assertThat(routed.path("tools").get(0).path("function").path("name").asText()).isEqualTo("temperature");
    }

    @Test
    void falls_back_on_http_500_and_on_429_and_the_rate_limited_tier_cools_down() {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = tiered().routingListener(events::add).cooldown(Duration.ofMinutes(5)).build();

        server.failNext("cheap", Reply.error(500, "upstream exploded"));
        assertThat(model.chat("hi")).isEqualTo("strong says hello");

        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(20)));
        assertThat(model.chat("hi")).isEqualTo("strong says hello");
        assertThat(model.chat("hi again")).isEqualTo("strong says hello");

        assertThat(server.requests("cheap")).hasSize(2);
        assertThat(events).extracting(e -> e.routingInfo().calls().stream().map(c -> c.tier() + ":" + c.outcome()).toList())
                .containsExactly(List.of("cheap:FAILED", "strong:ANSWERED"), List.of("cheap:FAILED", "strong:ANSWERED"),
                        List.of("strong:ANSWERED"));
        assertThat(events.get(0).routingInfo().calls().get(0).reason()).contains("upstream exploded");
        assertThat(events.get(1).routingInfo().calls().get(0).error().orElseThrow())
                .isInstanceOf(dev.langchain4j.exception.RateLimitException.class);
        assertThat(events.get(2).routingInfo().reason()).contains("cooling down after a rate limit: cheap");
    }

    @Test
    void listeners_see_the_routing_information_and_the_tiers_own_listeners_fire_too() {
        List<ChatModelResponseContext> seen = new CopyOnWriteArrayList<>();
        ChatModelListener listener = new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext context) {
                seen.add(context);
            }
        };
        ChatModel cheap = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("cheap")
                .maxRetries(0).listeners(List.of(listener)).build();
        TieredChatModel model = TieredChatModel.builder().listeners(listener)
                .tiers(Tier.builder().name("cheap").model(cheap).build()).build();

        model.chat("hi");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).attributes().get(RoutingInfo.LISTENER_ATTRIBUTE))
                .isInstanceOfSatisfying(RoutingInfo.class, info -> assertThat(info.answeredBy()).contains("cheap"));
        assertThat(model.provider()).isEqualTo(dev.langchain4j.model.ModelProvider.OPEN_AI);
    }

    @Test
    void concurrent_requests_are_all_answered_and_failures_fall_back_independently() throws Exception {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = tiered().routingListener(events::add).build();
        server.failNext("cheap", 10, Reply.error(503, "overloaded"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                answers.add(pool.submit(() -> model.chat("request " + n)));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).endsWith("says hello");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(events).hasSize(80);
        assertThat(events).filteredOn(e -> e.routingInfo().answeredBy().orElseThrow().equals("strong")).hasSize(10);
        assertThat(server.requests("strong")).hasSize(10);
        assertThat(server.requests("cheap")).hasSize(80);
    }

    @Test
    void a_tier_that_times_out_falls_back_to_the_next() {
        ChatModel slowCheap = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("cheap")
                .maxRetries(0).timeout(Duration.ofMillis(300)).build();
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = TieredChatModel.builder().routingListener(events::add).tiers(
                Tier.builder().name("cheap").model(slowCheap).build(),
                Tier.builder().name("strong").model(openAi("strong")).build()).build();
        server.failNext("cheap", Reply.text("too late").withDelay(Duration.ofSeconds(2)));

        assertThat(model.chat("hi")).isEqualTo("strong says hello");
        assertThat(events.get(0).routingInfo().calls().get(0).reason()).containsIgnoringCase("timeout");
    }

    record Person(String name, int age) {
    }

    interface Extractor {
        Person extract(String text);
    }

    @Test
    void an_ai_service_json_schema_request_goes_only_to_the_tier_that_supports_json_schema() {
        ChatModel strongWithSchema = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local")
                .modelName("strong").maxRetries(0)
                .supportedCapabilities(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)).strictJsonSchema(true).build();
        TieredChatModel model = TieredChatModel.builder().tiers(
                Tier.builder().name("cheap").model(openAi("cheap")).build(),
                Tier.builder().name("strong").model(strongWithSchema).build()).build();
        server.failNext("strong", Reply.text("{\"name\":\"Ann\",\"age\":41}"));

        Person person = AiServices.create(Extractor.class, model).extract("Ann is 41.");

        assertThat(model.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(person).isEqualTo(new Person("Ann", 41));
        assertThat(server.requests("cheap")).isEmpty();
        assertThat(server.requests("strong").get(0).body().path("response_format").path("type").asText())
                .isEqualTo("json_schema");
    }
}
