package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SwBradleyTerryRouterTest {

    private static final float[] X = {1, 0};
    private static final float[] Y = {0, 1};
    private static final float[] XY = {1, 1};

    @Test
    void twoModelFitIsTheSimilarityWeightedWinRate() {
        // Recorded: near X the strong model won once and tied once; near Y the weak model won.
        TrainingSet set = TrainingSet.of("weak", "strong", List.of(
                TrainingExample.of("x1", X, 0, 1), TrainingExample.of("x2", X, 1, 1), TrainingExample.of("y", Y, 1, 0)));
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().lambda(1e-9).build());

        // Query X: similarities 1, 1, 0 (max 1) give weights 100, 100, 10; strong scores 1 + 0.5 + 0.
        double p = router.strongProbability(RoutingRequest.builder().text("q").embedding(X).build());

        assertThat(p).isCloseTo(150.0 / 210, within(1e-6));
    }

    @Test
    void neighbourCutOffKeepsOnlyTheMostSimilarPrompts() {
        TrainingSet set = TrainingSet.of("weak", "strong", List.of(
                TrainingExample.of("x", X, 0, 1), TrainingExample.of("xy", XY, 0, 1), TrainingExample.of("y", Y, 1, 0)));
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set,
                SwBradleyTerryRouter.options().neighbours(2).build());

        // all three prompts would give 150.9 / 160.9 = 0.938; the two nearest alone give 1 (0.98 with the prior)
        assertThat(router.strongProbability(RoutingRequest.builder().text("q").embedding(X).build())).isGreaterThan(0.97);
    }

    @Test
    void fitsBradleyTerryCoefficientsForMoreThanTwoModels() {
        // small < medium < large everywhere: large always best, small always worst.
        List<TrainingExample> examples = List.of(
                new TrainingExample("a", X, new double[] {0, 0.5, 1}),
                new TrainingExample("b", XY, new double[] {0.2, 0.6, 0.9}),
                new TrainingExample("c", Y, new double[] {0.1, 0.1, 0.8}));
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(
                new TrainingSet(List.of("small", "medium", "large"), examples), SwBradleyTerryRouter.options().build());

        double[] beta = router.coefficients(RoutingRequest.builder().text("q").embedding(X).build());

        assertThat(beta[0]).isZero();
        assertThat(beta[1]).isPositive();
        assertThat(beta[2]).isGreaterThan(beta[1]);
        assertThat(router.strongProbability(RoutingRequest.builder().text("q").embedding(X).build())).isGreaterThan(0.9);
    }
}
