package io.github.router4j.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CodeVerifiersTest {

    private final ArithmeticConsistencyScorer arithmetic = new ArithmeticConsistencyScorer();
    private final FinalAnswerFormatScorer format = new FinalAnswerFormatScorer();

    private static final String RIGHT = """
            Janet starts with 16 eggs per day.
            She eats 3 for breakfast, so she has 16 - 3 = 13 eggs left.
            She sells these 9 eggs at the farmers' market for 9 * $2 = $<<9*2=18>>18.
            #### 18
            """;

    @Test
    void everyCalculatorStepAndPlainEquationRecomputedRightScoresOne() {
        ArithmeticConsistencyScorer.Check check = ArithmeticConsistencyScorer.check(RIGHT);

        assertThat(check.steps()).isEqualTo(3);
        assertThat(check.wrong()).isZero();
        assertThat(arithmetic.score(RIGHT, "q").value()).isEqualTo(1.0);
    }

    @Test
    void aWrongCalculatorStepLowersTheScoreAndIsNamed() {
        String answer = "8 x $5 = $<<8*5=41>>41 and 41 + 24 = <<41+24=65>>65\n#### 65";

        Score score = arithmetic.score(answer, "q");

        // <<8*5=41>> wrong, <<41+24=65>> right, plain "8 x 5 = 41" wrong, plain "41 + 24 = 65" right
        assertThat(score.value()).isEqualTo(0.5);
        assertThat(score.explanation()).contains("2 of 4 arithmetic steps wrong").contains("8*5 = 41 (is 40)");
    }

    @Test
    void plainEquationsWithTimesSignsPercentagesThousandsAndChainsAreChecked() {
        List<String> right = List.of("8 × 5 × 60% = 24", "80,000 + 50,000 = $130,000", "2 + 1/2 = 5/2 = 2.5",
                "(16 - 3) * 2 = 26", "10 ÷ 4 = 2.5", "5/3 = 1.67");
        for (String line : right) {
            assertThat(ArithmeticConsistencyScorer.check(line).wrong()).as(line).isZero();
            assertThat(ArithmeticConsistencyScorer.check(line).steps()).as(line).isPositive();
        }
        assertThat(ArithmeticConsistencyScorer.check("5/3 = 1.7").wrong()).isZero();
        assertThat(ArithmeticConsistencyScorer.check("5/3 = 1.6").wrong()).isEqualTo(1);
        assertThat(ArithmeticConsistencyScorer.check("12 x 12 = 124").firstWrong()).isEqualTo("12 x 12 = 124 (is 144)");
    }

    @Test
    void proseWithoutArithmeticHasNothingToCheckAndScoresOne() {
        Score score = arithmetic.score("The box weighs 12 kg and the tax rate = 5 percent. It is extra.", "q");

        assertThat(score.value()).isEqualTo(1.0);
        assertThat(score.explanation()).isEqualTo("no arithmetic step to check");
    }

    @Test
    void anAnnotationThatCannotBeComputedCountsAsWrong() {
        assertThat(ArithmeticConsistencyScorer.check("<<x*3=6>>6").wrong()).isEqualTo(1);
    }

    @Test
    void aFinalAnswerLineScoresOneAMissingLineHalfAndNoNumberZero() {
        assertThat(format.score(RIGHT, "q").value()).isEqualTo(1.0);
        assertThat(format.score("So the answer is 18.", "q").value()).isEqualTo(0.5);
        assertThat(format.score("The house's value after repairs is 80,000 + 50,000 = $<<80000+50000=130000>>130,00\nand then",
                "q").value()).isZero();
        assertThat(format.score("#### unknown", "q").explanation()).isEqualTo("'####' line without a number");
        assertThat(format.score("   ", "q").explanation()).isEqualTo("empty answer");
    }

    @Test
    void theFinalAnswerIsReadFromTheMarkedLineElseTheLastNumberOfTheLastLine() {
        assertThat(FinalAnswerFormatScorer.finalAnswer("3 + 4 = 7\n#### $1,234.5 dollars")).isEqualTo(1234.5);
        assertThat(FinalAnswerFormatScorer.finalAnswer("He lost 3, so -5 remain")).isEqualTo(-5);
        assertThat(FinalAnswerFormatScorer.finalAnswer("no number")).isNaN();
    }

    @Test
    void bothWorkAsCodeSubDimensionsOfASpec() {
        String json = """
                {"name": "math", "description": "GSM8K answers",
                 "dimensions": [{"label": "checks", "weight": 1, "sub_dimensions": [
                   {"label": "arithmetic", "description": "steps right", "scoring_type": "CODE", "weight": 1,
                    "java_class": "io.github.router4j.core.scoring.ArithmeticConsistencyScorer"},
                   {"label": "format", "description": "#### line", "scoring_type": "CODE", "weight": 1,
                    "java_class": "io.github.router4j.core.scoring.FinalAnswerFormatScorer"}]}]}
                """;
        ScoringSpec spec = ScoringSpec.fromJson(json);
        List<Score> scores = spec.flatSubDimensions().stream()
                .map(sub -> CodeScorers.instantiate(sub.javaClass(), sub.label()).score("7 * 6 = 41\n42", "q"))
                .toList();

        assertThat(spec.aggregate(scores).total()).isCloseTo((0.0 + 0.5) / 2, within(1e-12));
    }
}
