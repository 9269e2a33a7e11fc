package io.github.router4j.core.cascade;

import static io.github.router4j.core.cascade.CascadeFixtures.COSTS;
import static io.github.router4j.core.cascade.CascadeFixtures.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardPolicyTest {

    private static final MetaVerifier VERIFIER = MetaVerifierTest.workedExample();

    private static RewardPolicy policy(double lambda) {
        return RewardPolicy.builder().metaVerifier(VERIFIER).lambda(lambda).costs(COSTS).build();
    }

    @Test
    void decidesTheWorkedExamplesThreeTierCascadeAsTheScipyReference() {
        JsonNode example = ScipyReference.workedExample();
        RewardPolicy policy = policy(example.get("lambda").doubleValue());

        for (JsonNode probe : example.get("probes")) {
            double x = probe.get("observation").doubleValue();
            for (JsonNode d : probe.get("decisions")) {
                int tier = d.get("tier").intValue();
                Verdict verdict = policy.decide(attempt(tier, x));
                assertThat(verdict.details().get("reward")).as("reward at tier %s for %s", tier, x)
                        .isCloseTo(d.get("reward").doubleValue(), within(1e-9));
                assertThat(verdict.accepted()).as("accepted at tier %s for %s", tier, x)
                        .isEqualTo(!d.get("escalate").booleanValue());
            }
            assertThat(policy.decide(attempt(2, x)).accepted()).as("the last tier always answers").isTrue();
        }
    }

    @Test
    void theBarIsLambdaTimesTheNextTiersCost() {
        RewardPolicy policy = policy(0.5);
        // P(good | 0.7) = 0.906 in the worked example: above 0.5 x 1.2 and above 0.5 x 1.5
        assertThat(policy.decide(attempt(0, 0.7)).accepted()).isTrue();
        // P(good | 0.65) = 0.503: below the bar 0.6 for escalating to the medium tier
        Verdict verdict = policy.decide(attempt(0, 0.65));
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.details()).containsEntry("next_tier_cost", 1.2).containsEntry("lambda", 0.5);
        assertThat(verdict.reason()).contains("reward").contains("P(good) 0.503");
    }

    @Test
    void anObservationWhereThereWasNoDataEscalatesEvenThoughTheRatioSaysGood() {
        Verdict verdict = policy(0.5).decide(attempt(0, 0.2));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.details()).containsEntry("trusted", 0.0).containsEntry("p_good", 0.0);
        assertThat(verdict.reason()).contains("untrusted");
    }

    @Test
    void withoutAnyCountedVoteTheFallbackIsTheUntrustedAction() {
        Evidence noVotes = Evidence.of(Evidence.SELF_EVALUATION_VOTES, 0);
        assertThat(policy(0.5).decide(attempt(0, noVotes)).accepted()).isFalse();

        MetaVerifier lenient = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).priorGood(0.9)
                .untrustedAction(UntrustedAction.USE_PRIOR).fit(ScipyReference.workedGood(), ScipyReference.workedPoor());
        Verdict verdict = RewardPolicy.builder().metaVerifier(lenient).lambda(0.5).costs(COSTS).build()
                .decide(attempt(0, noVotes));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.reason()).startsWith("no self-evaluation vote counted");
    }

    @Test
    void largerLambdaNeverEscalatesLess() {
        List<Double> shares = List.of(0.45, 0.5, 0.55, 0.6, 0.625, 0.65, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0);
        double previous = -1;
        for (double lambda = 0; lambda <= 1.0; lambda += 0.05) {
            RewardPolicy policy = policy(lambda);
            double escalated = shares.stream().filter(s -> !policy.decide(attempt(0, s)).accepted()).count();
            assertThat(escalated).as("escalations at lambda %s", lambda).isGreaterThanOrEqualTo(previous);
            previous = escalated;
        }
        assertThat(previous).isEqualTo(shares.size());
    }

    @Test
    void rejectsANegativeLambda() {
        assertThatThrownBy(() -> policy(-0.1)).hasMessage("lambda: expected a finite number >= 0, got -0.1");
    }

    @Test
    void costsCanBePricesPerRequest() {
        TierCosts dollars = TierCosts.pricePerRequest(1_000, 500);
        assertThat(dollars.cost(CascadeFixtures.TIERS.get(1))).isCloseTo(0.0025, within(1e-15));
        assertThatThrownBy(() -> TierCosts.relative(1, 2).cost(CascadeFixtures.TIERS.get(2)))
                .hasMessageContaining("no relative cost for tier 'large'");
    }
}
