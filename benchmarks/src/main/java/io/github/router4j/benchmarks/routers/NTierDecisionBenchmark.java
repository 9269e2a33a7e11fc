package io.github.router4j.benchmarks.routers;

import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.routing.PredictedQualityRouter;
import io.github.router4j.core.routing.TierPolicy;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.KnnRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One N-tier decision (predict every tier's quality, reward policy) among 11 tiers, the predictor trained on 10,000
 * synthetic 384-dimensional prompts, with the request's embedding already known (the cache hit). Sample mode, so JMH
 * reports percentiles. {@code -hnsw}: neighbours from the HNSW graph instead of the exact scan. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar NTierDecisionBenchmark -bm sample -tu us}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NTierDecisionBenchmark {

    static final int MODELS = 11;

    @Param({"knn", "knn-hnsw", "mf", "classifier-logreg", "sw-bt", "sw-bt-hnsw"})
    public String predictor;

    private PredictedQualityRouter router;
    private List<TierInfo> tiers;
    private RoutingRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingSet all = SyntheticRoutingData.trainingSet(10_000 + 64, 42, MODELS);
        TrainingSet set = all.subset(range(0, 10_000));
        LearnedRouter learned = switch (predictor) {
            case "knn" -> KnnRouter.train(set, SwBradleyTerryRouter.options().build());
            case "knn-hnsw" -> KnnRouter.train(set, SwBradleyTerryRouter.options().hnsw(1, 200)
                    .ann(SwBradleyTerryRouter.Options.Ann.HNSW).build());
            case "mf" -> MatrixFactorizationRouter.train(set, MatrixFactorizationRouter.options().epochs(1).build());
            case "classifier-logreg" -> ClassifierRouter.train(set, ClassifierRouter.options()
                    .target(ClassifierRouter.Target.QUALITY_PER_MODEL).maxIterations(50).build());
            case "sw-bt" -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build());
            case "sw-bt-hnsw" -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().hnsw(1, 200)
                    .ann(SwBradleyTerryRouter.Options.Ann.HNSW).build());
            default -> throw new IllegalArgumentException(predictor);
        };
        List<TierInfo> t = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            t.add(new TierInfo(set.models().get(m), m, 0.1 * (m + 1), 0.3 * (m + 1), Set.of()));
        }
        tiers = List.copyOf(t);
        router = PredictedQualityRouter.builder().predictor(learned).policy(TierPolicy.reward(200)).build();
        requests = new RoutingRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = RoutingRequest.builder().text(SyntheticRoutingData.TYPICAL_PROMPT)
                    .embedding(all.examples().get(10_000 + i).embedding()).build();
        }
    }

    static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    @Benchmark
    public Route cachedEmbedding() {
        RoutingRequest r = requests[next++ & 63];
        return router.route(r, tiers);
    }
}
