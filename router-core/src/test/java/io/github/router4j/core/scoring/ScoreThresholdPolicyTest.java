package io.github.router4j.core.scoring;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
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
}
