package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.scoring.CodeScorer;
import io.github.router4j.core.scoring.CustomModels;
import io.github.router4j.core.scoring.Score;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.core.scoring.SpecScore;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpecScorerTest {

    /** 1 up to 20 words, else 0. */
    public static final class AtMostTwentyWords implements CodeScorer {
        @Override
        public Score score(String response, String input) {
            int words = response.isBlank() ? 0 : response.strip().split("\\s+").length;
            return Score.of(words <= 20 ? 1 : 0, words + " words");
        }
    }

    static final String SPEC_YAML = """
            name: support answers
            description: A customer-support assistant for a bicycle shop.
            dimensions:
              - label: manner
                weight: 1
                sub_dimensions:
                  - label: polite
                    description: Is the answer polite?
                    scoring_type: LLM_JUDGE
                  - label: short
                    description: At most twenty words.
                    scoring_type: CODE
                    java_class: io.github.router4j.langchain4j.scoring.SpecScorerTest$AtMostTwentyWords
              - label: substance
                weight: 3
                sub_dimensions:
                  - label: correct
                    description: Is the answer factually correct?
                    scoring_type: PI_SCORER
                  - label: on topic
                    description: a trained relevance classifier
                    scoring_type: CUSTOM_MODEL
                    custom_model_id: relevance
            """;

    LocalOpenAiServer server;
    ChatModel judgeModel;
    final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        // polite: always yes; anything else: yes to the first 3 of every 5 identical questions
        server = LocalOpenAiServer.start(request -> {
            String prompt = request.lastUserText();
            if (prompt.contains("Question: Is the answer polite?")) {
                return Reply.text("Yes.");
            }
            int n = asked.computeIfAbsent(prompt, p -> new AtomicInteger()).getAndIncrement();
            return Reply.text(n % 5 < 3 ? "yes" : "No, it is not.");
        });
        judgeModel = judge(server);
    }

    static ChatModel judge(LocalOpenAiServer server) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("judge").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    SpecScorer scorer(ScoringSpec spec) {
        return SpecScorer.builder().spec(spec).judge(LlmJudge.builder().model(judgeModel).samples(5).build())
                .customModels(CustomModels.none().with("relevance", (input, output) -> output.contains("brake") ? 0.9 : 0.1))
                .build();
    }

    @Test
    void scoresEverySubDimensionConcurrentlyAndAggregates() {
        ScoringSpec spec = ScoringSpecs.fromYaml(SPEC_YAML, "test");
        List<TokenUsage> usages = new CopyOnWriteArrayList<>();
        try (SpecScorer scorer = scorer(spec)) {
            SpecScore score = scorer.score("How do I fix squeaky brakes?",
                    "Clean the brake pads and the rim with alcohol, then adjust the pads.", usages::add);

            assertThat(score.dimensions().get(0).subDimensions()).extracting(SpecScore.SubDimensionScore::raw)
                    .containsExactly(1.0, 1.0);
            assertThat(score.dimensions().get(0).subDimensions().get(0).explanation()).isEqualTo("5/5 yes");
            assertThat(score.dimensions().get(0).subDimensions().get(1).explanation()).isEqualTo("13 words");
            assertThat(score.dimensions().get(1).subDimensions()).extracting(SpecScore.SubDimensionScore::raw)
                    .containsExactly(0.6, 0.9);
            // manner 1.0 (weight 1/4); substance (0.6 + 0.9) / 2 = 0.75 (weight 3/4)
            assertThat(score.total()).isCloseTo(0.25 * 1.0 + 0.75 * 0.75, within(1e-12));
            assertThat(server.requests("judge")).hasSize(10);
            assertThat(usages).hasSize(10);
            assertThat(server.requests().get(0).body().path("temperature").asDouble()).isEqualTo(1.0);
            assertThat(server.requests().get(0).lastUserText()).contains("A customer-support assistant for a bicycle shop.",
                    "How do I fix squeaky brakes?", "Clean the brake pads");
        }
    }

    @Test
    void cachesScoresBySpecInputAndOutput() {
        try (SpecScorer scorer = scorer(ScoringSpecs.fromYaml(SPEC_YAML, "test"))) {
            SpecScore first = scorer.score("q", "a polite answer");
            List<TokenUsage> usages = new CopyOnWriteArrayList<>();
            SpecScore second = scorer.score("q", "a polite answer", usages::add);
            scorer.score("q", "another answer");

            assertThat(second).isSameAs(first);
            assertThat(usages).isEmpty();
            assertThat(server.requests("judge")).hasSize(20);
        }
    }

    @Test
    void aFailingJudgeLeavesItsSubDimensionOutInsteadOfFailing() {
        server.close();
        server = LocalOpenAiServer.start(request -> request.lastUserText().contains("polite")
                ? Reply.error(500, "judge overloaded") : Reply.text("Yes"));
        judgeModel = judge(server);
        try (SpecScorer scorer = scorer(ScoringSpecs.fromYaml(SPEC_YAML, "test"))) {
            SpecScore score = scorer.score("q", "brake pads");

            SpecScore.SubDimensionScore polite = score.dimensions().get(0).subDimensions().get(0);
            assertThat(polite.raw()).isNaN();
            assertThat(polite.explanation()).startsWith("judge gave no yes/no verdict, 5 failed");
            assertThat(score.dimensions().get(0).score()).isEqualTo(1.0);
            assertThat(score.total()).isCloseTo(0.25 + 0.75 * 0.95, within(1e-12));
            scorer.score("q", "brake pads");
            assertThat(server.requests("judge")).as("failed results are not cached").hasSize(20);
        }
    }

    @Test
    void checksWhatTheSpecNeedsWhenBuilding() {
        ScoringSpec spec = ScoringSpecs.fromYaml(SPEC_YAML, "test");

        assertThatThrownBy(() -> SpecScorer.builder().spec(spec).judge(LlmJudge.builder().model(judgeModel).build()).build())
                .isInstanceOf(ScoringSpecException.class)
                .hasMessage("dimensions[1].sub_dimensions[1].custom_model_id: no custom model registered as \"relevance\";"
                        + " registered: []");
        assertThatThrownBy(() -> SpecScorer.builder().spec(spec).build())
                .hasMessageStartingWith("dimensions[0].sub_dimensions[0].scoring_type: LLM_JUDGE needs a judge model");
    }

    @Test
    void yamlErrorsNameTheSourceAndPath() {
        assertThatThrownBy(() -> ScoringSpecs.fromYaml(SPEC_YAML.replace("weight: 3", "weight: 0"), "spec.yaml"))
                .isInstanceOf(ScoringSpecException.class)
                .hasMessage("spec.yaml: dimensions[1].weight: weight must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> ScoringSpecs.fromYaml(SPEC_YAML.replace("scoring_type: PI_SCORER", "scoring_type: MAGIC"),
                "spec.yaml"))
                .hasMessageStartingWith("spec.yaml: dimensions[1].sub_dimensions[0].scoring_type: unknown scoring type \"MAGIC\"");
        assertThatThrownBy(() -> ScoringSpecs.fromYaml(SPEC_YAML.replace("SpecScorerTest$AtMostTwentyWords", "Gone"),
                "spec.yaml"))
                .hasMessage("spec.yaml: dimensions[0].sub_dimensions[1].java_class: class"
                        + " io.github.router4j.langchain4j.scoring.Gone is not on the classpath");
    }

    @Test
    void parsesVotesLeniently() {
        assertThat(LlmJudge.parseVote("Yes.")).contains(true);
        assertThat(LlmJudge.parseVote("**No** - it is rude")).contains(false);
        assertThat(LlmJudge.parseVote("Maybe")).isEmpty();
        assertThat(LlmJudge.fromVotes(3, 1, 1, List.of()).explanation()).isEqualTo("3/4 yes, 1 unclear");
    }
}
