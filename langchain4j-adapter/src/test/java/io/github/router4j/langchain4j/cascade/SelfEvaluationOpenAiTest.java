package io.github.router4j.langchain4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.cascade.Bandwidth;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.TierCosts;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TierCall;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cascade through real OpenAI clients against the local OpenAI-compatible server. */
class SelfEvaluationOpenAiTest {

    /** The small model answers 41 and, asked about it, admits the answer is wrong. */
    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        boolean evaluation = request.lastUserText().contains("AI-generated answer");
        if (request.model().equals("small")) {
            if (!evaluation) {
                return Reply.text("6 x 7 = 41").withUsage(20, 8);
            }
            return Reply.text("{\"rationale\": \"7 x 6 is 42, not 41\", \"judgement\": false}").withUsage(90, 15);
        }
        return Reply.text("6 x 7 = 42").withUsage(20, 8);
    });
    private SelfEvaluation evaluation;

    @AfterEach
    void close() {
        server.close();
        if (evaluation != null) {
            evaluation.close();
        }
    }

    private ChatModel openAi(String name, boolean jsonSchema) {
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local")
                .modelName(name).maxRetries(0).timeout(Duration.ofSeconds(10));
        if (jsonSchema) {
            b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        return b.build();
    }

    @Test
    void answersThenAsksKSelfEvaluationsThenEscalates() {
        MetaVerifier verifier = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3))
                .fit(new double[] {0.75, 0.875, 1.0, 1.0, 0.875, 0.625}, new double[] {0.0, 0.125, 0.25, 0.0, 0.375, 0.5});
        evaluation = SelfEvaluation.builder().build();
        AtomicReference<RoutingEvent> routed = new AtomicReference<>();
        TieredChatModel model = TieredChatModel.builder()
                .tiers(Tier.builder().name("small").model(openAi("small", true)).inputPricePerMillion(1).outputPricePerMillion(2).build(),
                        Tier.builder().name("large").model(openAi("large", false)).inputPricePerMillion(10).outputPricePerMillion(30).build())
                .acceptance(AcceptanceStep.of(evaluation,
                        RewardPolicy.builder().metaVerifier(verifier).lambda(0.5).costs(TierCosts.relative(1, 1.5)).build()))
                .routingListener(routed::set)
                .build();

        AiMessage answer = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("What is 6 x 7?")).build()).aiMessage();

        assertThat(answer.text()).isEqualTo("6 x 7 = 42");
        assertThat(RoutingInfo.tierOf(answer)).contains("large");
        List<LocalOpenAiServer.Request> small = server.requests("small");
        assertThat(small).hasSize(9);
        assertThat(small.get(0).lastUserText()).isEqualTo("What is 6 x 7?");
        assertThat(small.subList(1, 9)).allSatisfy(r -> {
            assertThat(r.lastUserText()).contains("Question: What is 6 x 7?").contains("AI-generated answer: 6 x 7 = 41");
            assertThat(r.body().path("temperature").asDouble()).isEqualTo(1.0);
            assertThat(r.body().path("response_format").path("type").asText()).isEqualTo("json_schema");
        });
        assertThat(server.requests("large")).as("the last tier is not self-evaluated").hasSize(1);

        RoutingInfo info = routed.get().routingInfo();
        assertThat(info.calls()).extracting(TierCall::tier, TierCall::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("small", TierCall.Outcome.ESCALATED),
                        org.assertj.core.groups.Tuple.tuple("large", TierCall.Outcome.ANSWERED));
        assertThat(info.calls().get(0).reason()).contains("P(good) 0.000");
        double answerCalls = info.calls().stream().mapToDouble(TierCall::cost).sum();
        double selfEvaluation = 8 * (90 * 1 + 15 * 2) / 1e6;
        assertThat(info.cost()).isCloseTo(answerCalls + selfEvaluation, org.assertj.core.data.Offset.offset(1e-12));
    }
}
