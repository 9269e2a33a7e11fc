package io.github.router4j.learned;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFeaturesTest {

    private static double feature(String text, String name) {
        return TextFeatures.of(text)[TextFeatures.NAMES.indexOf(name)];
    }

    @Test
    void recognisesCodeMathQuestionsAndChoices() {
        assertThat(feature("Why does this fail?\n```java\nint x = 1 / 0;\n```", "code")).isEqualTo(1);
        assertThat(feature("Why is the sky blue?", "code")).isZero();
        assertThat(feature("Solve the equation 3x + 4 = 19 and compute x^2.", "math")).isPositive();
        assertThat(feature("Tell me about whales.", "math")).isZero();
        assertThat(feature("What is the capital of France?", "wh_question")).isEqualTo(1);
        assertThat(feature("Is Paris in France?", "yes_no_question")).isEqualTo(1);
        assertThat(feature("Which is a mammal?\nA. shark\nB. whale\nC. trout\nD. eel", "multiple_choice")).isEqualTo(1);
        assertThat(feature("Write a haiku about rain.", "instruction")).isEqualTo(1);
    }

    @Test
    void longerTextsScoreLongerAndEveryFeatureIsNamed() {
        assertThat(feature("word ".repeat(200), "log_words")).isGreaterThan(feature("two words", "log_words"));
        assertThat(TextFeatures.of("")).hasSize(TextFeatures.NAMES.size());
    }
}
