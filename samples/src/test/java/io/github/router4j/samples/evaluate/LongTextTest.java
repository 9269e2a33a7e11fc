package io.github.router4j.samples.evaluate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongTextTest {

    private static final String TEXT = "0123456789";

    @Test
    void eachModeEmbedsItsPartOfALongTextAndShortTextsWhole() {
        assertThat(LongText.WHOLE.parts(TEXT, 4)).containsExactly(TEXT);
        assertThat(LongText.HEAD.parts(TEXT, 4)).containsExactly("0123");
        assertThat(LongText.TAIL.parts(TEXT, 4)).containsExactly("6789");
        assertThat(LongText.HEAD_AND_TAIL.parts(TEXT, 4)).containsExactly("01\n89");
        assertThat(LongText.CHUNKS.parts(TEXT, 4)).containsExactly("0123", "4567", "89");
        assertThat(LongText.TAIL.parts("short", 10)).containsExactly("short");
    }

    @Test
    void chunksAreNormalisedAndAveraged() {
        float[] mean = LongText.CHUNKS.embedder(t -> t.startsWith("0") ? new float[] {2, 0} : new float[] {0, 3}, 5)
                .apply(TEXT);

        assertThat(mean).containsExactly(0.5f, 0.5f);
        assertThat(List.of(LongText.parse("head-and-tail"))).containsExactly(LongText.HEAD_AND_TAIL);
        assertThatThrownBy(() -> LongText.parse("middle")).hasMessageContaining("--long-text must be whole, head");
    }
}
