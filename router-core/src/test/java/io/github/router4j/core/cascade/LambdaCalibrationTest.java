package io.github.router4j.core.cascade;

import static io.github.router4j.core.cascade.CascadeFixtures.COSTS;
import static io.github.router4j.core.cascade.CascadeFixtures.TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.router4j.core.Attempt;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class LambdaCalibrationTest {

    private static final MetaVerifier VERIFIER = MetaVerifierTest.workedExample();
    private static final double[] SHARES = DoubleStream.concat(DoubleStream.of(ScipyReference.workedGood()),
            DoubleStream.of(ScipyReference.workedPoor())).toArray();
    private static final List<Attempt> CALIBRATION = LambdaCalibration.attempts(SHARES, 0, TIERS);

    @Test
    void findsTheRewardPolicysLambdaForATargetEscalationShare() {
        for (double target : new double[] {0.2, 0.3, 0.5, 0.6}) {
            LambdaCalibration.Choice choice = LambdaCalibration.forEscalationShare(CALIBRATION, target,
                    lambda -> RewardPolicy.builder().metaVerifier(VERIFIER).lambda(lambda).costs(COSTS).build());

            RewardPolicy chosen = RewardPolicy.builder().metaVerifier(VERIFIER).lambda(choice.lambda()).costs(COSTS).build();
            assertThat(LambdaCalibration.escalationShare(CALIBRATION, chosen)).isEqualTo(choice.escalationShare());
            assertThat(choice.escalationShare()).as("share for target %s", target)
                    .isBetween(target - 1.0 / SHARES.length, target + 1.0 / SHARES.length);
        }
    }

    @Test
    void worksForThePomdpWhoseEscalationsFallWithLambda() {
        LambdaCalibration.Choice choice = LambdaCalibration.forEscalationShare(CALIBRATION, 0.4,
                lambda -> PomdpPolicy.builder().metaVerifier(VERIFIER).tierAccuracies(0.6, 0.75, 0.9)
                        .lambda(lambda).costs(COSTS).build());

        assertThat(choice.lambda()).isPositive();
        assertThat(choice.escalationShare()).isBetween(0.4 - 1.0 / SHARES.length, 0.4 + 1.0 / SHARES.length);
    }

    @Test
    void aTargetBeyondReachGivesTheClosestShare() {
        // at lambda 0 the reward policy still escalates every untrusted observation
        LambdaCalibration.Choice choice = LambdaCalibration.forEscalationShare(CALIBRATION, 0.0,
                lambda -> RewardPolicy.builder().metaVerifier(VERIFIER).lambda(lambda).costs(COSTS).build());

        assertThat(choice.lambda()).isZero();
        assertThat(choice.escalationShare()).isEqualTo(LambdaCalibration.escalationShare(CALIBRATION,
                RewardPolicy.builder().metaVerifier(VERIFIER).lambda(0).costs(COSTS).build()));
    }

    @Test
    void rejectsCalibrationAttemptsThatCannotEscalate() {
        assertThatThrownBy(() -> LambdaCalibration.forEscalationShare(LambdaCalibration.attempts(new double[] {0.5}, 2, TIERS),
                0.3, lambda -> ThresholdPolicy.onShare(0.5)))
                .hasMessageContaining("last tier 'large'");
        assertThatThrownBy(() -> LambdaCalibration.forEscalationShare(CALIBRATION, 1.3, lambda -> ThresholdPolicy.onShare(0.5)))
                .hasMessage("targetShare: expected a number in [0, 1], got 1.3");
    }
}
