package io.github.router4j.learned;

import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearnedRoutersTest {

    private static final SyntheticTopics DATA = new SyntheticTopics(7, 300, 100);
    private static final List<TierInfo> TIERS = List.of(
            new TierInfo("weak", 0, 0.5, 1.5, Set.of()),
            new TierInfo("strong", 1, 10, 30, Set.of(TierCapability.TOOLS)));

    static Stream<Arguments> routers() {
        return Stream.of(
                router("classifier logistic regression", set -> ClassifierRouter.train(set, ClassifierRouter.options().build())),
                router("classifier gradient boosting", set -> ClassifierRouter.train(set, ClassifierRouter.options()
                        .algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).trees(50).build())),
                router("classifier MLP", set -> ClassifierRouter.train(set, ClassifierRouter.options()
                        .algorithm(ClassifierRouter.Algorithm.MLP).build())),
                router("classifier quality per model", set -> ClassifierRouter.train(set, ClassifierRouter.options()
                        .target(ClassifierRouter.Target.QUALITY_PER_MODEL).build())),
                router("similarity-weighted Bradley-Terry", set -> SwBradleyTerryRouter.train(set,
                        SwBradleyTerryRouter.options().neighbours(50).build())),
                router("matrix factorisation", set -> MatrixFactorizationRouter.train(set,
                        MatrixFactorizationRouter.options().dimension(8).epochs(40).build())),
                router("k nearest neighbours", set -> KnnRouter.train(set,
                        SwBradleyTerryRouter.options().neighbours(25).build())));
    }

    private static Arguments router(String name, Function<TrainingSet, LearnedRouter> trainer) {
        return Arguments.of(name, trainer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void learnsThatProofsNeedTheStrongTierAndRoutesHeldOutRequestsRight(String name,
                                                                         Function<TrainingSet, LearnedRouter> trainer) {
        LearnedRouter trained = trainer.apply(DATA.trainingSet());
        double[] trainingScores = DATA.train.stream()
                .mapToDouble(e -> trained.strongProbability(SyntheticTopics.request(e))).toArray();
        double needStrong = DATA.train.stream().filter(e -> e.quality()[0] < e.quality()[1]).count()
                / (double) DATA.train.size();
        LearnedRouter router = trained.withThreshold(
                ThresholdCalibration.forStrongShare(trainingScores, needStrong).threshold());

        assertThat(DATA.accuracy(router)).as(name).isGreaterThanOrEqualTo(0.95);
        Route proof = router.route(SyntheticTopics.request(DATA.test.get(DATA.testNeedsStrong.indexOf(true))), TIERS);
        Route recipe = router.route(SyntheticTopics.request(DATA.test.get(DATA.testNeedsStrong.indexOf(false))), TIERS);
        assertThat(proof.tier()).isEqualTo(1);
        assertThat(recipe.tier()).isEqualTo(0);
        assertThat(proof.score()).isPresent();
        assertThat(proof.reason()).startsWith(router.type() + ": P(strong needed)=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void savesAndLoadsToTheSameDecisions(String name, Function<TrainingSet, LearnedRouter> trainer,
                                         @TempDir Path dir) {
        LearnedRouter router = trainer.apply(DATA.trainingSet()).withThreshold(0.4);
        Path file = dir.resolve("router.json");
        router.save(file);

        LearnedRouter loaded = LearnedRouters.load(file);

        assertThat(loaded.getClass()).isEqualTo(router.getClass());
        assertThat(loaded.threshold()).isEqualTo(0.4);
        assertThat(loaded.models()).containsExactly("weak", "strong");
        for (TrainingExample e : DATA.test) {
            RoutingRequest request = SyntheticTopics.request(e);
            assertThat(loaded.strongProbability(request)).isCloseTo(router.strongProbability(request), within(1e-6));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routers")
    void thresholdTradesStrongCallsForCost(String name, Function<TrainingSet, LearnedRouter> trainer) {
        LearnedRouter router = trainer.apply(DATA.trainingSet());
        RoutingRequest recipe = SyntheticTopics.request(DATA.test.get(DATA.testNeedsStrong.indexOf(false)));

        assertThat(router.withThreshold(0).route(recipe, TIERS).tier()).isEqualTo(1);
        assertThat(router.withThreshold(1).strongProbability(recipe)).isLessThan(1);
        assertThat(router.withThreshold(1).route(recipe, TIERS).tier()).isZero();
    }

    @Test
    void sendsARequestNeedingAMissingCapabilityOnlyToATierThatHasIt() {
        LearnedRouter router = ClassifierRouter.train(DATA.trainingSet(), ClassifierRouter.options().build());
        TrainingExample recipe = DATA.test.get(DATA.testNeedsStrong.indexOf(false));
        RoutingRequest withTools = RoutingRequest.builder().text(recipe.text()).embedding(recipe.embedding())
                .requiredCapabilities(Set.of(TierCapability.TOOLS)).build();

        assertThat(router.route(withTools, TIERS).tier()).isEqualTo(1);
    }

    @Test
    void classifierOnTextFeaturesAloneNeedsNoEmbedding() {
        ClassifierRouter router = ClassifierRouter.train(DATA.trainingSet(),
                ClassifierRouter.options().useEmbedding(false).build());

        assertThat(router.strongProbability(RoutingRequest.of("Prove that the sum of the first 3 odd numbers is a square.")))
                .isGreaterThan(0.5);
        assertThat(router.strongProbability(RoutingRequest.of("Give me a recipe for soup number 4.")))
                .isLessThan(0.5);
    }

    @Test
    void classifierPredictsQualityPerTierForTheRewardRouter() {
        ClassifierRouter router = ClassifierRouter.train(DATA.trainingSet(),
                ClassifierRouter.options().target(ClassifierRouter.Target.QUALITY_PER_MODEL).build());
        TrainingExample proof = DATA.test.get(DATA.testNeedsStrong.indexOf(true));

        double[] quality = router.predictQuality(SyntheticTopics.request(proof), TIERS);

        assertThat(quality[0]).isLessThan(0.2);
        assertThat(quality[1]).isGreaterThan(0.8);
    }

    @Test
    void rejectsARequestEmbeddedWithAnotherModel() {
        LearnedRouter router = SwBradleyTerryRouter.train(DATA.trainingSet(), SwBradleyTerryRouter.options().build());

        assertThatThrownBy(() -> router.strongProbability(RoutingRequest.builder().text("hi").embedding(new float[384]).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("384 dimensions").hasMessageContaining("trained on 24");
    }

    @Test
    void namesTheFileAndKeyOfABrokenModel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        String json = MatrixFactorizationRouter.train(DATA.trainingSet(), MatrixFactorizationRouter.options()
                .dimension(4).epochs(1).build()).toJson();
        Files.writeString(file, json.replace("\"projection\"", "\"projektion\""));

        assertThatThrownBy(() -> LearnedRouters.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": 'projection' is missing");

        Files.writeString(file, "{\"format\": \"router4j-router\", \"version\": 1, \"type\": \"bogus\"}");
        assertThatThrownBy(() -> LearnedRouters.load(file))
                .hasMessage(file + ": 'type' must be classifier, sw-bt, mf or knn, got \"bogus\"");
        assertThatThrownBy(() -> LearnedRouters.load(dir.resolve("missing.json")))
                .hasMessageContaining("router model file not found");
    }
}
