package io.github.router4j.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpecCalibratorTest {

    static ScoringSpec oneQuestion() {
        return ScoringSpec.of("one", "a single judged question", List.of(
                Dimension.of("quality", "", 1, SubDimension.llmJudge("good", "Is the answer good?", 1))));
    }

    /** Ratings whose expected target is exactly q: q rounded up or down to a neighbouring level at random. */
    static Rating stochasticRating(double q, Random random) {
        double pos = q * 4;
        int low = (int) Math.floor(pos);
        int level = low == 4 ? 4 : random.nextDouble() < pos - low ? low + 1 : low;
        return Rating.values()[level];
    }

    @Test
    void ratedCalibrationRecoversAKnownMonotoneDistortion() {
        Random random = new Random(7);
        List<double[]> raw = new ArrayList<>();
        List<Rating> ratings = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double quality = random.nextDouble();
            raw.add(new double[] {quality * quality});
            ratings.add(stochasticRating(quality, random));
        }

        CalibrationResult result = SpecCalibrator.builder().knots(9).build()
                .calibrateRated(oneQuestion(), raw, ratings, CalibrationMode.LITE, SpecCalibrator.Monitor.NONE);

        for (double x = 0.1; x <= 0.95; x += 0.05) {
            double total = result.spec().aggregate(List.of(Score.of(x, ""))).total();
            assertThat(total).as("calibrated score of raw %.2f", x).isCloseTo(Math.sqrt(x), within(0.06));
        }
        assertThat(result.heldOutExamples()).isEqualTo(120);
        assertThat(result.trainingExamples()).isEqualTo(480);
        assertThat(result.spec().dimensions().get(0).subDimensions().get(0).parameters()).hasSize(9);
    }

    @Test
    void fullPreferenceCalibrationRaisesHeldOutAgreement() {
        ScoringSpec spec = ScoringSpec.of("two", "signal and noise", List.of(
                Dimension.of("signal", "", 1, SubDimension.llmJudge("s", "Does it answer the question?", 1)),
                Dimension.of("noise", "", 3, SubDimension.llmJudge("n", "Does it use many adjectives?", 1))));
        Random random = new Random(11);
        List<double[]> chosen = new ArrayList<>();
        List<double[]> rejected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            chosen.add(new double[] {Math.max(a, b), random.nextDouble()});
            rejected.add(new double[] {Math.min(a, b), random.nextDouble()});
        }

        CalibrationResult result = SpecCalibrator.defaults()
                .calibratePreferences(spec, chosen, rejected, CalibrationMode.FULL, SpecCalibrator.Monitor.NONE);

        assertThat(result.heldOutExamples()).isEqualTo(60);
        assertThat(result.heldOutAgreementAfter()).isGreaterThan(result.heldOutAgreementBefore() + 0.15)
                .isGreaterThan(0.9);
        assertThat(result.spec().normalisedWeight(0)).isGreaterThan(0.8);
    }

    @Test
    void fullRatedCalibrationFindsTheInformativeDimension() {
        ScoringSpec spec = ScoringSpec.of("two", "", List.of(
                Dimension.of("signal", "", 1, SubDimension.llmJudge("s", "q1", 1)),
                Dimension.of("noise", "", 1, SubDimension.llmJudge("n", "q2", 1))));
        Random random = new Random(3);
        List<double[]> raw = new ArrayList<>();
        List<Rating> ratings = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double quality = random.nextDouble();
            raw.add(new double[] {quality, random.nextDouble()});
            ratings.add(stochasticRating(quality, random));
        }

        CalibrationResult lite = SpecCalibrator.defaults().calibrateRated(spec, raw, ratings, CalibrationMode.LITE,
                SpecCalibrator.Monitor.NONE);
        CalibrationResult full = SpecCalibrator.defaults().calibrateRated(spec, raw, ratings, CalibrationMode.FULL,
                SpecCalibrator.Monitor.NONE);

        assertThat(lite.spec().normalisedWeight(0)).isCloseTo(0.5, within(1e-6));
        assertThat(full.spec().normalisedWeight(0)).isGreaterThan(0.75);
        assertThat(full.heldOutAgreementAfter()).isGreaterThan(full.heldOutAgreementBefore());
    }

    @Test
    void agreementCountsOrderedPairsAndTiesAsHalf() {
        ScoringSpec spec = oneQuestion();
        double[][] raw = {{0.1}, {0.5}, {0.5}, {0.9}};
        double[] targets = {0, 0.5, 1, 0.75};

        // pairs with different targets: all 6; misordered: (0.5->1 vs 0.9->0.75); tied: (0.5, 0.5)
        assertThat(SpecCalibrator.ratedAgreement(spec, raw, targets)).isCloseTo(4.5 / 6, within(1e-12));
        assertThat(SpecCalibrator.preferenceAgreement(spec, new double[][] {{0.9}, {0.2}, {0.4}},
                new double[][] {{0.1}, {0.3}, {0.4}})).isCloseTo(1.5 / 3, within(1e-12));
    }
}
