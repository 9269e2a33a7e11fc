package io.github.router4j.core.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingCurveTest {

    private static final RoutingCurve HAND = RoutingCurve.of(List.of(
            new CurvePoint(0.9, 0.0, 0.5, 1.0),
            new CurvePoint(0.5, 0.5, 0.8, 6.0),
            new CurvePoint(0.1, 1.0, 0.9, 11.0)), 0.5, 0.9, 1.0, 11.0);

    @Test
    void aucIsTheTrapezoidalAreaUnderQualityOverStrongShare() {
        assertThat(HAND.auc()).isCloseTo(0.5 * (0.5 + 0.8) / 2 + 0.5 * (0.8 + 0.9) / 2, within(1e-12));
    }

    @Test
    void apgrIsTheRecoveredShareOfTheAreaBetweenWeakAndStrong() {
        assertThat(HAND.apgr()).isCloseTo((0.75 - 0.5) / (0.9 - 0.5), within(1e-12));
    }

    @Test
    void cptInterpolatesTheStrongShareWhereQualityReachesTheTarget() {
        assertThat(HAND.cpt(0.2)).isCloseTo(0.08 / 0.3 * 0.5, within(1e-12));
        assertThat(HAND.cpt(0.5)).isCloseTo(0.2 / 0.3 * 0.5, within(1e-12));
        assertThat(HAND.cpt(0.8)).isCloseTo(0.5 + 0.2 * 0.5, within(1e-12));
        assertThat(HAND.savingsAtCpt50()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void dollarSavingComparesTheCostAtCpt50WithAlwaysStrong() {
        double costAtCpt50 = 1.0 + (1.0 / 3) / 0.5 * 5.0;
        assertThat(HAND.costAt(1.0 / 3)).isCloseTo(costAtCpt50, within(1e-12));
        assertThat(HAND.dollarSavingPerRequestAtCpt50()).isCloseTo(11.0 - costAtCpt50, within(1e-12));
        assertThat(HAND.dollarSavingShareAtCpt50()).isCloseTo((11.0 - costAtCpt50) / 11.0, within(1e-12));
    }

    @Test
    void theSweepUsesQuantileEdgesAsThresholdsAndAddsTheAllWeakPoint() {
        PairOutcomes outcomes = new PairOutcomes(new double[] {1, 1, 0, 0}, new double[] {1, 0, 1, 1},
                new double[] {1, 1, 1, 1}, new double[] {10, 10, 10, 10});

        RoutingCurve curve = RoutingCurve.sweep(new double[] {0.1, 0.2, 0.3, 0.4}, outcomes, 2);

        assertThat(curve.points()).extracting(CurvePoint::strongShare).containsExactly(0.0, 0.25, 0.5, 1.0);
        assertThat(curve.points()).extracting(CurvePoint::quality).containsExactly(0.5, 0.75, 1.0, 0.75);
        assertThat(curve.points()).extracting(CurvePoint::threshold)
                .containsExactly(Double.POSITIVE_INFINITY, 0.4, 0.25, 0.1);
        assertThat(curve.points()).extracting(CurvePoint::cost).containsExactly(1.0, 3.25, 5.5, 10.0);
        assertThat(curve.weakQuality()).isEqualTo(0.5);
        assertThat(curve.strongQuality()).isEqualTo(0.75);
        assertThat(curve.cpt(0.5)).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void theOracleNeedsOneStrongCallPerRecoveredAnswer() {
        PairOutcomes outcomes = new PairOutcomes(new double[] {1, 1, 0, 0}, new double[] {1, 0, 1, 1},
                new double[4], new double[4]);

        assertThat(outcomes.oracleCpt(0.5)).isCloseTo(0.5 * 0.25, within(1e-12));
        assertThat(outcomes.optimalQuality(0.25)).isEqualTo(0.75);
        assertThat(outcomes.optimalQuality(1.0)).isEqualTo(1.0);
    }

    @Test
    void paretoHullDropsDominatedAndConcavePointsAndAiqAveragesIt() {
        ParetoCurve curve = new ParetoCurve(List.of(new ParetoCurve.Point("a", 1, 0.5),
                new ParetoCurve.Point("b", 2, 0.55), new ParetoCurve.Point("c", 3, 0.9),
                new ParetoCurve.Point("d", 2.5, 0.4)));

        assertThat(curve.frontier()).extracting(ParetoCurve.Point::label).containsExactly("a", "b", "c");
        assertThat(curve.hull()).extracting(ParetoCurve.Point::label).containsExactly("a", "c");
        assertThat(curve.aiq()).isCloseTo(0.7, within(1e-12));
        assertThat(curve.aiq(1, 4)).isCloseTo((0.7 * 2 + 0.9) / 3, within(1e-12));
        assertThat(curve.best().label()).isEqualTo("c");
    }

    @Test
    void ibcLiftComparesQualityPerExtraDollarWithTheLineBetweenTheModels() {
        assertThat(Ibc.lift(0.8, 4, 0.5, 1, 0.9, 11)).isCloseTo((0.3 / 3 - 0.04) / 0.04, within(1e-12));
        assertThat(Ibc.meanLift(HAND, 0.9, 11)).isCloseTo(Ibc.lift(0.8, 6, 0.5, 1, 0.9, 11), within(1e-12));
    }
}
