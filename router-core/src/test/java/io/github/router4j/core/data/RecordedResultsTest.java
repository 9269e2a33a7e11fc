package io.github.router4j.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordedResultsTest {

    private static final String TWO_LINES = """
            {"id": "q1", "prompt": "What is 2+2?", "models": {"small": {"quality": 0, "cost": 0.00002, "answer": "5", "observation": 0.4}, "large": {"quality": 1.0}}}

            {"id": "q2", "prompt": "Capital of France?", "models": {"large": {"quality": 0.75}}, "attributes": {"subject": "geography"}}
            """;

    @Test
    void readsEveryFieldAndAllowsAModelToBeMissing() {
        RecordedResults data = RecordedResults.read(new StringReader(TWO_LINES), "r.jsonl");

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.modelNames()).containsExactly("small", "large");
        ModelResult small = data.get(0).result("small").orElseThrow();
        assertThat(small.quality()).isZero();
        assertThat(small.cost()).hasValue(0.00002);
        assertThat(small.answer()).hasValue("5");
        assertThat(small.observation()).hasValue(0.4);
        assertThat(data.get(1).has("small")).isFalse();
        assertThat(data.get(1).attribute("subject")).hasValue("geography");
        assertThat(data.meanQuality("large")).isEqualTo(0.875);
        assertThat(data.withModels(List.of("small", "large")).size()).isEqualTo(1);
    }

    @Test
    void writeThenReadGivesTheSameRequests(@TempDir Path dir) {
        RecordedResults data = RecordedResults.read(new StringReader(TWO_LINES), "r.jsonl");
        Path file = dir.resolve("out.jsonl");

        data.write(file);

        assertThat(RecordedResults.read(file).requests()).isEqualTo(data.requests());
    }

    @Test
    void badLinesAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"prompt\": \"p\", \"models\": {}}\n{\"id\": \"b\""))
                .isInstanceOf(DataFileException.class).hasMessageStartingWith("r.jsonl:2: malformed JSON");
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"prompt\": \"p\", \"models\": {\"m\": {\"quality\": 1.5}}}"))
                .hasMessage("r.jsonl:1: models.m.quality must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"prompt\": \"p\", \"models\": {\"m\": {\"cost\": 1}}}"))
                .hasMessage("r.jsonl:1: models.m.quality is required");
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"models\": {}}"))
                .hasMessage("r.jsonl:1: 'prompt' is required");
        assertThatThrownBy(() -> read("{\"id\": \"a\", \"prompt\": \"p\", \"models\": {}}\n"
                + "{\"id\": \"a\", \"prompt\": \"q\", \"models\": {}}"))
                .hasMessage("r.jsonl:2: duplicate id 'a'");
        assertThatThrownBy(() -> read("\n\n"))
                .hasMessage("r.jsonl: empty file, expected one JSON request per line");
    }

    @Test
    void anUnknownModelIsNamedWithTheKnownOnes() {
        RecordedResults data = RecordedResults.read(new StringReader(TWO_LINES), "r.jsonl");

        assertThatThrownBy(() -> data.withModels(List.of("medium")))
                .hasMessage("r.jsonl: unknown model 'medium'; models are [small, large]");
    }

    @Test
    void pairwisePreferencesComeFromQualitiesAndRoundTripThroughJsonl(@TempDir Path dir) {
        RecordedRequest r = new RecordedRequest("x", "p", Map.of("s", ModelResult.of(0.2), "l", ModelResult.of(0.9)));
        RecordedRequest tie = new RecordedRequest("y", "q", Map.of("s", ModelResult.of(1), "l", ModelResult.of(1)));
        List<PairwisePreference> prefs = PairwisePreference.fromRecorded(List.of(r, tie), "s", "l");

        assertThat(prefs).extracting(PairwisePreference::winner)
                .containsExactly(PairwisePreference.Winner.B, PairwisePreference.Winner.TIE);
        assertThat(prefs.get(0).won("l")).isTrue();

        Path file = dir.resolve("prefs.jsonl");
        PairwisePreferences.write(prefs, file);
        assertThat(PairwisePreferences.read(file)).isEqualTo(prefs);
        assertThatThrownBy(() -> PairwisePreferences.read(new StringReader(
                "{\"prompt\": \"p\", \"model_a\": \"s\", \"model_b\": \"l\", \"winner\": \"c\"}"), "p.jsonl"))
                .hasMessage("p.jsonl:1: winner must be a, b or tie, got \"c\"");
    }

    @Test
    void foldsPutEveryItemInExactlyOneTestFold() {
        Folds folds = Folds.split(11, 5, 42);
        int[] seen = new int[11];
        for (int f = 0; f < 5; f++) {
            for (int i : folds.test(f)) {
                seen[i]++;
            }
            assertThat(folds.test(f).length + folds.train(f).length).isEqualTo(11);
            assertThat(folds.test(f).length).isBetween(2, 3);
        }
        assertThat(seen).containsOnly(1);
        assertThat(Folds.split(11, 5, 42).test(0)).isEqualTo(folds.test(0));
    }

    private static RecordedResults read(String text) {
        return RecordedResults.read(new StringReader(text), "r.jsonl");
    }
}
