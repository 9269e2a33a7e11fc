package io.github.router4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's Spring Boot example, as an application: the starter and the README's application.yaml give a
 * working tiered bean, and its meters show on /actuator/prometheus.
 */
@SpringBootTest(classes = ReadmeSpringBootExampleTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=readme-application", "spring.main.banner-mode=off",
                "logging.level.root=warn"})
class ReadmeSpringBootExampleTest {

    private static final String EXAMPLE = "readme-application.yaml";

    /** gpt-4o-mini (the cheap tier) fails on "fail", so that the strong bean answers. */
    private static final LocalOpenAiServer SERVER = LocalOpenAiServer.start(request ->
            request.model().equals("gpt-4o-mini") && request.lastUserText().contains("fail")
                    ? Reply.error(500, "overloaded")
                    : Reply.text(request.model() + " answers").withUsage(1000, 500));

    @SpringBootApplication
    static class App {
        @Bean
        ChatModel strongModel() {
            return OpenAiChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("local").modelName("gpt-4o")
                    .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
        }
    }

    @DynamicPropertySource
    static void openAi(DynamicPropertyRegistry registry) {
        registry.add("OPENAI_BASE_URL", SERVER::baseUrl);
        registry.add("OPENAI_API_KEY", () -> "sk-local");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Autowired
    TieredChatModel tieredChatModel;

    @LocalServerPort
    int port;

    @Test
    void theTieredBeanAnswersAndItsMetersAreOnTheActuatorPrometheusEndpoint() throws Exception {
        assertThat(tieredChatModel.chat("hello")).isEqualTo("gpt-4o-mini answers");
        assertThat(tieredChatModel.chat("please fail")).isEqualTo("gpt-4o answers");
        assertThat(SERVER.requests("gpt-4o-mini").get(0).authorization()).isEqualTo("Bearer sk-local");

        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        String tags = "model=\"tieredChatModel\",outcome=\"answered\",router=\"cheapest-first\"";
        assertThat(scrape.body())
                .contains("router4j_requests_total{" + tags + ",tier=\"cheap\"} 1.0")
                .contains("router4j_requests_total{" + tags + ",tier=\"strong\"} 1.0")
                .contains("router4j_fallbacks_total{model=\"tieredChatModel\",reason=\"http-error\","
                        + "router=\"cheapest-first\",tier=\"cheap\"} 1.0")
                // 1,000 input and 500 output tokens at $0.15 / $0.60 per million.
                .contains("router4j_cost_dollars_sum{model=\"tieredChatModel\",router=\"cheapest-first\","
                        + "tier=\"cheap\"} 4.5E-4")
                .contains("router4j_decision_seconds_count{model=\"tieredChatModel\",router=\"cheapest-first\"} 2");
    }

    @Test
    void theReadmeShowsExactlyThisApplicationYaml() throws IOException {
        Path readme = Path.of("..", "README.md");
        assumeTrue(Files.exists(readme), "README.md not found");
        String example;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EXAMPLE)) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(readme)).contains("```yaml\n" + example + "```\n");
    }
}
