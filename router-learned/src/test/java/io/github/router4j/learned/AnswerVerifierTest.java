package io.github.router4j.learned;

import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class AnswerVerifierTest {

    private static final ClassifierRouter.Options FEATURES_ONLY = ClassifierRouter.options().useEmbedding(false).build();

    private static List<AnswerVerifier.Example> examples(int n, long seed) {
        List<AnswerVerifier.Example> out = new ArrayList<>();
        for (Object[] p : MathAnswers.pairs(n, seed)) {
            out.add(new AnswerVerifier.Example((String) p[0], null, (String) p[1], null, (Boolean) p[2]));
        }
        return out;
    }

    @Test
    void learnsFromAnswerFeaturesThatWrongArithmeticHedgingAndCutOffAnswersArePoor() {
        AnswerVerifier verifier = AnswerVerifier.train(examples(60, 1), FEATURES_ONLY);

        for (AnswerVerifier.Example e : examples(20, 2)) {
            double p = verifier.pGood(e.prompt(), null, e.answer(), null);
            assertThat(p).as(e.answer()).matches(v -> e.good() ? v > 0.8 : v < 0.2, e.good() ? "> 0.8" : "< 0.2");
        }
    }

    @Test
    void gradientBoostingWorksToo() {
        AnswerVerifier verifier = AnswerVerifier.train(examples(60, 1), ClassifierRouter.options().useEmbedding(false)
                .algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).trees(30).build());

        assertThat(verifier.pGood(MathAnswers.question(3, 4), null, MathAnswers.good(3, 4), null))
                .isGreaterThan(verifier.pGood(MathAnswers.question(3, 4), null, MathAnswers.poor(3, 4, 0), null));
    }

    @Test
    void savedAndLoadedAsJsonItGivesTheSameProbabilities(@TempDir Path dir) {
        AnswerVerifier verifier = AnswerVerifier.train(examples(30, 3), FEATURES_ONLY).withThreshold(0.7);
        Path file = dir.resolve("verifier.json");
        verifier.save(file);

        AnswerVerifier loaded = AnswerVerifier.load(file);

        assertThat(loaded.threshold()).isEqualTo(0.7);
        assertThat(loaded.usesEmbeddings()).isFalse();
        for (AnswerVerifier.Example e : examples(5, 4)) {
            assertThat(loaded.pGood(e.prompt(), null, e.answer(), null))
                    .isEqualTo(verifier.pGood(e.prompt(), null, e.answer(), null));
        }
    }

    @Test
    void aBadFileIsRejectedNamingTheSourceAndKey() {
        String json = AnswerVerifier.train(examples(10, 5), FEATURES_ONLY).toJson();

        assertThatThrownBy(() -> AnswerVerifier.fromJson(json.replace("router4j-answer-verifier", "router4j-router")))
                .hasMessage("JSON: 'format' must be \"router4j-answer-verifier\", got \"router4j-router\"");
        assertThatThrownBy(() -> AnswerVerifier.fromJson(json.replace("\"log_chars\"", "\"chars\"")))
                .hasMessageStartingWith("JSON: 'features' must be [log_chars,");
    }

    @Test
    void recordedResultsWithoutAnAnswerAreSkippedAndCounted() {
        Map<String, ModelResult> both = new LinkedHashMap<>();
        both.put("weak", ModelResult.correct(true).withAnswer("2 + 2 = 4\n#### 4"));
        both.put("strong", ModelResult.correct(true));
        RecordedResults data = new RecordedResults("test", List.of(new RecordedRequest("1", "What is 2 + 2?", both)));

        AnswerVerifier.Examples examples = AnswerVerifier.examples(data, List.of("weak", "strong"), null);

        assertThat(examples.examples()).hasSize(1);
        assertThat(examples.withoutAnswer()).isEqualTo(1);
        assertThat(examples.examples().get(0).good()).isTrue();
    }

    @Test
    void onRouteLlmGsm8kMixtralAnswersTheFeaturesAloneRankHeldOutAnswersWellAboveChance() {
        String base = System.getProperty("router4j.shared.data");
        assumeThat(base != null && java.nio.file.Files.isDirectory(Path.of(base, "routellm")))
                .as("shared data routellm (system property router4j.shared.data) not available").isTrue();
        Path root = Path.of(base, "routellm");
        RecordedResults data = RouteLlmData.gsm8k(root);
        List<AnswerVerifier.Example> all = AnswerVerifier.examples(data, List.of(RouteLlmData.WEAK), null).examples();
        List<AnswerVerifier.Example> train = new ArrayList<>();
        List<AnswerVerifier.Example> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? train : test).add(all.get(i));
        }

        AnswerVerifier verifier = AnswerVerifier.train(train, FEATURES_ONLY);

        double[] p = test.stream().mapToDouble(e -> verifier.pGood(e.prompt(), null, e.answer(), null)).toArray();
        boolean[] good = new boolean[test.size()];
        for (int i = 0; i < good.length; i++) {
            good[i] = test.get(i).good();
        }
        assertThat(auc(p, good)).isGreaterThan(0.7);
    }

    /** Probability that a random good answer scores above a random poor one. */
    static double auc(double[] p, boolean[] good) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (good[i] && !good[j]) {
                    pairs++;
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
