package io.github.router4j.langchain4j.config;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A YAML-configured router end to end: real OpenAiChatModel clients against the local server. */
class YamlRouterOpenAiTest {

    private static final String YAML = """
            tiers:
              - name: cheap
                model:
                  provider: openai
                  base-url: ${BASE_URL}
                  api-key: ${CHEAP_KEY}
                  model-name: cheap-model
                  timeout: 10s
                  max-retries: 0
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
                otherwise: cheap
              acceptance: {type: accept-all}
            fallback:
              order: stronger-then-weaker
              cooldown: 10m
            """;

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request ->
            Reply.text(request.model() + " answers: " + request.lastUserText()).withUsage(100, 20));

    @AfterEach
    void close() {
        server.close();
    }

    private TieredChatModel router(List<RoutingEvent> events) {
        ChatModel strong = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("strong-key")
                .modelName("strong-model").maxRetries(0).timeout(Duration.ofSeconds(10)).build();
        RouterConfig config = RouterConfig.loader()
                .environment(Map.of("BASE_URL", server.baseUrl(), "CHEAP_KEY", "cheap-key"))
                .fromString(YAML);
        return config.chatModelBuilder(ModelRegistry.of(Map.of("strongModel", strong)))
                .routingListener(events::add)
                .build();
    }

    @Test
    void anEasyRequestIsAnsweredByTheCheapTierItsProviderBuilt() {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        AiMessage answer = router(events).chat(dev.langchain4j.data.message.UserMessage.from("What is 2 + 2?"))
                .aiMessage();

        assertThat(answer.text()).isEqualTo("cheap-model answers: What is 2 + 2?");
        assertThat(RoutingInfo.tierOf(answer)).contains("cheap");
        assertThat(answer.attributes().get(RoutingInfo.REASON)).asString().contains("no rule matched");
        assertThat(RoutingInfo.costOf(answer).orElseThrow()).isCloseTo((100 * 0.5 + 20 * 1.5) / 1e6, within(1e-12));
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("cheap-model");
            assertThat(r.authorization()).isEqualTo("Bearer cheap-key");
        });
        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.routingInfo().answeredBy()).contains("cheap"));
    }

    @Test
    void aRuleSendsAHardRequestToTheRegisteredStrongModel() {
        AiMessage answer = router(new CopyOnWriteArrayList<>())
                .chat(dev.langchain4j.data.message.UserMessage.from("Prove that there are infinitely many primes"))
                .aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("strong");
        assertThat(answer.text()).startsWith("strong-model answers:");
        assertThat(RoutingInfo.costOf(answer).orElseThrow()).isCloseTo((100 * 10 + 20 * 30) / 1e6, within(1e-12));
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model).containsExactly("strong-model");
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer strong-key");
    }

    @Test
    void aServerErrorOnTheCheapTierFallsBackToTheStrongTier() {
        server.failNext("cheap-model", Reply.error(500, "upstream exploded"));
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();

        AiMessage answer = router(events).chat(dev.langchain4j.data.message.UserMessage.from("Hello")).aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("strong");
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model)
                .containsExactly("cheap-model", "strong-model");
        assertThat(events.get(0).routingInfo().calls()).extracting(c -> c.tier() + " " + c.outcome())
                .containsExactly("cheap FAILED", "strong ANSWERED");
    }

    @Test
    void aRateLimitedTierCoolsDownForTheConfiguredTime() {
        server.failNext("cheap-model", Reply.rateLimited(Duration.ofSeconds(20)));
        TieredChatModel router = router(new CopyOnWriteArrayList<>());

        AiMessage first = router.chat(dev.langchain4j.data.message.UserMessage.from("Hello")).aiMessage();
        AiMessage second = router.chat(dev.langchain4j.data.message.UserMessage.from("Hello again")).aiMessage();

        assertThat(RoutingInfo.tierOf(first)).contains("strong");
        assertThat(RoutingInfo.tierOf(second)).contains("strong");
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model)
                .containsExactly("cheap-model", "strong-model", "strong-model");
    }

    private static final String TWO_PROVIDER_TIERS = """
            tiers:
              - name: cheap
                model: {provider: openai, base-url: "${BASE_URL}", api-key: k, model-name: cheap-model%s}
                price: {input: 0.5, output: 1.5}
              - name: strong
                model: {provider: openai, base-url: "${BASE_URL}", api-key: k, model-name: strong-model}
                price: {input: 10, output: 30}
            """;

    private TieredChatModel providerRouter(String cheapExtra) {
        return RouterConfig.loader().environment(Map.of("BASE_URL", server.baseUrl()))
                .fromString(TWO_PROVIDER_TIERS.formatted(cheapExtra)).toChatModel();
    }

    @Test
    void aTierBuiltFromYamlIsNotRetriedByItsClientByDefaultSoTheRouterFallsBackAtOnce() {
        server.failNext("cheap-model", 3, Reply.error(500, "upstream exploded"));

        AiMessage answer = providerRouter("").chat(dev.langchain4j.data.message.UserMessage.from("Hello")).aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("strong");
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model)
                .containsExactly("cheap-model", "strong-model");
    }

    @Test
    void maxRetriesInYamlTurnsTheClientsOwnRetriesBackOn() {
        server.failNext("cheap-model", 1, Reply.error(500, "upstream exploded"));

        AiMessage answer = providerRouter(", max-retries: 1")
                .chat(dev.langchain4j.data.message.UserMessage.from("Hello")).aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("cheap");
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model)
                .containsExactly("cheap-model", "cheap-model");
    }
}
