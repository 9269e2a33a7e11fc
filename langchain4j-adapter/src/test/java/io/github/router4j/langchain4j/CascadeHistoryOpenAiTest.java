package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.StackedPGood;
import io.github.router4j.core.cascade.TierCosts;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cascade hands each tier's policy the attempts of the tiers it escalated from: with tier
 * accuracies, the reward policy's P(good) for the medium tier's answer counts the small tier's
 * doubtful answer too (real OpenAI clients against the local server).
 */
class CascadeHistoryOpenAiTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text(switch (request.model()) {
        case "small" -> "maybe 12";
        case "medium" -> "probably 42";
        default -> "42";
    }));

    @AfterEach
    void close() {
        server.close();
    }

    private ChatModel openAi(String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** An answer verifier stand-in: P(good) 0.2 for "maybe", 0.7 for "probably", as the stack's one signal. */
    private static final EvidenceSource VERIFIER = context -> Evidence.of("verifier_logit",
            StackedPGood.logit(context.answer().startsWith("maybe") ? 0.2 : 0.7));

    private List<Tier> tiers() {
        return List.of(Tier.builder().name("small").model(openAi("small")).build(),
                Tier.builder().name("medium").model(openAi("medium")).build(),
                Tier.builder().name("large").model(openAi("large")).build());
    }

    private static RewardPolicy.Builder policy() {
        // bar at the medium tier: 1/3 x 1.5 = 0.5
        return RewardPolicy.builder().stackedPGood(StackedPGood.of(List.of("verifier_logit"), new double[] {1}, 0))
                .lambda(1 / 3.0).costs(TierCosts.relative(1, 1.2, 1.5));
    }

    @Test
    void theMediumTiersAnswerIsJudgedWithTheSmallTiersDoubtfulAnswerInMind() {
        RoutingInfo[] routed = new RoutingInfo[2];
        TieredChatModel withHistory = TieredChatModel.builder()
                .tiers(tiers())
                .acceptance(AcceptanceStep.of(VERIFIER, policy().tierAccuracies(0.6, 0.75, 0.9).build()))
                .routingListener(e -> routed[0] = e.routingInfo())
                .build();
        TieredChatModel currentOnly = TieredChatModel.builder()
                .tiers(tiers())
                .acceptance(AcceptanceStep.of(VERIFIER, policy().build()))
                .routingListener(e -> routed[1] = e.routingInfo())
                .build();

        withHistory.chat("What is 6 x 7?");
        currentOnly.chat("What is 6 x 7?");

        assertThat(routed[1].answeredBy()).contains("medium");
        assertThat(routed[1].calls().get(1).details().get("p_good")).isCloseTo(0.7, within(1e-9));
        assertThat(routed[0].answeredBy()).contains("large");
        TierCall medium = routed[0].calls().get(1);
        assertThat(medium.outcome()).isEqualTo(TierCall.Outcome.ESCALATED);
        assertThat(medium.details().get("tiers_observed")).isEqualTo(2.0);
        assertThat(medium.details().get("p_good_current")).isCloseTo(0.7, within(1e-9));
        assertThat(medium.details().get("p_good")).isCloseTo(0.4375, within(1e-9));
    }
}
