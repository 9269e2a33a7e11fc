package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.scoring.CodeScorer;
import io.github.router4j.core.scoring.Dimension;
import io.github.router4j.core.scoring.Score;
import io.github.router4j.core.scoring.ScoreThresholdPolicy;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.SpecScore;
import io.github.router4j.core.scoring.SubDimension;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TierCall;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ScoringCascadeTest {

    static final String SPEC_YAML = """
            name: short helpful answers
            description: A chat assistant whose answers are shown on a phone screen.
            dimensions:
              - label: helpful
                sub_dimensions:
                  - label: answers
                    description: Does the answer address the request?
                    scoring_type: LLM_JUDGE
              - label: length
                sub_dimensions:
                  - label: words
                    description: At most twenty words.
                    scoring_type: CODE
                    java_class: io.github.router4j.langchain4j.scoring.SpecScorerTest$AtMostTwentyWords
            """;

    static final String LONG = "Bicycles are wonderful machines and there is a great deal to say about them. ".repeat(8);
    static final String SHORT = "Pump the tyres to the pressure printed on their side.";

    static ChatModel model(LocalOpenAiServer server, String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0).build();
    }

    record Run(ChatResponse response, RoutingInfo routing, List<SpecScore> scores, LocalOpenAiServer server) {
        List<LocalOpenAiServer.Request> judgeRequests() {
            return server.requests("cheap").stream().filter(r -> r.lastUserText().contains("Answer to evaluate:")).toList();
        }
    }

    /** Two tiers on a local server; the cheap tier's model is also the judge. */
    static Run cascade(LocalOpenAiServer server, double threshold) {
        Tier cheap = Tier.builder().name("cheap").model(model(server, "cheap"))
                .inputPricePerMillion(0.15).outputPricePerMillion(0.6).build();
        Tier strong = Tier.builder().name("strong").model(model(server, "strong"))
                .inputPricePerMillion(2.5).outputPricePerMillion(10).build();
        AtomicReference<RoutingInfo> routing = new AtomicReference<>();
        List<SpecScore> scores = new CopyOnWriteArrayList<>();
        try (SpecScorer scorer = SpecScorer.builder().spec(ScoringSpecs.fromYaml(SPEC_YAML, "test"))
                .judge(LlmJudge.builder().model(cheap.model()).samples(3).build()).build()) {
            SpecEvidenceSource source = SpecEvidenceSource.of(scorer, cheap).skippingJudgesBelow(threshold)
                    .observedBy((context, score) -> scores.add(score));
            TieredChatModel model = TieredChatModel.builder().tiers(List.of(cheap, strong))
                    .acceptance(AcceptanceStep.of(source, ScoreThresholdPolicy.of(threshold)))
                    .routingListener(event -> routing.set(event.routingInfo()))
                    .build();
            ChatResponse response = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("How hard should my tyres be?")).build());
            return new Run(response, routing.get(), scores, server);
        }
    }

    static LocalOpenAiServer server(String cheapAnswer, String verdict) {
        return LocalOpenAiServer.start(request -> {
            if (request.lastUserText().contains("Answer to evaluate:")) {
                return Reply.text(verdict);
            }
            return Reply.text("cheap".equals(request.model()) ? cheapAnswer : SHORT);
        });
    }

    @Test
    void theCheapTiersTooLongAnswerFailsTheCodeScorerAndEscalatesWithoutAskingTheJudge() {
        try (LocalOpenAiServer server = server(LONG, "Yes")) {
            Run run = cascade(server, 0.75);

            assertThat(run.response().aiMessage().text()).isEqualTo(SHORT);
            assertThat(run.routing().answeredBy()).contains("strong");
            assertThat(run.routing().calls()).extracting(TierCall::tier, TierCall::outcome).containsExactly(
                    tuple("cheap", TierCall.Outcome.ESCALATED), tuple("strong", TierCall.Outcome.ANSWERED));
            assertThat(run.routing().calls().get(0).reason()).isEqualTo("score 0.500 < threshold 0.750");
            SpecScore cheapScore = run.scores().get(0);
            assertThat(cheapScore.dimensions().get(1).subDimensions().get(0).explanation()).isEqualTo("112 words");
            assertThat(cheapScore.dimensions().get(0).subDimensions().get(0).explanation())
                    .isEqualTo("not judged: the other scores cap the total at 0.500, below 0.750");
            assertThat(run.judgeRequests()).isEmpty();
        }
    }

    @Test
    void aShortAnswerTheJudgeRejectsEscalatesAndTheJudgeCallsAreBooked() {
        try (LocalOpenAiServer server = server("Tyres are round.", "No")) {
            Run run = cascade(server, 0.75);

            assertThat(run.routing().answeredBy()).contains("strong");
            assertThat(run.routing().calls().get(0).reason()).isEqualTo("score 0.500 < threshold 0.750");
            assertThat(run.scores().get(0).dimensions().get(0).subDimensions().get(0).explanation()).isEqualTo("0/3 yes");
            assertThat(run.judgeRequests()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.lastUserText()).contains("Tyres are round.", "How hard should my tyres be?"));
            double callCosts = run.routing().calls().stream().mapToDouble(TierCall::cost).sum();
            assertThat(run.routing().cost()).as("the judge's tokens are booked on the request").isGreaterThan(callCosts);
        }
    }

    @Test
    void aShortAnswerTheJudgeLikesIsAccepted() {
        try (LocalOpenAiServer server = server("Tyres are round.", "Yes")) {
            Run run = cascade(server, 0.75);

            assertThat(run.routing().answeredBy()).contains("cheap");
            assertThat(run.response().aiMessage().text()).isEqualTo("Tyres are round.");
            assertThat(run.routing().calls().get(0).reason()).isEqualTo("score 1.000 >= threshold 0.750");
            assertThat(server.requests("strong")).isEmpty();
        }
    }

    /** Difficulty by length: 1 for requests over twenty words. */
    public static final class LongRequest implements CodeScorer {
        @Override
        public Score score(String response, String input) {
            int words = response.strip().split("\\s+").length;
            return Score.of(words > 20 ? 1 : 0, words + " words");
        }
    }

    @Test
    void aDifficultySpecPicksTheStartingTier() {
        ScoringSpec difficulty = ScoringSpec.of("difficulty", "long requests are hard", List.of(Dimension.of("length", "", 1,
                SubDimension.code("long", "more than twenty words", LongRequest.class, 1))));
        List<TierInfo> tiers = List.of(new TierInfo("cheap", 0, 0.15, 0.6, Set.of()), new TierInfo("strong", 1, 2.5, 10, Set.of()));
        try (SpecScorer scorer = SpecScorer.builder().spec(difficulty).build()) {
            DifficultySpecRouter router = DifficultySpecRouter.of(scorer);

            assertThat(router.route(RoutingRequest.of("Hi there"), tiers).tier()).isEqualTo(0);
            assertThat(router.route(RoutingRequest.of("word ".repeat(30)), tiers).tier()).isEqualTo(1);
            assertThat(router.route(RoutingRequest.of("word ".repeat(30)), tiers).reason())
                    .isEqualTo("difficulty 1.000 (thresholds [0.5]) -> strong");
        }
    }
}
