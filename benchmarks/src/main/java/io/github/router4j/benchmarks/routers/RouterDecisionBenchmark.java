package io.github.router4j.benchmarks.routers;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.RewardRouter;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One routing decision per learned router, trained on 10,000 synthetic 384-dimensional examples:
 * {@code cachedEmbedding} routes a request whose embedding is already known (the CachingEmbeddingModel hit),
 * {@code freshEmbedding} embeds a typical prompt with the in-process MiniLM first. {@code sw-bt-index} is sw-bt with
 * its approximate k-means index (100 lists, 4 probed).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RouterDecisionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterDecisionBenchmark {

    private static final List<TierInfo> TIERS = List.of(new TierInfo("weak", 0, 0.6, 0.6, Set.of()),
            new TierInfo("strong", 1, 10, 30, Set.of()));

    @Param({"classifier-logistic-regression", "classifier-gradient-boosting", "classifier-mlp", "sw-bt", "sw-bt-index",
            "mf", "reward"})
    public String router;

    private Router decision;
    private RoutingRequest cached;
    private EmbeddingModel embeddings;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingSet set = SyntheticRoutingData.trainingSet(10_000, 42);
        decision = switch (router) {
            case "classifier-logistic-regression" -> ClassifierRouter.train(set, ClassifierRouter.options().build());
            case "classifier-gradient-boosting" -> ClassifierRouter.train(set, ClassifierRouter.options()
                    .algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).trees(100).build());
            case "classifier-mlp" -> ClassifierRouter.train(set, ClassifierRouter.options()
                    .algorithm(ClassifierRouter.Algorithm.MLP).epochs(2).build());
            case "sw-bt" -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build());
            case "sw-bt-index" -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().probes(4).build());
            case "mf" -> MatrixFactorizationRouter.train(set, MatrixFactorizationRouter.options().epochs(2).build());
            case "reward" -> RewardRouter.builder()
                    .quality(ClassifierRouter.train(set, ClassifierRouter.options()
                            .target(ClassifierRouter.Target.QUALITY_PER_MODEL).build()))
                    .costWeight(10).ttftWeight(0.1).itlWeight(1).build();
            default -> throw new IllegalArgumentException(router);
        };
        cached = RoutingRequest.builder().text(SyntheticRoutingData.TYPICAL_PROMPT)
                .embedding(SyntheticRoutingData.query(7)).build();
        embeddings = DefaultEmbeddingModels.allMiniLmL6V2Q();
    }

    @Benchmark
    public Route cachedEmbedding() {
        return decision.route(cached, TIERS);
    }

    @Benchmark
    public Route freshEmbedding() {
        RoutingRequest request = RoutingRequest.builder().text(SyntheticRoutingData.TYPICAL_PROMPT)
                .embedding(() -> embeddings.embed(SyntheticRoutingData.TYPICAL_PROMPT).content().vector()).build();
        return decision.route(request, TIERS);
    }
}
