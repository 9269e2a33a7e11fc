package io.github.router4j.core.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReliabilityTest {

    @Test
    void binsPredictionsAndWeighsEachBinsGapByItsShare() {
        double[] p = {0.1, 0.1, 0.15, 0.9, 0.95};
        boolean[] y = {false, false, true, true, true};

        Reliability r = Reliability.of(p, y, 10);

        assertThat(r.bins()).extracting(Reliability.Bin::count).containsExactly(3, 2);
        assertThat(r.bins().get(0).meanPredicted()).isCloseTo(0.35 / 3, within(1e-12));
        assertThat(r.bins().get(0).observed()).isCloseTo(1.0 / 3, within(1e-12));
        // bin 1: |1/3 - 0.35/3| = 0.65/3, weight 3/5; bin 9: |1 - 0.925| = 0.075, weight 2/5
        assertThat(r.ece()).isCloseTo(0.6 * 0.65 / 3 + 0.4 * 0.075, within(1e-12));
    }

    @Test
    void aProbabilityOfOneFallsInTheLastBinAndBadInputIsNamed() {
        assertThat(Reliability.of(new double[] {1.0}, new boolean[] {true}, 10).bins().get(0).from()).isEqualTo(0.9);
        assertThatThrownBy(() -> Reliability.of(new double[] {1.2}, new boolean[] {true}, 10))
                .hasMessage("prediction 0 is not a probability: 1.2");
    }

    @Test
    void theCostAtAQualityIsInterpolatedAlongTheCurve() {
        RoutingCurve curve = RoutingCurve.of(List.of(new CurvePoint(1, 0, 0.6, 1), new CurvePoint(0.5, 0.5, 0.8, 6),
                new CurvePoint(0, 1, 0.9, 11)), 0.6, 0.9, 1, 11);

        assertThat(curve.costAtQuality(0.7)).isCloseTo(3.5, within(1e-12));
        assertThat(curve.costAtQuality(0.5)).isEqualTo(1);
        assertThat(curve.costAtQuality(0.95)).isNaN();
    }
}
