package io.github.router4j.core.cascade;

import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.router4j.core.cascade.CascadeFixtures.COSTS;
import static io.github.router4j.core.cascade.CascadeFixtures.TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The reward and POMDP policies decide on the stacked P(good) of an answer's evidence and on the
 * answers of every tier already tried, not only the current one.
 */
class PolicyHistoryTest {

    /** P(good) = sigmoid(logit(p_verifier)) : the verifier's logit passed through unchanged. */
    private static final StackedPGood STACK = StackedPGood.of(List.of("verifier_logit"), new double[] {1}, 0);

    private static Evidence verifier(double pGood) {
        return Evidence.of("verifier_logit", StackedPGood.logit(pGood)).with("arithmetic", 1);
    }

    private static Attempt attempt(int tier, Evidence evidence, Attempt... earlier) {
        return new Attempt(RoutingRequest.of("What is 6 x 7?"), TIERS.get(tier), TIERS, "42", evidence, List.of(earlier));
    }

    @Test
    void theRewardPolicyDecidesOnTheStackedPGoodOfTheEvidence() {
        StackedPGood stack = StackedPGood.of(List.of("verifier_logit", "arithmetic"), new double[] {1, 2}, -1);
        RewardPolicy policy = RewardPolicy.builder().stackedPGood(stack).lambda(0.5).costs(COSTS).build();

        Verdict verdict = policy.decide(attempt(0, Evidence.of("verifier_logit", 0.5).with("arithmetic", 1)));

        // sigmoid(-1 + 0.5 + 2) = 0.8176 > 0.5 x 1.2
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.details().get("p_good")).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-12));
        assertThat(verdict.reason()).startsWith("stacked P(good) 0.818");
        assertThatThrownBy(() -> policy.decide(attempt(0, Evidence.of("verifier_logit", 0.5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the signal 'arithmetic', which the answer's evidence lacks");
    }

    @Test
    void withTierAccuraciesTheRewardPolicyWeighsTheAnswersOfEveryTierTried() {
        // accuracies 0.6, 0.75, 0.9: P(difficulty 0..3) = 0.6, 0.15, 0.15, 0.1; bar at the medium tier 1/3 x 1.5 = 0.5
        RewardPolicy policy = RewardPolicy.builder().stackedPGood(STACK).tierAccuracies(0.6, 0.75, 0.9)
                .lambda(1 / 3.0).costs(COSTS).build();
        Attempt doubtfulSmall = attempt(0, verifier(0.2));

        Verdict alone = policy.decide(attempt(1, verifier(0.7)));
        Verdict afterDoubtfulSmall = policy.decide(attempt(1, verifier(0.7), doubtfulSmall));

        // a calibrated P(good) with no history is its own posterior
        assertThat(alone.details().get("p_good")).isCloseTo(0.7, within(1e-12));
        assertThat(alone.accepted()).isTrue();
        // small's 0.2 -> likelihoods (0.2/0.6, 0.8/0.4): belief 0.2, 0.3, 0.3, 0.2;
        // medium's 0.7 -> (0.7/0.75, 0.3/0.25): P(difficulty <= 1) = 0.46667 / 1.06667 = 0.4375
        assertThat(afterDoubtfulSmall.details().get("p_good")).isCloseTo(0.4375, within(1e-12));
        assertThat(afterDoubtfulSmall.details()).containsEntry("p_good_current", 0.7).containsEntry("tiers_observed", 2.0);
        assertThat(afterDoubtfulSmall.accepted()).isFalse();
        assertThat(afterDoubtfulSmall.reason()).contains("(given 2 tiers' answers)");
    }

    @Test
    void thePomdpBeliefUsesTheObservationsOfEveryTierTried() {
        PomdpPolicy policy = PomdpPolicy.builder().metaVerifier(MetaVerifierTest.workedExample())
                .tierAccuracies(0.6, 0.75, 0.9).lambda(0.1).costs(COSTS).build();
        Attempt medium = CascadeFixtures.attempt(1, 0.625);

        double alone = policy.decide(medium).details().get("p_good");
        Verdict afterDoubtful = policy.decide(attempt(1, medium.evidence(), CascadeFixtures.attempt(0, 0.5)));
        Verdict afterConfident = policy.decide(attempt(1, medium.evidence(), CascadeFixtures.attempt(0, 0.875)));

        assertThat(afterDoubtful.details().get("p_good")).isLessThan(alone);
        assertThat(afterConfident.details().get("p_good")).isGreaterThan(alone);
        assertThat(afterDoubtful.details()).containsEntry("tiers_observed", 2.0);
    }

    @Test
    void thePomdpCanObserveTheStackedPGoodThroughAMetaVerifierFittedOnIt() {
        double[] good = {0.62, 0.7, 0.74, 0.78, 0.8, 0.83, 0.85, 0.88, 0.9, 0.93, 0.95, 0.97};
        double[] poor = {0.1, 0.15, 0.22, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6};
        MetaVerifier onStack = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.5)).fit(good, poor);
        PomdpPolicy policy = PomdpPolicy.builder().metaVerifier(onStack).stackedPGood(STACK)
                .tierAccuracies(0.6, 0.75, 0.9).lambda(0.1).costs(COSTS).build();

        Verdict confident = policy.decide(attempt(0, verifier(0.9)));
        Verdict doubtful = policy.decide(attempt(0, verifier(0.2)));

        assertThat(confident.details().get("observation")).isCloseTo(0.9, within(1e-9));
        assertThat(confident.details().get("stacked_p_good")).isCloseTo(0.9, within(1e-9));
        assertThat(confident.accepted()).isTrue();
        assertThat(doubtful.accepted()).isFalse();
        assertThat(confident.reason()).startsWith("stacked P(good) 0.900");
    }

    @Test
    void aRewardPolicyNeedsAMetaVerifierOrAStack() {
        assertThatThrownBy(() -> RewardPolicy.builder().costs(COSTS).build())
                .hasMessage("metaVerifier or stackedPGood: one is required");
    }
}
