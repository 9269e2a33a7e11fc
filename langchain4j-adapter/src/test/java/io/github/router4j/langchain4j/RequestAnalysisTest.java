package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.github.router4j.core.TierCapability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestAnalysisTest {

    private static RequestAnalysis analyse(ChatRequest request) {
        return RequestAnalysis.of(request, RequestAnalysis.BARE_CONFIRMATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "Yes, go ahead!", "ok", "Sure, please do it.", "sounds good, thanks", "👍", "no"})
    void bare_confirmations_are_recognised(String text) {
        assertThat(RequestAnalysis.BARE_CONFIRMATION.test(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes, but use Postgres instead", "go ahead and prove the theorem", "What is 2 + 2?",
            "ok ok ok ok ok ok ok"})
    void requests_with_content_are_not_confirmations(String text) {
        assertThat(RequestAnalysis.BARE_CONFIRMATION.test(text)).isFalse();
    }

    @Test
    void the_routing_text_is_the_latest_user_message_never_system_text_or_tool_output() {
        AiMessage call = AiMessage.from(ToolExecutionRequest.builder().id("1").name("search").arguments("{}").build());
        RequestAnalysis analysis = analyse(ChatRequest.builder().messages(
                SystemMessage.from("You are helpful."), UserMessage.from("first question"), AiMessage.from("answer"),
                UserMessage.from("Find flights to Lisbon"), call,
                ToolExecutionResultMessage.from("1", "search", "a very long tool result ...")).build());

        assertThat(analysis.routingText()).isEqualTo("Find flights to Lisbon");
        assertThat(analysis.requiredCapabilities()).containsExactly(TierCapability.TOOLS);
        assertThat(analysis.stickyTier()).isEmpty();
    }

    @Test
    void a_tool_result_is_sticky_to_the_tier_named_in_the_calling_message() {
        AiMessage call = AiMessage.builder().attributes(Map.of(RoutingInfo.TIER, "strong"))
                .toolExecutionRequests(List.of(ToolExecutionRequest.builder().id("1").name("f").arguments("{}").build()))
                .build();

        RequestAnalysis analysis = analyse(ChatRequest.builder().messages(UserMessage.from("do f"), call,
                ToolExecutionResultMessage.from("1", "f", "done")).build());

        assertThat(analysis.stickyTier()).contains("strong");
        assertThat(analysis.stickyReason()).isEqualTo("tool results answer a call by tier 'strong'");
    }

    @Test
    void a_confirmation_routes_on_the_request_before_it_and_stays_on_the_tier_that_asked() {
        AiMessage question = AiMessage.builder().text("Delete all 3 files?").attributes(Map.of(RoutingInfo.TIER, "mid")).build();

        RequestAnalysis analysis = analyse(ChatRequest.builder().messages(UserMessage.from("Clean up the temp folder"),
                question, UserMessage.from("yes, go ahead")).build());

        assertThat(analysis.routingText()).isEqualTo("Clean up the temp folder");
        assertThat(analysis.stickyTier()).contains("mid");
    }

    @Test
    void a_lone_confirmation_is_still_routed_on_its_own_text() {
        assertThat(analyse(ChatRequest.builder().messages(UserMessage.from("ok")).build()).routingText()).isEqualTo("ok");
    }

    @Test
    void required_capabilities_come_from_tools_and_response_format() {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("x"))
                .toolSpecifications(ToolSpecification.builder().name("f").build())
                .responseFormat(ResponseFormat.JSON).build();

        assertThat(analyse(request).requiredCapabilities())
                .containsExactlyInAnyOrder(TierCapability.TOOLS, TierCapability.RESPONSE_FORMAT_JSON);
    }
}
