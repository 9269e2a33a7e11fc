package io.github.router4j.learned;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.routing.PredictedQualityRouter;
import io.github.router4j.core.routing.TierPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three models and three topics: recipes every model answers, history the standard and the reasoning model
 * answer, proofs only the reasoning model answers. Every N-model predictor, with a small price on cost, must send
 * each held-out topic to the cheapest model that answers it, the middle one included.
 */
class NTierPredictorsTest {

    private static final int DIMENSION = 16;
    private static final List<String> MODELS = List.of("small", "standard", "reasoning");
    private static final List<TierInfo> TIERS = List.of(
            new TierInfo("cheap", 0, 1, 1, Set.of()),
            new TierInfo("mid", 1, 2, 2, Set.of()),
            new TierInfo("strong", 2, 4, 4, Set.of()));
    private static final Map<String, String> MAPPING = Map.of("small", "cheap", "standard", "mid",
            "reasoning", "strong");

    private static final List<TrainingExample> TRAIN = new ArrayList<>();
    private static final List<TrainingExample> TEST = new ArrayList<>();
    private static final List<Integer> TEST_TOPIC = new ArrayList<>();

    static {
        Random random = new Random(11);
        float[][] centres = {unit(random), unit(random), unit(random)};
        for (int i = 0; i < 420; i++) {
            int topic = random.nextInt(3);
            float[] e = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                e[d] = centres[topic][d] + (float) (random.nextGaussian() * 0.25);
            }
            double[] q = {topic == 0 ? 1 : 0, topic <= 1 ? 1 : 0, 1};
            if (i % 10 == 3) {
                q[1] = Double.NaN; // the standard model was not run on every request
            }
            TrainingExample ex = new TrainingExample("topic " + topic + " request " + i, e, q);
            if (i < 360) {
                TRAIN.add(ex);
            } else {
                TEST.add(ex);
                TEST_TOPIC.add(topic);
            }
        }
    }

    static Stream<Arguments> predictors() {
        return Stream.of(
                Arguments.of("knn", 0.9, (Function<TrainingSet, LearnedRouter>) set -> KnnRouter.train(set,
                        SwBradleyTerryRouter.options().neighbours(20).build())),
                Arguments.of("sw-bt", 0.9, (Function<TrainingSet, LearnedRouter>) set -> SwBradleyTerryRouter.train(set,
                        SwBradleyTerryRouter.options().neighbours(20).build())),
                // MF learns pairwise score differences only; ties (every model right) blur its win shares
                Arguments.of("mf", 0.6, (Function<TrainingSet, LearnedRouter>) set -> MatrixFactorizationRouter.train(set,
                        MatrixFactorizationRouter.options().dimension(8).epochs(40).build())),
                Arguments.of("classifier per model", 0.9, (Function<TrainingSet, LearnedRouter>) set ->
                        ClassifierRouter.train(set, ClassifierRouter.options()
                                .target(ClassifierRouter.Target.QUALITY_PER_MODEL).useTextFeatures(false).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("predictors")
    void sends_each_topic_to_the_cheapest_model_that_answers_it(String name, double minimumAccuracy,
                                                                Function<TrainingSet, LearnedRouter> trainer) {
        LearnedRouter trained = trainer.apply(new TrainingSet(MODELS, TRAIN));
        LearnedRouter reloaded = LearnedRouters.fromJson(trained.toJson());
        PredictedQualityRouter router = PredictedQualityRouter.builder().predictor(reloaded.forTiers(MAPPING))
                .policy(TierPolicy.reward(20)).expectedOutputTokens(1000).build();

        int right = 0;
        int[] chosen = new int[TIERS.size()];
        for (int i = 0; i < TEST.size(); i++) {
            RoutingRequest request = RoutingRequest.builder().text("x").embedding(TEST.get(i).embedding()).build();
            Route route = router.route(request, TIERS);
            assertThat(route.predictions()).containsOnlyKeys("cheap", "mid", "strong");
            chosen[route.tier()]++;
            if (route.tier() == TEST_TOPIC.get(i)) {
                right++;
            }
        }
        assertThat((double) right / TEST.size()).as(name).isGreaterThanOrEqualTo(minimumAccuracy);
        assertThat(chosen).as("every tier is chosen, the middle one too").doesNotContain(0);
    }

    @Test
    void a_request_missing_a_result_counts_its_skipped_pairs_and_trains_on_the_rest() {
        TrainingSet set = new TrainingSet(MODELS, TRAIN);

        // 36 of the 360 requests lack the standard model: each loses its pairs with small and reasoning
        assertThat(set.skippedPairs()).isEqualTo(72);
        assertThat(KnnRouter.train(set, SwBradleyTerryRouter.options().neighbours(5).build())
                .predictQuality(RoutingRequest.builder().text("x").embedding(TEST.get(0).embedding()).build()))
                .hasSize(3).doesNotContain(Double.NaN);
    }

    @Test
    void the_tier_mapping_names_unknown_models_and_tiers() {
        LearnedRouter knn = KnnRouter.train(new TrainingSet(MODELS, TRAIN), SwBradleyTerryRouter.options().build());
        RoutingRequest request = RoutingRequest.builder().text("x").embedding(TEST.get(0).embedding()).build();

        assertThatThrownBy(() -> knn.forTiers(Map.of("huge", "strong")))
                .hasMessage("model 'huge' in the tier mapping is unknown; the router knows [small, standard, reasoning]");
        QualityPredictor typo = knn.forTiers(Map.of("small", "cheep"));
        assertThatThrownBy(() -> typo.predictQuality(request, TIERS))
                .hasMessage("unknown tier 'cheep' in the tier mapping; tiers are cheap, mid, strong");
        assertThat(knn.forTiers(Map.of("reasoning", "strong")).predictQuality(request, TIERS))
                .satisfies(q -> assertThat(Double.isNaN(q[0]) && Double.isNaN(q[1]) && !Double.isNaN(q[2])).isTrue());
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }
}
