package io.github.router4j.langchain4j.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.scoring.Dimension;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.SpecScore;
import io.github.router4j.core.scoring.SubDimension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The log-probability judge against a server that returns OpenAI's {@code logprobs} (LocalOpenAiServer does not). */
class LlmJudgeLogProbabilitiesTest {

    static final String WITH_LOGPROBS = """
            {"id": "c1", "object": "chat.completion", "created": 1, "model": "judge",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Yes"}, "finish_reason": "stop",
               "logprobs": {"content": [{"token": "Yes", "logprob": %s, "bytes": [89, 101, 115],
                 "top_logprobs": [{"token": "Yes", "logprob": %s, "bytes": []}, {"token": "No", "logprob": %s, "bytes": []},
                                  {"token": " yes", "logprob": %s, "bytes": []}, {"token": "Maybe", "logprob": -4.0, "bytes": []}]}]}}],
             "usage": {"prompt_tokens": 40, "completion_tokens": 1, "total_tokens": 41}}
            """.formatted(Math.log(0.7), Math.log(0.7), Math.log(0.2), Math.log(0.05));
    static final String WITHOUT_LOGPROBS = """
            {"id": "c2", "object": "chat.completion", "created": 1, "model": "judge",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "No"}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 40, "completion_tokens": 1, "total_tokens": 41}}
            """;

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    HttpServer server;

    HttpServer serve(String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    SpecScore score(String reply) throws IOException {
        serve(reply);
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey("local").modelName("judge").maxRetries(0).build();
        ScoringSpec spec = ScoringSpec.of("s", "an assistant", List.of(Dimension.of("d", "", 1,
                SubDimension.llmJudge("polite", "Is the answer polite?", 1))));
        try (SpecScorer scorer = SpecScorer.builder().spec(spec)
                .judge(LlmJudge.builder().model(model).samples(3).logProbabilities(true).build()).build()) {
            return scorer.score("q", "a");
        }
    }

    @Test
    void oneCallGivesPYesFromTheTopLogProbabilities() throws IOException {
        SpecScore score = score(WITH_LOGPROBS);

        // P(yes) = 0.7 + 0.05 (" yes"), P(no) = 0.2; "Maybe" is neither
        assertThat(score.total()).isCloseTo(0.75 / 0.95, within(1e-9));
        assertThat(score.dimensions().get(0).subDimensions().get(0).explanation()).isEqualTo("P(yes) 0.789 from log-probabilities");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("logprobs").asBoolean()).isTrue();
        assertThat(requests.get(0).path("top_logprobs").asInt()).isEqualTo(10);
        assertThat(requests.get(0).path("temperature").asDouble()).isZero();
    }

    @Test
    void withoutLogProbabilitiesInTheResponseItFallsBackToVotes() throws IOException {
        SpecScore score = score(WITHOUT_LOGPROBS);

        assertThat(score.total()).isZero();
        assertThat(score.dimensions().get(0).subDimensions().get(0).explanation()).isEqualTo("0/3 yes");
        assertThat(requests).hasSize(4);
        assertThat(requests.get(1).path("logprobs").isMissingNode()).isTrue();
    }
}
