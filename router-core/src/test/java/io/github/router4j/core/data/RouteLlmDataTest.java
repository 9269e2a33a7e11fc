package io.github.router4j.core.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.router4j.core.data.RouteLlmData.STRONG;
import static io.github.router4j.core.data.RouteLlmData.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RouteLlmDataTest {

    @Test
    void mmluHas14037RequestsAfterTheContaminationFilterWithRouteLlmsAccuracies() {
        RecordedResults mmlu = RouteLlmData.mmlu(SharedData.routeLlm());

        assertThat(mmlu.size()).isEqualTo(14_037);
        assertThat(mmlu.meanQuality(WEAK) * 100).isCloseTo(68.09, within(0.005));
        assertThat(mmlu.meanQuality(STRONG) * 100).isCloseTo(80.59, within(0.005));
        assertThat(mmlu.requests().stream().map(r -> r.attribute(RouteLlmData.SUBJECT).orElseThrow()).distinct())
                .hasSize(57).contains("anatomy", "professional_law");
        assertThat(mmlu.get(0).prompt()).contains("\n").endsWith("Answer:");
    }

    @Test
    void gsm8kHas1307RequestsWithAnswersAndGoldAfterTheContaminationFilter() {
        RecordedResults gsm8k = RouteLlmData.gsm8k(SharedData.routeLlm());

        assertThat(gsm8k.size()).isEqualTo(1_307);
        assertThat(gsm8k.meanQuality(WEAK) * 100).isCloseTo(63.73, within(0.005));
        assertThat(gsm8k.meanQuality(STRONG) * 100).isCloseTo(85.77, within(0.005));
        RecordedRequest first = gsm8k.get(0);
        assertThat(gsm8k.requests()).noneMatch(r -> r.prompt().startsWith("Janet’s ducks lay 16 eggs per day."));
        assertThat(first.id()).isEqualTo("gsm8k/3");
        assertThat(first.prompt()).startsWith("James decides to run 3 sprints 3 times a week.");
        assertThat(first.attribute(RouteLlmData.GOLD_ANSWER).orElseThrow()).endsWith("#### 540");
        assertThat(first.result(WEAK).orElseThrow().answer().orElseThrow()).contains("540");
    }

    @Test
    void mtBenchHas72QuestionsScoredFromBothTurnsOfTheGpt4Judge() {
        RecordedResults mt = RouteLlmData.mtBench(SharedData.routeLlm());

        assertThat(mt.size()).isEqualTo(72);
        RecordedRequest q = mt.get(0);
        @SuppressWarnings("unchecked")
        List<Double> scores = (List<Double>) ((Map<String, Object>) q.attributes().get(RouteLlmData.JUDGE_SCORES))
                .get(STRONG);
        assertThat(scores).hasSize(2);
        assertThat(q.quality(STRONG)).isCloseTo(((scores.get(0) + scores.get(1)) / 2 - 1) / 9, within(1e-12));
        assertThat((List<?>) q.attributes().get(RouteLlmData.TURNS)).hasSize(2).first().isEqualTo(q.prompt());
        assertThat(mt.meanQuality(STRONG)).isGreaterThan(mt.meanQuality(WEAK));
    }

    @Test
    void aBadCellNamesTheFileAndLineOfItsRecord(@TempDir Path dir) throws IOException {
        Path responses = Files.createDirectories(dir.resolve("mmlu/responses"));
        Files.writeString(responses.resolve("mmlu_toy.csv"), """
                prompt,mistralai/Mixtral-8x7B-Instruct-v0.1,gpt-4-1106-preview
                "two
                lines",True,False
                third,True,maybe
                """);

        assertThatThrownBy(() -> RouteLlmData.mmlu(dir))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("mmlu_toy.csv:4:")
                .hasMessageContaining("expected True or False, got \"maybe\"");
    }

    @Test
    void aFolderWithoutTheDataSaysWhatIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> RouteLlmData.gsm8k(dir))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("routellm/evals/gsm8k");
    }
}
