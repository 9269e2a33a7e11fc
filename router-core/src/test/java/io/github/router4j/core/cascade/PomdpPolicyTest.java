package io.github.router4j.core.cascade;

import static io.github.router4j.core.cascade.CascadeFixtures.COSTS;
import static io.github.router4j.core.cascade.CascadeFixtures.TIERS;
import static io.github.router4j.core.cascade.CascadeFixtures.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PomdpPolicyTest {

    private static final MetaVerifier VERIFIER = MetaVerifierTest.workedExample();

    private static PomdpPolicy policy(double lambda, TierCosts costs, double... accuracies) {
        return PomdpPolicy.builder().metaVerifier(VERIFIER).tierAccuracies(accuracies).lambda(lambda).costs(costs).build();
    }

    @Test
    void withTwoTiersItEscalatesExactlyWhenOnlyTheStrongTierIsLikelyRightBeyondItsCost() {
        List<TierInfo> two = TIERS.subList(0, 2);
        double a0 = 0.6;
        double a1 = 0.9;
        PomdpPolicy policy = PomdpPolicy.builder().metaVerifier(VERIFIER).tierAccuracies(a0, a1).lambda(0.2)
                .costs(TierCosts.relative(1, 1.2)).build();

        for (double o = 0.45; o <= 1.0; o += 0.05) {
            MetaVerifier.Assessment a = VERIFIER.assess(o);
            double good = a0 * a.densityGood();
            double onlyStrong = (a1 - a0) * a.densityPoor();
            double neither = (1 - a1) * a.densityPoor();
            double pOnlyStrong = onlyStrong / (good + onlyStrong + neither);
            Attempt attempt = new Attempt(RoutingRequest.of("q"), two.get(0), two, "a",
                    Evidence.of(Evidence.SELF_EVALUATION_SHARE, o));
            if (!a.trusted()) {
                continue;
            }
            Verdict verdict = policy.decide(attempt);
            assertThat(verdict.details().get("value_escalate") - verdict.details().get("value_accept"))
                    .as("escalation gain at %s", o).isCloseTo(pOnlyStrong - 0.2 * 1.2, within(1e-12));
            assertThat(verdict.accepted()).as("accepted at %s", o).isEqualTo(pOnlyStrong <= 0.2 * 1.2);
        }
    }

    @Test
    void looksBeyondTheNextTier() {
        // The medium tier is barely better than the small one, the large one much better, and
        // escalating is cheap. One step ahead, paying for the medium tier does not pay off; with the
        // large tier behind it, it does.
        PomdpPolicy policy = policy(1.0, TierCosts.relative(1, 0.1, 0.1), 0.5, 0.52, 0.95);
        MetaVerifier.Assessment a = VERIFIER.assess(0.65);
        double[] unnormalised = {0.5 * a.densityGood(), 0.02 * a.densityPoor(), 0.43 * a.densityPoor(), 0.05 * a.densityPoor()};
        double pOnlyMedium = unnormalised[1] / (unnormalised[0] + unnormalised[1] + unnormalised[2] + unnormalised[3]);

        Verdict verdict = policy.decide(attempt(0, 0.65));

        assertThat(pOnlyMedium - 1.0 * 0.1).as("one-step gain of escalating").isNegative();
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.details().get("value_escalate")).isGreaterThan(verdict.details().get("value_accept"));
    }

    @Test
    void escalatesLessAsLambdaGrows() {
        double[] shares = {0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 1.0};
        double previous = Double.MAX_VALUE;
        for (double lambda : new double[] {0, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2}) {
            PomdpPolicy policy = policy(lambda, COSTS, 0.6, 0.75, 0.9);
            double escalated = 0;
            for (double s : shares) {
                escalated += policy.decide(attempt(0, s)).accepted() ? 0 : 1;
                escalated += policy.decide(attempt(1, s)).accepted() ? 0 : 1;
            }
            assertThat(escalated).as("escalations at lambda %s", lambda).isLessThanOrEqualTo(previous);
            previous = escalated;
        }
        assertThat(previous).as("at lambda 2 escalation is never worth it").isZero();
    }

    @Test
    void aConfidentSelfEvaluationIsAcceptedAndADoubtfulOneEscalated() {
        PomdpPolicy policy = policy(0.1, COSTS, 0.6, 0.75, 0.9);

        assertThat(policy.decide(attempt(0, 0.9)).accepted()).isTrue();
        assertThat(policy.decide(attempt(0, 0.5)).accepted()).isFalse();
        assertThat(policy.decide(attempt(0, 0.2)).accepted()).as("untrusted counts as poor").isFalse();
        assertThat(policy.decide(attempt(2, 0.2)).accepted()).as("the last tier always answers").isTrue();
    }

    @Test
    void rejectsInconsistentConfigurationNamingTheField() {
        assertThatThrownBy(() -> policy(0.5, COSTS, 0.7, 0.6, 0.9))
                .hasMessageStartingWith("tierAccuracies[1]: 0.6 is below tier 0's 0.7");
        assertThatThrownBy(() -> PomdpPolicy.builder().metaVerifiers(List.of(VERIFIER, VERIFIER))
                .tierAccuracies(0.5, 0.6, 0.7).costs(COSTS).build())
                .hasMessage("metaVerifiers: expected 1 or 3 (one per tier), got 2");
        assertThatThrownBy(() -> PomdpPolicy.builder().metaVerifier(VERIFIER).tierAccuracies(new double[8])
                .costs(COSTS).observationBins(101).build())
                .hasMessageStartingWith("observationBins: 101 bins over 8 tiers");
        assertThatThrownBy(() -> policy(0.5, COSTS, 0.5, 0.6).decide(attempt(0, 0.9)))
                .hasMessageContaining("configured for 2 tiers, the cascade has 3");
    }
}
