package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Shrinking per-model predictions toward the training means: the blend itself, how cross-validation chooses the
 * weight (none when the request tells which model is best, full when the per-request differences are noise), and the
 * weight saved with the router.
 */
class QualityShrinkageTest {

    private static final int DIMENSION = 12;
    private static final List<String> MODELS = List.of("a", "b", "c");

    @Test
    void blends_each_prediction_with_its_model_prior_and_fills_unknown_models_with_the_prior() {
        QualityShrinkage s = new QualityShrinkage(0.25, new double[] {0.4, 0.6, 0.8});

        double[] shrunk = s.apply(new double[] {0.0, 1.0, Double.NaN});

        assertThat(shrunk[0]).isCloseTo(0.1, within(1e-12));
        assertThat(shrunk[1]).isCloseTo(0.9, within(1e-12));
        assertThat(shrunk[2]).as("no prediction: the prior").isEqualTo(0.8);
        assertThat(new QualityShrinkage(0, s.prior()).apply(new double[] {0.3, 0.2, 0.1})).containsExactly(0.3, 0.2, 0.1);
        assertThat(new QualityShrinkage(1, s.prior()).apply(new double[] {0.3, 0.2, 0.1})).containsExactly(0.4, 0.6, 0.8);
    }

    @Test
    void rejects_a_weight_outside_zero_to_one_a_non_finite_prior_and_a_prediction_of_another_length() {
        assertThatThrownBy(() -> new QualityShrinkage(1.5, new double[] {0.5}))
                .hasMessage("shrinkage weight must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> new QualityShrinkage(0.5, new double[] {0.5, Double.NaN}))
                .hasMessage("shrinkage prior of model 1 must be a finite number, was NaN");
        assertThatThrownBy(() -> new QualityShrinkage(0.5, new double[] {0.5, 0.5}).apply(new double[] {0.1}))
                .hasMessage("shrinkage has a prior for 2 models, got 1 predictions");
    }

    @Test
    void the_prior_is_each_models_mean_over_the_requests_that_have_it() {
        TrainingSet set = new TrainingSet(MODELS, List.of(
                new TrainingExample("x", new float[] {1, 0}, new double[] {1, 0, Double.NaN}),
                new TrainingExample("y", new float[] {0, 1}, new double[] {0, 0, 1})));

        assertThat(QualityShrinkage.means(set)).containsExactly(0.5, 0.0, 1.0);
    }

    @Test
    void keeps_the_predictions_when_the_request_tells_which_model_is_best() {
        // topic t: model t answers, the others fail; every model is equally good overall
        TrainingSet set = data(7, (topic, random) -> {
            double[] q = new double[3];
            q[topic] = 1;
            return q;
        });

        QualityShrinkage.Tuned tuned = KnnRouter.tuned(set, SwBradleyTerryRouter.options().build(), 5, 2, 1);

        assertThat(tuned.shrinkage().weight()).isLessThan(1);
        assertThat(tuned.crossValidatedQuality()).isGreaterThan(0.95);
        assertThat(tuned.shrinkage().prior()).containsExactly(QualityShrinkage.means(set));
    }

    @Test
    void falls_back_to_the_model_best_on_training_when_per_request_differences_are_noise() {
        // model c is right 70 % of the time everywhere, a and b 50 %: nothing about the request helps
        TrainingSet set = data(9, (topic, random) -> new double[] {
                random.nextDouble() < 0.5 ? 1 : 0, random.nextDouble() < 0.5 ? 1 : 0, random.nextDouble() < 0.7 ? 1 : 0});

        QualityShrinkage.Tuned tuned = KnnRouter.tuned(set, SwBradleyTerryRouter.options().build(), 5, 2, 1);
        LearnedRouter unshrunk = KnnRouter.train(set, SwBradleyTerryRouter.options().neighbours(10).build());

        assertThat(tuned.shrinkage().weight()).isGreaterThanOrEqualTo(0.8);
        int chosenC = 0;
        int unshrunkC = 0;
        for (TrainingExample e : data(10, (topic, random) -> new double[3]).examples()) {
            RoutingRequest r = RoutingRequest.builder().text(e.text()).embedding(e.embedding()).build();
            chosenC += QualityShrinkage.argmax(tuned.router().predictQuality(r)) == 2 ? 1 : 0;
            unshrunkC += QualityShrinkage.argmax(unshrunk.predictQuality(r)) == 2 ? 1 : 0;
        }
        assertThat(chosenC).as("held-out requests sent to c, the best model overall").isGreaterThan(unshrunkC);
        assertThat(chosenC).isGreaterThanOrEqualTo(290);
    }

    @Test
    void the_weight_and_prior_are_saved_with_the_router_and_the_template_stays_outermost() {
        TrainingSet set = data(3, (topic, random) -> new double[] {topic == 0 ? 1 : 0, 0.5, 0.25});
        LearnedRouter knn = KnnRouter.train(set, SwBradleyTerryRouter.options().neighbours(5).build());
        QualityShrinkage s = new QualityShrinkage(0.5, QualityShrinkage.means(set));
        String header = "You are a careful assistant. Answer the question below briefly.\n";
        SharedTemplate template = SharedTemplate.learn(List.of(header + "What is soup?", header + "Prove it.",
                header + "Name a river."));
        assertThat(template.isEmpty()).isFalse();
        LearnedRouter saved = LearnedRouters.withShrinkage(LearnedRouters.withTemplate(knn, template), s);

        LearnedRouter loaded = LearnedRouters.fromJson(saved.toJson());

        RoutingRequest r = RoutingRequest.builder().text("topic 0").embedding(set.examples().get(0).embedding()).build();
        assertThat(loaded.predictQuality(r)).containsExactly(saved.predictQuality(r));
        assertThat(loaded.predictQuality(r)).containsExactly(s.apply(knn.predictQuality(r)));
        assertThat(LearnedRouters.shrinkageOf(loaded)).contains(s);
        assertThat(LearnedRouters.templateOf(loaded).lines()).isEqualTo(template.lines());
        assertThat(loaded.strongProbability(r)).as("the two-model probability is the router's own")
                .isEqualTo(knn.strongProbability(r));
        assertThat(LearnedRouters.shrinkageOf(knn)).isEqualTo(Optional.empty());
    }

    @Test
    void a_saved_weight_outside_zero_to_one_is_named() {
        TrainingSet set = data(3, (topic, random) -> new double[] {1, 0, 0});
        String json = LearnedRouters.withShrinkage(KnnRouter.train(set, SwBradleyTerryRouter.options().build()),
                new QualityShrinkage(0.5, QualityShrinkage.means(set))).toJson().replace("\"weight\" : 0.5",
                "\"weight\" : 2.0");

        assertThatThrownBy(() -> LearnedRouters.fromJson(json))
                .hasMessage("JSON at 'shrinkage': 'weight' must be in [0, 1], was 2.0");
    }

    @Test
    void tuning_needs_candidates_and_at_least_two_folds() {
        TrainingSet set = data(3, (topic, random) -> new double[] {1, 0, 0});
        List<Function<TrainingSet, ? extends LearnedRouter>> none = List.of();

        assertThatThrownBy(() -> QualityShrinkage.tune(set, none, 5, 1, 1))
                .hasMessage("shrinkage tuning needs at least one candidate predictor");
        assertThatThrownBy(() -> KnnRouter.tuned(set, SwBradleyTerryRouter.options().build(), 1, 1, 1))
                .hasMessage("shrinkage tuning needs 2 to 300 folds (one example per fold at least), got 1");
    }

    /** 300 requests on three topics (clusters of embeddings); {@code quality} gives each request's results. */
    private static TrainingSet data(long seed, QualityOf quality) {
        Random random = new Random(seed);
        Random centres = new Random(42);
        float[][] centre = new float[3][DIMENSION];
        for (float[] c : centre) {
            for (int d = 0; d < DIMENSION; d++) {
                c[d] = (float) centres.nextGaussian();
            }
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int topic = i % 3;
            float[] e = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                e[d] = centre[topic][d] + (float) (random.nextGaussian() * 0.3);
            }
            examples.add(new TrainingExample("topic " + topic + " request " + i, e, quality.of(topic, random)));
        }
        return new TrainingSet(MODELS, examples);
    }

    @FunctionalInterface
    private interface QualityOf {
        double[] of(int topic, Random random);
    }
}
