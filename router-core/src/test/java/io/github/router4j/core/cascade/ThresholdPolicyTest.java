package io.github.router4j.core.cascade;

import static io.github.router4j.core.cascade.CascadeFixtures.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.router4j.core.Evidence;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {

    @Test
    void onTheShareAcceptsAtOrAboveTheThreshold() {
        ThresholdPolicy policy = ThresholdPolicy.onShare(0.75);

        assertThat(policy.decide(attempt(0, 0.75)).accepted()).isTrue();
        assertThat(policy.decide(attempt(0, 0.625)).accepted()).isFalse();
        assertThat(policy.decide(attempt(2, 0.0)).accepted()).as("last tier").isTrue();
        assertThat(policy.decide(attempt(0, Evidence.empty())).reason()).isEqualTo("no self-evaluation vote counted");
    }

    @Test
    void onPGoodUsesTheMetaVerifierIncludingItsTrustGuard() {
        ThresholdPolicy policy = ThresholdPolicy.onPGood(MetaVerifierTest.workedExample(), 0.5);

        assertThat(policy.decide(attempt(0, 0.9)).accepted()).isTrue();
        assertThat(policy.decide(attempt(0, 0.55)).accepted()).isFalse();
        assertThat(policy.decide(attempt(0, 0.2)).accepted()).as("ratio 1.0 but untrusted").isFalse();
    }

    @Test
    void rejectsAThresholdOutsideTheUnitInterval() {
        assertThatThrownBy(() -> ThresholdPolicy.onShare(1.5)).hasMessage("threshold: expected a number in [0, 1], got 1.5");
    }

    @Test
    void reasonsShowThreeDecimals() {
        for (double x : new double[] {0, 1, -0.0971, 0.0004, -0.0004, 12.34567, 0.9996}) {
            assertThat(Observation.fmt(x)).as("%s", x).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", x).replace("-0.000", "0.000"));
        }
    }
}
