package io.github.router4j.core.eval;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.data.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.router4j.core.data.RouteLlmData.STRONG;
import static io.github.router4j.core.data.RouteLlmData.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineRoutersTest {

    private static RecordedResults mmlu;
    private static PairOutcomes outcomes;
    private static List<RoutingRequest> requests;

    @BeforeAll
    static void load() {
        mmlu = RouteLlmData.mmlu(SharedData.routeLlm());
        outcomes = PairOutcomes.of(mmlu.requests(), WEAK, STRONG);
        requests = mmlu.requests().stream()
                .map(r -> RoutingRequest.builder().text(r.prompt()).attributes(r.attributes()).build()).toList();
    }

    @Test
    void theRandomRouterRecoversHalfTheGapOnMmluForEverySeed() {
        for (long seed = 1; seed <= 5; seed++) {
            RandomRouter random = new RandomRouter(seed);

            RoutingCurve curve = RoutingCurve.sweep(scores(random), outcomes, RoutingCurve.DEFAULT_BINS);

            assertThat(curve.apgr()).as("seed %d", seed).isCloseTo(0.5, within(0.02));
            assertThat(curve.cpt(0.5)).as("seed %d", seed).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void theOracleRouterReachesTheOracleCptValues() {
        RoutingCurve curve = RoutingCurve.sweep(scores(new OracleRouter(mmlu.requests(), WEAK, STRONG)), outcomes,
                RoutingCurve.DEFAULT_BINS);

        for (double x : new double[] {0.2, 0.5, 0.8}) {
            assertThat(curve.cpt(x)).as("CPT(%s)", x).isCloseTo(outcomes.oracleCpt(x), within(1e-9));
        }
        assertThat(outcomes.oracleCpt(0.5)).isCloseTo(0.5 * (0.8059 - 0.6809), within(1e-3));
        assertThat(curve.apgr()).isGreaterThan(0.9);
    }

    @Test
    void theSubjectPriorLearnedOnTrainingFoldsBeatsRandomOnHeldOutFolds() {
        Folds folds = Folds.split(mmlu.size(), 5, 42);
        double[] scores = new double[mmlu.size()];
        for (int f = 0; f < folds.k(); f++) {
            SubjectPriorRouter router = SubjectPriorRouter.train(mmlu.subset(folds.train(f)).requests(),
                    RouteLlmData.SUBJECT, WEAK, STRONG);
            for (int i : folds.test(f)) {
                scores[i] = router.strongScore(requests.get(i));
            }
        }

        RoutingCurve curve = RoutingCurve.sweep(scores, outcomes, RoutingCurve.DEFAULT_BINS);

        assertThat(curve.apgr()).isGreaterThan(0.6);
        assertThat(curve.cpt(0.5)).isLessThan(0.4);
    }

    @Test
    void theSubjectPriorSendsTheSubjectWithTheLargerAdvantageToTheStrongTierAndSurvivesJson() {
        List<RecordedRequest> training = List.of(
                request("1", "math", 0, 1), request("2", "math", 0, 1), request("3", "math", 1, 1),
                request("4", "history", 1, 1), request("5", "history", 1, 0));
        SubjectPriorRouter router = SubjectPriorRouter.train(training, "subject", "weak", "strong")
                .withThreshold(0.5);
        List<TierInfo> tiers = List.of(new TierInfo("weak", 0, 0, 0, null), new TierInfo("strong", 1, 1, 1, null));

        RoutingRequest math = RoutingRequest.builder().text("x").attributes(Map.of("subject", "math")).build();
        RoutingRequest history = RoutingRequest.builder().text("y").attributes(Map.of("subject", "history")).build();

        assertThat(router.route(math, tiers).tier()).isEqualTo(1);
        assertThat(router.route(history, tiers).tier()).isZero();
        assertThat(router.strongScore(math)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(router.strongScore(RoutingRequest.of("unlabelled"))).isCloseTo(1.0 / 5, within(1e-12));
        SubjectPriorRouter loaded = SubjectPriorRouter.fromJson(router.toJson());
        assertThat(loaded.strongScore(math)).isEqualTo(router.strongScore(math));
        assertThat(loaded.strongScore(history)).isEqualTo(router.strongScore(history));
    }

    private static RecordedRequest request(String id, String subject, double weak, double strong) {
        return new RecordedRequest(id, "prompt " + id, Map.of("weak", ModelResult.of(weak),
                "strong", ModelResult.of(strong)), Map.of("subject", subject));
    }

    private static double[] scores(StrongScorer scorer) {
        return requests.stream().mapToDouble(scorer::strongScore).toArray();
    }
}
