package io.github.router4j.benchmarks.routers;

import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
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

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One sw-bt decision (100 nearest prompts, cached embedding) at 100,000 synthetic 384-dimensional training prompts:
 * the exact scan against Lucene's HNSW graph searched {@code ef} 200 and 150 wide (the default). Sample mode for
 * percentiles; the graph is built in the setup (minutes).
 * Run: {@code java -Xmx3g -jar benchmarks/target/benchmarks.jar SwBtAnnBenchmark -bm sample -tu us}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class SwBtAnnBenchmark {

    private static final List<TierInfo> TIERS = List.of(new TierInfo("weak", 0, 0.6, 0.6, Set.of()),
            new TierInfo("strong", 1, 10, 30, Set.of()));

    @Param({"exact", "hnsw-ef200", "hnsw-ef150"})
    public String index;

    @Param({"100000"})
    public int size;

    private SwBradleyTerryRouter router;
    private RoutingRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingSet all = SyntheticRoutingData.trainingSet(size + 64, 42);
        router = SwBradleyTerryRouter.train(all.subset(NTierDecisionBenchmark.range(0, size)),
                SwBradleyTerryRouter.options()
                        .hnsw(index.equals("exact") ? 0 : 1,
                                index.equals("exact") ? SwBradleyTerryRouter.Options.DEFAULT_EF
                                        : Integer.parseInt(index.substring("hnsw-ef".length()))).build());
        requests = new RoutingRequest[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = RoutingRequest.builder().text(SyntheticRoutingData.TYPICAL_PROMPT)
                    .embedding(all.examples().get(size + i).embedding()).build();
        }
    }

    @Benchmark
    public Route cachedEmbedding() {
        return router.route(requests[next++ & 63], TIERS);
    }
}
