package io.github.router4j.langchain4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictParserTest {

    @Test
    void readsTheStructuredVerdict() {
        assertThat(VerdictParser.parse("{\"rationale\": \"6 x 7 is 42\", \"judgement\": true}")).contains(true);
        assertThat(VerdictParser.parse("{\"rationale\": \"off by one\", \"judgement\": false}")).contains(false);
    }

    @Test
    void findsJsonInsideProseOrCodeFencesAndAcceptsSpellingsAndWords() {
        assertThat(VerdictParser.parse("Sure! ```json\n{\"rationale\": \"x\", \"judgment\": \"Incorrect\"}\n```")).contains(false);
        assertThat(VerdictParser.parse("{\"verdict\": \"correct\"}")).contains(true);
    }

    @Test
    void readsALabelledVerdictFromText() {
        assertThat(VerdictParser.parse("The answer adds instead of multiplying.\nVerdict: Incorrect")).contains(false);
        assertThat(VerdictParser.parse("Reasoning: fine.\n**Judgement**: Correct")).contains(true);
        assertThat(VerdictParser.parse("judgement = true")).contains(true);
    }

    @Test
    void readsABareLastLine() {
        assertThat(VerdictParser.parse("I checked each step.\nCorrect.")).contains(true);
    }

    @Test
    void anythingElseIsUnparsable() {
        assertThat(VerdictParser.parse("{\"rationale\": \"cut off")).isEqualTo(Optional.empty());
        assertThat(VerdictParser.parse("{\"rationale\": \"no verdict given\"}")).isEmpty();
        assertThat(VerdictParser.parse("I am not sure whether this is correct or incorrect.")).isEmpty();
        assertThat(VerdictParser.parse("")).isEmpty();
        assertThat(VerdictParser.parse(null)).isEmpty();
    }
}
