package io.github.router4j.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoringSpecTest {

    /** Scores by length: 1 up to 100 characters, 0 beyond. */
    public static final class ShortAnswer implements CodeScorer {
        @Override
        public Score score(String response, String input) {
            return Score.of(response.length() <= 100 ? 1 : 0, response.length() + " characters");
        }
    }

    static final String HAND_COMPUTED = """
            {"name": "hand", "description": "a spec computed by hand",
             "dimensions": [
               {"label": "A", "weight": 3, "sub_dimensions": [
                  {"label": "a1", "description": "is it polite?", "scoring_type": "LLM_JUDGE", "weight": 1},
                  {"label": "a2", "description": "is it short?", "scoring_type": "CODE", "weight": 3,
                   "parameters": [0.6],
                   "java_class": "io.github.router4j.core.scoring.ScoringSpecTest$ShortAnswer"}]},
               {"label": "B", "weight": 1, "parameters": [0.2, 0.4], "sub_dimensions": [
                  {"label": "b1", "description": "is it correct?", "scoring_type": "PI_SCORER", "weight": 2}]}]}
            """;

    @Test
    void aggregatesWithNormalisedWeightsAndCurvesAtEachLevel() {
        ScoringSpec spec = ScoringSpec.fromJson(HAND_COMPUTED);

        SpecScore score = spec.aggregate(List.of(Score.of(0.8, "a1"), Score.of(0.4, "a2"), Score.of(0.9, "b1")));

        // a2: 0.4 on the segment (0,0)-(0.5,0.6) -> 0.48; A = (1*0.8 + 3*0.48) / 4 = 0.56
        // B: 0.9 on the segment (2/3,0.4)-(1,1) -> 0.82; total = 0.75*0.56 + 0.25*0.82 = 0.625
        assertThat(score.dimensions().get(0).subDimensions().get(1).score()).isCloseTo(0.48, within(1e-12));
        assertThat(score.dimensions().get(0).score()).isCloseTo(0.56, within(1e-12));
        assertThat(score.dimensions().get(1).score()).isCloseTo(0.82, within(1e-12));
        assertThat(score.total()).isCloseTo(0.625, within(1e-12));
        assertThat(spec.normalisedWeight(0)).isEqualTo(0.75);
        assertThat(spec.normalisedWeight(0, 1)).isEqualTo(0.75);
        assertThat(spec.normalisedWeight(1, 0)).isEqualTo(1.0);
        assertThat(spec.flatSubDimensions()).extracting(SubDimension::scoringType)
                .containsExactly(ScoringType.LLM_JUDGE, ScoringType.CODE, ScoringType.LLM_JUDGE);
    }

    @Test
    void leavesFailedSubDimensionsOutAndRenormalises() {
        ScoringSpec spec = ScoringSpec.fromJson(HAND_COMPUTED);

        SpecScore score = spec.aggregate(List.of(Score.failed("judge timed out"), Score.of(0.4, "a2"),
                Score.failed("judge timed out")));

        assertThat(score.dimensions().get(0).score()).isCloseTo(0.48, within(1e-12));
        assertThat(score.dimensions().get(1).score()).isNaN();
        assertThat(score.total()).isCloseTo(0.48, within(1e-12));
        assertThat(spec.aggregate(List.of(Score.failed("x"), Score.failed("y"), Score.failed("z"))).isScored()).isFalse();
    }

    @Test
    void roundTripsThroughJson() {
        ScoringSpec spec = ScoringSpec.fromJson(HAND_COMPUTED);

        assertThat(ScoringSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThat(spec.toJson()).contains("\"sub_dimensions\"", "\"scoring_type\" : \"LLM_JUDGE\"", "\"java_class\"");
    }

    @Test
    void rejectsNonPositiveWeightsWithTheirPath() {
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"weight\": 3, \"sub", "\"weight\": 0, \"sub")))
                .isInstanceOf(ScoringSpecException.class)
                .hasMessageStartingWith("dimensions[0].weight: weight must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"weight\": 2}", "\"weight\": -1}")))
                .hasMessageStartingWith("dimensions[1].sub_dimensions[0].weight: weight must be a finite number > 0, was -1.0");
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"weight\": 2}", "\"weight\": \"high\"}")))
                .hasMessage("dimensions[1].sub_dimensions[0].weight: expected a number, got \"high\"");
    }

    @Test
    void rejectsUnknownScoringTypesWithTheirPath() {
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"PI_SCORER\"", "\"VIBES\"")))
                .isInstanceOf(ScoringSpecException.class)
                .hasMessageStartingWith("dimensions[1].sub_dimensions[0].scoring_type: unknown scoring type \"VIBES\"");
    }

    @Test
    void refusesPythonCodeNamingTheJavaReplacement() {
        String python = HAND_COMPUTED.replace("\"scoring_type\": \"PI_SCORER\"",
                "\"scoring_type\": \"PYTHON_CODE\", \"python_code\": \"def score(response, input): ...\"");

        assertThatThrownBy(() -> ScoringSpec.fromJson(python))
                .hasMessageStartingWith("dimensions[1].sub_dimensions[0].scoring_type: PYTHON_CODE is not supported")
                .hasMessageContaining(CodeScorer.class.getName())
                .hasMessageContaining("java_class");
    }

    @Test
    void rejectsMissingAndUnsuitableClassesWithTheirPath() {
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("ScoringSpecTest$ShortAnswer", "NoSuchScorer")))
                .hasMessage("dimensions[0].sub_dimensions[1].java_class: class io.github.router4j.core.scoring.NoSuchScorer"
                        + " is not on the classpath");
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("io.github.router4j.core.scoring.ScoringSpecTest$ShortAnswer",
                "java.lang.String")))
                .hasMessage("dimensions[0].sub_dimensions[1].java_class: class java.lang.String does not implement "
                        + CodeScorer.class.getName());
    }

    @Test
    void rejectsOtherMistakesWithTheirPath() {
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"parameters\": [0.2, 0.4]", "\"parameters\": [0.4, 0.2]")))
                .hasMessageStartingWith("dimensions[1].parameters[1]: calibration points must be non-decreasing");
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"label\": \"a2\"", "\"lable\": \"a2\"")))
                .hasMessageStartingWith("dimensions[0].sub_dimensions[1].lable: unknown field");
        assertThatThrownBy(() -> ScoringSpec.fromJson(HAND_COMPUTED.replace("\"label\": \"a2\"", "\"label\": \"a1\"")))
                .hasMessage("dimensions[0].sub_dimensions[1].label: duplicate label \"a1\"");
        assertThatThrownBy(() -> ScoringSpec.of("s", "", List.of(Dimension.of("d", "", 1,
                SubDimension.customModel("m", "", null, 1)))))
                .hasMessageStartingWith("dimensions[0].sub_dimensions[0].custom_model_id:");
    }

    @Test
    void calibrationCurveInterpolatesBetweenFixedEnds() {
        CalibrationCurve curve = CalibrationCurve.of(List.of(0.1, 0.3, 0.9), "parameters");

        assertThat(curve.apply(0)).isZero();
        assertThat(curve.apply(0.25)).isCloseTo(0.1, within(1e-12));
        assertThat(curve.apply(0.375)).isCloseTo(0.2, within(1e-12));
        assertThat(curve.apply(0.75)).isCloseTo(0.9, within(1e-12));
        assertThat(curve.apply(1)).isEqualTo(1.0);
        assertThat(curve.apply(1.5)).isEqualTo(1.0);
        assertThat(CalibrationCurve.identity().apply(0.37)).isEqualTo(0.37);
    }
}
