package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.AiServices;
import io.github.router4j.core.cascade.ThresholdPolicy;
import io.github.router4j.core.routing.RuleBasedRouter;
import io.github.router4j.langchain4j.cascade.SelfEvaluation;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the router and the judge read, with real OpenAI clients against the local server: the user's
 * question rather than retrieved documents, the tool results an answer must agree with, each tier's
 * own model, and listener attributes on every call.
 */
class RoutingInputsOpenAiTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        String user = request.lastUserText();
        if (user.contains("AI-generated answer")) {
            boolean contradicted = user.contains("Tool weather returned: -5°C, snow") && user.contains("It is 5°C");
            return Reply.text("{\"rationale\": \"checked\", \"judgement\": " + !contradicted + "}").withUsage(50, 10);
        }
        if ("tool".equals(request.lastRole())) {
            return Reply.text(request.model().equals("cheap") ? "It is 5°C in Oslo." : "It is -5°C and snowing in Oslo.")
                    .withUsage(30, 8);
        }
        if (user.contains("weather")) {
            return Reply.toolCall("weather", "{\"city\":\"Oslo\"}").withUsage(20, 5);
        }
        return Reply.text(request.model() + " answers").withUsage(10, 3);
    });
    private final List<Map<Object, Object>> cheapCallAttributes = new CopyOnWriteArrayList<>();
    private SelfEvaluation evaluation;

    @AfterEach
    void close() {
        server.close();
        if (evaluation != null) {
            evaluation.close();
        }
    }

    private ChatModel openAi(String name, List<ChatModelListener> listeners) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).listeners(listeners).build();
    }

    private TieredChatModel.Builder tiered() {
        ChatModelListener recorder = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext context) {
                cheapCallAttributes.add(Map.copyOf(context.attributes()));
            }
        };
        return TieredChatModel.builder().tiers(
                Tier.builder().name("cheap").model(openAi("cheap", List.of(recorder)))
                        .inputPricePerMillion(1).outputPricePerMillion(2).build(),
                Tier.builder().name("strong").model(openAi("strong", List.of()))
                        .inputPricePerMillion(10).outputPricePerMillion(30).build());
    }

    interface Assistant {
        String chat(String message);
    }

    @Test
    void an_ai_service_with_a_content_retriever_routes_on_the_users_question_not_the_retrieved_documents() {
        TieredChatModel model = tiered().router(RuleBasedRouter.builder()
                .whenContainsAny(List.of("refund", "legal"), "strong").otherwise("cheap").build()).build();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                .contentRetriever(query -> List.of(Content.from(
                        "Refund policy: refunds are handled by the legal department within 30 days.")))
                .build();

        String answer = assistant.chat("What are your opening hours?");

        assertThat(answer).isEqualTo("cheap answers");
        assertThat(server.requests("strong")).isEmpty();
        assertThat(server.requests("cheap").get(0).lastUserText())
                .as("the tier still receives the retrieved information")
                .contains("What are your opening hours?").contains("Answer using the following information:")
                .contains("Refund policy");
    }

    @Test
    void without_the_default_extractor_the_retrieved_keyword_would_have_decided_the_tier() {
        TieredChatModel model = tiered().routingText(RoutingTextExtractor.identity()).router(RuleBasedRouter.builder()
                .whenContainsAny(List.of("refund"), "strong").otherwise("cheap").build()).build();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                .contentRetriever(query -> List.of(Content.from("Refund policy: 30 days.")))
                .build();

        assertThat(assistant.chat("What are your opening hours?")).isEqualTo("strong answers");
    }

    static class Weather {
        @Tool("Current weather in a city")
        String weather(String city) {
            return "-5°C, snow";
        }
    }

    @Test
    void an_agent_whose_tool_result_contradicts_the_cheap_answer_escalates_because_the_votes_read_the_tool_result() {
        evaluation = SelfEvaluation.builder().samples(3).build();
        AtomicReference<RoutingEvent> routed = new AtomicReference<>();
        TieredChatModel model = tiered().acceptance(AcceptanceStep.of(evaluation, ThresholdPolicy.onShare(0.5)))
                .routingListener(routed::set).build();
        Assistant agent = AiServices.builder(Assistant.class).chatModel(model).tools(new Weather())
                .chatMemory(MessageWindowChatMemory.withMaxMessages(20)).build();

        String answer = agent.chat("What is the weather in Oslo?");

        assertThat(answer).isEqualTo("It is -5°C and snowing in Oslo.");
        RoutingInfo info = routed.get().routingInfo();
        assertThat(info.answeredBy()).contains("strong");
        assertThat(info.calls()).extracting(TierCall::tier, TierCall::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cheap", TierCall.Outcome.ESCALATED),
                org.assertj.core.groups.Tuple.tuple("strong", TierCall.Outcome.ANSWERED));
        List<LocalOpenAiServer.Request> votes = server.requests("cheap").stream()
                .filter(r -> r.lastUserText().contains("AI-generated answer")).toList();
        assertThat(votes).hasSize(3).allSatisfy(v -> assertThat(v.lastUserText())
                .contains("Question: What is the weather in Oslo?")
                .contains("Assistant called tool weather({\"city\":\"Oslo\"})")
                .contains("Tool weather returned: -5°C, snow")
                .contains("AI-generated answer: It is 5°C in Oslo."));
    }

    @Test
    void votes_carry_the_callers_listener_attributes_and_their_purpose_and_routing_info_counts_every_token() {
        evaluation = SelfEvaluation.builder().samples(2).build();
        TieredChatModel model = tiered().acceptance(AcceptanceStep.of(evaluation, ThresholdPolicy.onShare(0.5))).build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Hello")).build();

        ChatResponse response = model.chat(request,
                ChatRequestOptions.builder().listenerAttributes(Map.of("trace-id", "t-1")).build());

        assertThat(cheapCallAttributes).hasSize(3);
        assertThat(cheapCallAttributes.get(0)).containsEntry("trace-id", "t-1").containsEntry(RoutingInfo.TIER, "cheap")
                .doesNotContainKey(RoutingInfo.PURPOSE);
        assertThat(cheapCallAttributes.subList(1, 3)).allSatisfy(a -> assertThat(a)
                .containsEntry("trace-id", "t-1").containsEntry(RoutingInfo.PURPOSE, RoutingInfo.PURPOSE_SELF_EVALUATION));
        assertThat(response.tokenUsage().totalTokenCount()).as("the answering call's own usage").isEqualTo(13);
        assertThat(response.aiMessage().attributes()).containsEntry(RoutingInfo.TOTAL_TOKENS, 13 + 2 * 60);
    }

    @Test
    void a_model_name_in_the_request_or_the_defaults_is_dropped_so_each_tier_calls_its_own_model() {
        TieredChatModel model = tiered().router(RuleBasedRouter.builder()
                        .whenContainsAny(List.of("hard"), "strong").otherwise("cheap").build())
                .defaultRequestParameters(ChatRequestParameters.builder().modelName("gpt-default").build()).build();

        ChatResponse easy = model.chat(ChatRequest.builder().messages(UserMessage.from("easy")).build());
        ChatResponse hard = model.chat(ChatRequest.builder().messages(UserMessage.from("hard"))
                .parameters(ChatRequestParameters.builder().modelName("gpt-4o").temperature(0.2).build()).build());

        assertThat(model.defaultRequestParameters().modelName()).isNull();
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model).containsExactly("cheap", "strong");
        assertThat(server.requests("strong").get(0).body().path("temperature").asDouble())
                .as("other parameters still reach the tier").isEqualTo(0.2);
        assertThat(RoutingInfo.tierOf(easy.aiMessage())).contains("cheap");
        assertThat(RoutingInfo.tierOf(hard.aiMessage())).contains("strong");
    }

    @Test
    void self_evaluation_votes_copy_no_model_name() {
        evaluation = SelfEvaluation.builder().samples(2).build();
        TieredChatModel model = tiered().acceptance(AcceptanceStep.of(evaluation, ThresholdPolicy.onShare(0.5))).build();

        AiMessage answer = model.chat(ChatRequest.builder().messages(UserMessage.from("Hello"))
                .parameters(ChatRequestParameters.builder().modelName("gpt-4o").build()).build()).aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("cheap");
        assertThat(server.requests()).hasSize(3).extracting(LocalOpenAiServer.Request::model).containsOnly("cheap");
    }

    @Test
    void a_streaming_tier_sees_its_name_and_its_own_model_while_the_caller_sees_the_routing() throws Exception {
        List<Map<Object, Object>> seen = new CopyOnWriteArrayList<>();
        ChatModelListener recorder = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext context) {
                seen.add(Map.copyOf(context.attributes()));
            }
        };
        TieredStreamingChatModel model = TieredStreamingChatModel.builder().tiers(
                Tier.builder().name("cheap").streamingModel(OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl())
                        .apiKey("local").modelName("cheap").listeners(List.of(recorder)).build()).build(),
                Tier.builder().name("strong").streamingModel(OpenAiStreamingChatModel.builder()
                        .baseUrl(server.baseUrl()).apiKey("local").modelName("strong").build()).build()).build();
        CollectingHandler handler = new CollectingHandler();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Hello"))
                        .parameters(ChatRequestParameters.builder().modelName("gpt-4o").build()).build(),
                ChatRequestOptions.builder().listenerAttributes(Map.of("trace-id", "t-2")).build(), handler);

        assertThat(handler.answer().aiMessage().text()).isEqualTo("cheap answers");
        assertThat(seen).singleElement().satisfies(a -> assertThat(a).containsEntry("trace-id", "t-2")
                .containsEntry(RoutingInfo.TIER, "cheap"));
        assertThat(server.requests()).extracting(LocalOpenAiServer.Request::model).containsExactly("cheap");
    }
}
