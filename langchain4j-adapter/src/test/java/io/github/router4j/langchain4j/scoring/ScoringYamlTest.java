package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.TierCall;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.config.ModelRegistry;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringYamlTest {

    static final String TIERS = """
            tiers:
              - name: cheap
                model: {provider: openai, base-url: "${BASE_URL}", api-key: local, model-name: cheap, max-retries: 0}
                price: {input: 0.15, output: 0.6}
              - name: strong
                model: {provider: openai, base-url: "${BASE_URL}", api-key: local, model-name: strong, max-retries: 0}
                price: {input: 2.5, output: 10}
            """;

    @TempDir
    Path dir;

    final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        if (request.lastUserText().contains("Answer to evaluate:")) {
            return Reply.text("Yes");
        }
        return Reply.text("cheap".equals(request.model()) ? ScoringCascadeTest.LONG : ScoringCascadeTest.SHORT);
    });

    @AfterEach
    void close() {
        server.close();
    }

    RouterConfig load(String strategy) throws IOException {
        Files.writeString(dir.resolve("spec.yaml"), ScoringCascadeTest.SPEC_YAML);
        return RouterConfig.loader().environment(Map.of("BASE_URL", server.baseUrl())).baseDirectory(dir)
                .fromString(TIERS + strategy);
    }

    @Test
    void aScoreAcceptanceStepFromYamlEscalatesTheTooLongAnswer() throws IOException {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel listened = load("""
                strategy:
                  acceptance:
                    type: score
                    spec: spec.yaml
                    threshold: 0.75
                    skip-judges: false
                    judge: {tier: cheap, samples: 2}
                """).chatModelBuilder(ModelRegistry.empty()).routingListener(events::add).build();

        AiMessage answer = listened.chat(UserMessage.from("How hard should my tyres be?")).aiMessage();

        assertThat(answer.text()).isEqualTo(ScoringCascadeTest.SHORT);
        RoutingInfo info = events.get(0).routingInfo();
        assertThat(info.calls()).extracting(TierCall::outcome)
                .containsExactly(TierCall.Outcome.ESCALATED, TierCall.Outcome.ANSWERED);
        assertThat(info.calls().get(0).reason()).isEqualTo("score 0.500 < threshold 0.750");
        assertThat(server.requests("cheap").stream().filter(r -> r.lastUserText().contains("Answer to evaluate:")))
                .hasSize(2);
    }

    @Test
    void aDifficultySpecRouterFromYamlPicksTheStartingTier() throws IOException {
        Files.writeString(dir.resolve("difficulty.json"), """
                {"name": "difficulty", "dimensions": [{"label": "length", "sub_dimensions": [{"label": "long",
                 "scoring_type": "CODE", "java_class": "io.github.router4j.langchain4j.scoring.ScoringCascadeTest$LongRequest"}]}]}
                """);
        RouterConfig config = load("""
                strategy:
                  router: {type: difficulty-spec, spec: difficulty.json, thresholds: [0.5]}
                """);

        Route easy = config.router().orElseThrow().route(RoutingRequest.of("hi"), config.tiers());
        Route hard = config.router().orElseThrow().route(RoutingRequest.of("word ".repeat(25)), config.tiers());

        assertThat(easy.tier()).isZero();
        assertThat(hard.tier()).isEqualTo(1);
    }

    @Test
    void withAMetaVerifierTheThresholdAppliesToPGoodFromTheScore() throws IOException {
        Files.writeString(dir.resolve("length.yaml"), """
                name: length only
                dimensions:
                  - label: length
                    sub_dimensions:
                      - {label: words, scoring_type: CODE, java_class: "io.github.router4j.langchain4j.scoring.SpecScorerTest$AtMostTwentyWords"}
                """);
        MetaVerifier.builder().fit(new double[] {0.8, 0.85, 0.9, 0.95, 1.0}, new double[] {0.0, 0.05, 0.1, 0.15, 0.2})
                .save(dir.resolve("score-kde.json"));
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = load("""
                strategy:
                  acceptance: {type: score, spec: length.yaml, threshold: 0.5, meta-verifier: score-kde.json}
                """).chatModelBuilder(ModelRegistry.empty()).routingListener(events::add).build();

        model.chat(UserMessage.from("How hard should my tyres be?"));

        TierCall cheap = events.get(0).routingInfo().calls().get(0);
        assertThat(cheap.outcome()).isEqualTo(TierCall.Outcome.ESCALATED);
        assertThat(cheap.reason()).contains("P(good)");
    }

    @Test
    void mistakesNameTheirYamlPath() throws IOException {
        assertThatThrownBy(() -> load("""
                strategy:
                  acceptance: {type: score, spec: spec.yaml, threshold: high, judge: {tier: cheap}}
                """).toChatModel(ModelRegistry.empty()))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("strategy.acceptance.threshold: expected a number in [0, 1]");
        assertThatThrownBy(() -> load("""
                strategy:
                  acceptance: {type: score, spec: spec.yaml, threshold: 0.5}
                """).toChatModel(ModelRegistry.empty()))
                .hasMessageStartingWith("strategy.acceptance.judge: required field is missing; expected a judge"
                        + " ({tier: name} or {ref: model}), because dimensions[0].sub_dimensions[0] is LLM_JUDGE");
        Files.writeString(dir.resolve("bad.yaml"), ScoringCascadeTest.SPEC_YAML.replace("scoring_type: CODE", "scoring_type: PYTHON_CODE"));
        assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of("BASE_URL", server.baseUrl())).baseDirectory(dir)
                .fromString(TIERS + """
                        strategy:
                          acceptance: {type: score, spec: bad.yaml, threshold: 0.5, judge: {tier: cheap}}
                        """).toChatModel(ModelRegistry.empty()))
                .hasMessageStartingWith("strategy.acceptance.spec: bad.yaml: dimensions[1].sub_dimensions[0].scoring_type:"
                        + " PYTHON_CODE is not supported");
        assertThatThrownBy(() -> load("""
                strategy:
                  acceptance: {type: score, spec: spec.yaml, threshold: 0.5, judge: {tier: medium}}
                """).toChatModel(ModelRegistry.empty()))
                .hasMessageStartingWith("strategy.acceptance.judge.tier:");
    }
}
