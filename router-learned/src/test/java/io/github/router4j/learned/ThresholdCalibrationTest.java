package io.github.router4j.learned;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ThresholdCalibrationTest {

    private static final double[] SCORES = {0.9, 0.1, 0.7, 0.3, 0.5, 0.8, 0.2, 0.6, 0.4, 0.0};

    @Test
    void picksTheThresholdThatSendsATargetShareToTheStrongTier() {
        ThresholdCalibration.Calibration c = ThresholdCalibration.forStrongShare(SCORES, 0.3);

        assertThat(c.threshold()).isEqualTo(0.7);
        assertThat(c.strongShare()).isCloseTo(0.3, within(1e-12));
        assertThat(ThresholdCalibration.forStrongShare(SCORES, 0).strongShare()).isZero();
        assertThat(ThresholdCalibration.forStrongShare(SCORES, 1).threshold()).isZero();
    }

    @Test
    void picksTheFewestStrongCallsThatReachATargetQuality() {
        double[] weak = {0, 1, 0, 1, 1, 0, 1, 1, 1, 1};
        double[] strong = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

        // weak alone: 0.7; the three highest scores are exactly the weak failures.
        ThresholdCalibration.Calibration c = ThresholdCalibration.forTargetQuality(SCORES, weak, strong, 0.9);

        assertThat(c.threshold()).isEqualTo(0.8);
        assertThat(c.strongShare()).isCloseTo(0.2, within(1e-12));
        assertThat(c.quality()).isCloseTo(0.9, within(1e-12));
        assertThat(ThresholdCalibration.forTargetQuality(SCORES, weak, strong, 0.5).strongShare()).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ThresholdCalibration.forStrongShare(new double[0], 0.5))
                .hasMessageContaining("at least one score");
        assertThatThrownBy(() -> ThresholdCalibration.forStrongShare(SCORES, 1.5))
                .hasMessageContaining("share must be in [0, 1], was 1.5");
    }
}
