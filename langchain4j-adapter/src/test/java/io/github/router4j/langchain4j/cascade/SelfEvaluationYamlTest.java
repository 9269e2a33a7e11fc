package io.github.router4j.langchain4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.github.router4j.core.cascade.Bandwidth;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strategy.acceptance.type: self-evaluation} loaded from YAML through the config SPI. */
class SelfEvaluationYamlTest {

    @TempDir
    Path dir;

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        if (request.lastUserText().contains("AI-generated answer")) {
            return Reply.text("{\"rationale\": \"wrong product\", \"judgement\": false}");
        }
        return Reply.text(request.model().equals("small") ? "41" : "42");
    });

    @BeforeEach
    void metaVerifier() throws Exception {
        MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3))
                .fit(new double[] {0.75, 0.875, 1.0, 1.0, 0.875}, new double[] {0.0, 0.125, 0.25, 0.0, 0.375})
                .save(dir.resolve("meta-verifier.json"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private String yaml(String acceptance) {
        return """
                tiers:
                  - name: small
                    model: {provider: openai, base-url: "%1$s", api-key: local, model-name: small, max-retries: 0}
                    price: {input: 0.2, output: 0.6}
                  - name: large
                    model: {provider: openai, base-url: "%1$s", api-key: local, model-name: large, max-retries: 0}
                    price: {input: 5, output: 15}
                strategy:
                  acceptance:
                    type: self-evaluation
                """.formatted(server.baseUrl()) + acceptance.indent(4);
    }

    private RouterConfig load(String acceptance) throws Exception {
        Path file = dir.resolve("router.yaml");
        Files.writeString(file, yaml(acceptance));
        return RouterConfig.loader().environment(Map.of()).load(file);
    }

    @Test
    void aYamlCascadeSelfEvaluatesAndEscalates() throws Exception {
        var model = load("""
                samples: 4
                temperature: 1.0
                meta-verifier: meta-verifier.json
                policy: reward
                lambda: 0.5
                costs: [1, 1.5]
                """).toChatModel();

        AiMessage answer = model.chat(ChatRequest.builder().messages(UserMessage.from("What is 6 x 7?")).build()).aiMessage();

        assertThat(answer.text()).isEqualTo("42");
        assertThat(RoutingInfo.tierOf(answer)).contains("large");
        assertThat(server.requests("small")).hasSize(1 + 4);
    }

    @Test
    void withAccuraciesTheRewardPolicyDecidesOnTheBeliefOverEveryTierTried() throws Exception {
        var model = load("""
                samples: 4
                meta-verifier: meta-verifier.json
                policy: reward
                lambda: 0.5
                costs: [1, 1.5]
                accuracies: [0.6, 0.9]
                """).toChatModel();

        AiMessage answer = model.chat(ChatRequest.builder().messages(UserMessage.from("What is 6 x 7?")).build()).aiMessage();

        assertThat(RoutingInfo.tierOf(answer)).contains("large");
        assertThat(answer.attributes().get(RoutingInfo.TRIED).toString()).contains("tiers_observed=1.000")
                .contains("p_good_current=");
    }

    @Test
    void thePomdpAndThresholdPoliciesLoadToo() throws Exception {
        assertThat(load("""
                meta-verifier: meta-verifier.json
                policy: pomdp
                lambda: 0.1
                price-per-request: {input-tokens: 1000, output-tokens: 500}
                accuracies: [0.6, 0.9]
                """).toChatModel()).isNotNull();
        var threshold = load("""
                policy: threshold
                threshold: 0.5
                """).toChatModel();
        assertThat(RoutingInfo.tierOf(threshold.chat(ChatRequest.builder()
                .messages(UserMessage.from("What is 6 x 7?")).build()).aiMessage())).contains("large");
    }

    @Test
    void mistakesNameTheirYamlPath() {
        assertThatThrownBy(() -> load("meta-verifier: meta-verifier.json\n").toChatModel())
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("strategy.acceptance.costs")
                .hasMessageContaining("give either costs");
        assertThatThrownBy(() -> load("meta-verifier: meta-verifier.json\ncosts: [1, 2, 3]\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.costs: expected one cost per tier (2), got 3");
        assertThatThrownBy(() -> load("meta-verifier: meta-verifier.json\ncosts: {small: 1, medium: 2}\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.costs.medium: unknown tier 'medium'");
        assertThatThrownBy(() -> load("costs: [1, 2]\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.meta-verifier: required field is missing");
        assertThatThrownBy(() -> load("meta-verifier: missing.json\ncosts: [1, 2]\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.meta-verifier: cannot read file").hasMessageContaining("missing.json");
        assertThatThrownBy(() -> load("policy: bandit\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.policy:");
        assertThatThrownBy(() -> load("meta-verifier: meta-verifier.json\npolicy: pomdp\ncosts: [1, 2]\naccuracies: [0.9, 0.6]\n")
                .toChatModel())
                .hasMessageStartingWith("strategy.acceptance.accuracies[1]: accuracies must not decrease");
        assertThatThrownBy(() -> load("samples: 8\nsampels: 4\n").toChatModel())
                .hasMessageContaining("unknown field 'sampels'");
    }

    @Test
    void aBrokenMetaVerifierFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"format\": \"router4j-meta-verifier\", \"version\": 1, \"good\": [1]}");

        assertThatThrownBy(() -> load("meta-verifier: broken.json\ncosts: [1, 2]\n").toChatModel())
                .hasMessageStartingWith("strategy.acceptance.meta-verifier: cannot read the meta-verifier: broken.json:");
    }
}
