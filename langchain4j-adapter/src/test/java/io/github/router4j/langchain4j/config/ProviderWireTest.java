package io.github.router4j.langchain4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.data.message.UserMessage;
import io.github.router4j.langchain4j.RoutingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Anthropic and Gemini tiers built from YAML send each provider's own request and read its
 * answer: a local server on 127.0.0.1 speaks the two wire formats for one chat call each.
 */
class ProviderWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received request: path, the headers that matter, the JSON body. */
    record Received(String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private String serve(String responseJson) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    JSON.readTree(body)));
            byte[] out = responseJson.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static ChatResponse ask(ChatModel model) {
        return model.chat(ChatRequest.builder().messages(UserMessage.from("What is 2 + 2?")).build());
    }

    @Test
    void anthropicTierSendsAMessagesRequestAndReadsTheAnswer() throws IOException {
        String base = serve("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
                 "content":[{"type":"text","text":"4"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"output_tokens":3}}""");
        RouterConfig config = RouterConfig.fromString("""
                tiers:
                  - name: claude
                    model: {provider: anthropic, base-url: '%s/v1/', model-name: claude-test, api-key: sk-ant-test,
                            max-tokens: 256, temperature: 0.2, max-retries: 0}
                    price: {input: 3, output: 15}
                """.formatted(base));

        ChatResponse answer = ask(config.toChatModel());

        assertThat(answer.aiMessage().text()).isEqualTo("4");
        assertThat(answer.tokenUsage().inputTokenCount()).isEqualTo(12);
        assertThat(answer.tokenUsage().outputTokenCount()).isEqualTo(3);
        assertThat(RoutingInfo.costOf(answer.aiMessage()).orElseThrow()).isEqualTo((12 * 3 + 3 * 15) / 1e6);
        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(request.header("anthropic-version")).isNotBlank();
        assertThat(request.body().get("model").asText()).isEqualTo("claude-test");
        assertThat(request.body().get("max_tokens").asInt()).isEqualTo(256);
        assertThat(request.body().get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.body().at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(request.body().at("/messages/0/content/0/text").asText()).isEqualTo("What is 2 + 2?");
        assertThat(config.toStreamingChatModel().tiers()).hasSize(1);
    }

    @Test
    void geminiTierSendsAGenerateContentRequestAndReadsTheAnswer() throws IOException {
        String base = serve("""
                {"candidates":[{"content":{"parts":[{"text":"4"}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":2,"totalTokenCount":11},
                 "modelVersion":"gemini-test"}""");
        RouterConfig config = RouterConfig.fromString("""
                tiers:
                  - name: gemini
                    model: {provider: gemini, base-url: '%s/v1beta', model-name: gemini-test, api-key: g-test,
                            max-output-tokens: 128, temperature: 0.3, max-retries: 0}
                    price: {input: 0.1, output: 0.4}
                """.formatted(base));

        ChatResponse answer = ask(config.toChatModel());

        assertThat(answer.aiMessage().text()).isEqualTo("4");
        assertThat(answer.tokenUsage().inputTokenCount()).isEqualTo(9);
        assertThat(answer.tokenUsage().outputTokenCount()).isEqualTo(2);
        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-test:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo("g-test");
        assertThat(request.body().at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(request.body().at("/contents/0/parts/0/text").asText()).isEqualTo("What is 2 + 2?");
        assertThat(request.body().at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(128);
        assertThat(request.body().at("/generationConfig/temperature").asDouble()).isEqualTo(0.3);
        assertThat(config.toStreamingChatModel().tiers()).hasSize(1);
    }

    @Test
    void aBadProviderFieldIsNamedByItsPath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouterConfig.fromString("""
                        tiers:
                          - name: claude
                            model: {provider: anthropic, model-name: claude-test, api-key: k, temperature: 3}
                            price: {input: 3, output: 15}
                        """))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("tiers[0].model.temperature: expected a number in [0, 1], got 3");
    }
}
