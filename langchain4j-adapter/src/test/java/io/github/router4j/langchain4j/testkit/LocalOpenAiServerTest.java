package io.github.router4j.langchain4j.testkit;

import io.github.router4j.testkit.LocalOpenAiServer;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.langchain4j.CollectingHandler;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalOpenAiServerTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request ->
            request.lastUserText().contains("weather") ? Reply.toolCall("weather", "{\"city\":\"Munich\"}")
                    : Reply.text("The answer is 4."));

    @AfterEach
    void close() {
        server.close();
    }

    static OpenAiChatModel model(LocalOpenAiServer server, String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    static OpenAiStreamingChatModel streamingModel(LocalOpenAiServer server, String name) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void answers_a_real_openai_client_with_text_and_usage() {
        ChatResponse response = model(server, "cheap").chat(UserMessage.from("What is 2 + 2?"));

        assertThat(response.aiMessage().text()).isEqualTo("The answer is 4.");
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("cheap");
            assertThat(r.lastUserText()).isEqualTo("What is 2 + 2?");
            assertThat(r.authorization()).isEqualTo("Bearer local");
        });
    }

    @Test
    void answers_with_tool_calls_whose_ids_name_the_model() {
        ToolSpecification weather = ToolSpecification.builder().name("weather")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").build()).build();
        ChatResponse response = model(server, "cheap").chat(ChatRequest.builder()
                .messages(UserMessage.from("weather in Munich?")).toolSpecifications(weather).build());

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("weather");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Munich\"}");
            assertThat(call.id()).startsWith("call_cheap_");
        });
        assertThat(server.requests().get(0).toolNames()).containsExactly("weather");
    }

    @Test
    void injected_errors_reach_the_client_as_langchain4j_exceptions_and_then_the_script_answers() {
        server.failNext("cheap", Reply.error(500, "boom"));
        server.failNext("cheap", Reply.rateLimited(Duration.ofSeconds(7)));
        OpenAiChatModel model = model(server, "cheap");

        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InternalServerException.class).hasMessageContaining("boom");
        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);
        assertThat(model.chat("hi")).isEqualTo("The answer is 4.");
        assertThat(model(server, "other").chat("hi")).isEqualTo("The answer is 4.");
    }

    @Test
    void streams_text_word_by_word_with_usage() throws Exception {
        CollectingHandler handler = new CollectingHandler();
        streamingModel(server, "cheap").chat("What is 2 + 2?", handler);

        ChatResponse response = handler.answer();
        assertThat(handler.tokens).containsExactly("The", " answer", " is", " 4.");
        assertThat(response.aiMessage().text()).isEqualTo("The answer is 4.");
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
        assertThat(server.requests().get(0).stream()).isTrue();
    }

    @Test
    void streams_tool_calls() throws Exception {
        CollectingHandler handler = new CollectingHandler();
        ToolSpecification weather = ToolSpecification.builder().name("weather").build();
        streamingModel(server, "strong").chat(ChatRequest.builder().messages(UserMessage.from("weather?"))
                .toolSpecifications(weather).build(), handler);

        assertThat(handler.answer().aiMessage().toolExecutionRequests()).singleElement()
                .satisfies(call -> assertThat(call.arguments()).isEqualTo("{\"city\":\"Munich\"}"));
    }

    @Test
    void a_stream_broken_after_some_chunks_ends_in_an_error_after_those_tokens() throws Exception {
        server.failNext("cheap", Reply.text("one two three four").withStreamFailureAfter(2));
        CollectingHandler handler = new CollectingHandler();
        streamingModel(server, "cheap").chat("count", handler);

        assertThatThrownBy(handler::answer).hasCauseInstanceOf(Throwable.class);
        assertThat(handler.tokens).containsExactly("one", " two");
    }
}
