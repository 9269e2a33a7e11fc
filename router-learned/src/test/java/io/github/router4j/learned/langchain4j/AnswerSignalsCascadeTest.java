package io.github.router4j.learned.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.StackedPGood;
import io.github.router4j.core.cascade.TierCosts;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A live cascade deciding on a stacked P(good) of the answer's signals: the cheap tier's miscalculated
 * answer is escalated, its right one kept (real OpenAI clients against the local server).
 */
class AnswerSignalsCascadeTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text(
            request.model().equals("cheap-model") && request.lastUserText().startsWith("6")
                    ? "6 x 7 = 43\n#### 43" : "6 x 7 = 42\n#### 42"));

    @AfterEach
    void close() {
        server.close();
    }

    private OpenAiChatModel model(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void theStackedPGoodOfTheAnswersSignalsDecidesTheEscalation() {
        StackedPGood stack = StackedPGood.of(List.of(AnswerSignals.ARITHMETIC, AnswerSignals.FINAL_ANSWER_FORMAT),
                new double[] {4, 2}, -3);
        TieredChatModel cascade = TieredChatModel.builder()
                .tiers(Tier.builder().name("cheap").model(model("cheap-model")).build(),
                        Tier.builder().name("strong").model(model("strong-model")).build())
                .acceptance(AcceptanceStep.of(AnswerSignals.builder().build(),
                        RewardPolicy.builder().stackedPGood(stack).lambda(0.4).costs(TierCosts.relative(1, 1.5)).build()))
                .build();

        AiMessage wrong = cascade.chat(ChatRequest.builder()
                .messages(UserMessage.from("6 x 7?")).build()).aiMessage();
        AiMessage right = cascade.chat(ChatRequest.builder()
                .messages(UserMessage.from("7 x 6?")).build()).aiMessage();

        assertThat(RoutingInfo.tierOf(wrong)).contains("strong");
        assertThat(wrong.text()).endsWith("#### 42");
        // P(good) of "6 x 7 = 43": sigmoid(-3 + 4 x 0 + 2 x 1) = 0.269 < 0.4 x 1.5
        assertThat(wrong.attributes().get(RoutingInfo.TRIED).toString()).contains("cheap: ESCALATED")
                .contains("stacked_p_good=0.2689");
        assertThat(RoutingInfo.tierOf(right)).contains("cheap");
    }

    @Test
    void theSignalsCarryTheirDocumentedNames() {
        var evidence = AnswerSignals.builder().build().of(RoutingRequest.of("6 x 7?"), "6 x 7 = 43\n#### 43");

        assertThat(evidence.asMap()).containsOnlyKeys(AnswerSignals.ARITHMETIC, AnswerSignals.FINAL_ANSWER_FORMAT,
                AnswerSignals.LOG_CHARS);
        assertThat(evidence.get(AnswerSignals.ARITHMETIC).getAsDouble()).isZero();
        assertThat(evidence.get(AnswerSignals.FINAL_ANSWER_FORMAT).getAsDouble()).isEqualTo(1.0);
        assertThat(evidence.get(AnswerSignals.LOG_CHARS).getAsDouble()).isCloseTo(Math.log1p(18) / 8, within(1e-12));
    }
}
