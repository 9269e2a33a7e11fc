package io.github.router4j.core.scoring;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.TierCosts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreThresholdPolicyTest {

    static final List<TierInfo> TIERS = List.of(new TierInfo("cheap", 0, 0.1, 0.2, Set.of()),
            new TierInfo("strong", 1, 5, 15, Set.of()));

    static Attempt attempt(Evidence evidence) {
        return new Attempt(RoutingRequest.of("tell me a fable"), TIERS.get(0), TIERS, "Once upon a time", evidence);
    }

    @Test
    void acceptsScoresAtOrAboveTheThreshold() {
        ScoreThresholdPolicy policy = ScoreThresholdPolicy.of(0.7);

        Verdict high = policy.decide(attempt(Evidence.of(Evidence.SCORE, 0.7)));
        Verdict low = policy.decide(attempt(Evidence.of(Evidence.SCORE, 0.69)));

        assertThat(high.accepted()).isTrue();
        assertThat(high.reason()).isEqualTo("score 0.700 >= threshold 0.700");
        assertThat(low.accepted()).isFalse();
        assertThat(low.details()).containsEntry("score", 0.69).containsEntry("threshold", 0.7);
    }

    @Test
    void escalatesWhenThereIsNoScore() {
        Verdict verdict = ScoreThresholdPolicy.of(0.5).decide(attempt(Evidence.empty()));

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no score (every scorer failed)");
        assertThatThrownBy(() -> ScoreThresholdPolicy.of(1.5)).hasMessage("threshold: expected a number in [0, 1], got 1.5");
    }

    @Test
    void handsTheScoreToAnObservationPolicyAsItsObservation() {
        AcceptancePolicy observationPolicy = a -> a.evidence().get(Evidence.SELF_EVALUATION_SHARE).orElse(0) > 0.5
                ? Verdict.accept("observed " + a.evidence().get(Evidence.SELF_EVALUATION_SHARE).getAsDouble())
                : Verdict.escalate("observed " + a.evidence().asMap());
        AcceptancePolicy policy = ScoreThresholdPolicy.scoreAsObservation(observationPolicy);

        assertThat(policy.decide(attempt(Evidence.of(Evidence.SCORE, 0.8).with(Evidence.SELF_EVALUATION_SHARE, 0.1))).reason())
                .isEqualTo("observed 0.8");
        assertThat(policy.decide(attempt(Evidence.empty())).accepted()).isFalse();
    }

    @Test
    void turnsScoresIntoPGoodThroughTheCascadeMetaVerifier() {
        // scores of answers known to be good cluster high, of poor answers low
        double[] good = {0.82, 0.85, 0.88, 0.9, 0.91, 0.93, 0.95, 0.78, 0.86, 0.89};
        double[] poor = {0.3, 0.35, 0.4, 0.42, 0.45, 0.5, 0.38, 0.33, 0.48, 0.41};
        MetaVerifier verifier = MetaVerifier.builder().fit(good, poor);
        AcceptancePolicy policy = ScoreThresholdPolicy.scoreAsObservation(RewardPolicy.builder()
                .metaVerifier(verifier).lambda(0.5).costs(TierCosts.relative(1, 1.2)).build());

        Verdict high = policy.decide(attempt(Evidence.of(Evidence.SCORE, 0.88)));
        Verdict low = policy.decide(attempt(Evidence.of(Evidence.SCORE, 0.4)));

        assertThat(high.accepted()).isTrue();
        assertThat(high.details().get("p_good")).isGreaterThan(0.9);
        assertThat(low.accepted()).isFalse();
        assertThat(low.details().get("p_good")).isLessThan(0.1);
    }
}
