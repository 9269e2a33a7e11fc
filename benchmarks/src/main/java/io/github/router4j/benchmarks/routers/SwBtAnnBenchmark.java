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
 * the exact scan against Lucene's HNSW graph walked on the stored floats ({@code hnsw}) and on product-quantised
 * codes with the {@code ef} best candidates re-scored ({@code hnsw-pq}), each searched {@code ef} wide (the
 * parameter is {@code exact} or {@code <index>-ef<width>}). Sample mode for percentiles; the index is built in the
 * setup (minutes).
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

    @Param({"exact", "hnsw-ef150", "hnsw-pq-ef200", "hnsw-pq-ef180"})
    public String index;

    @Param({"100000"})
    public int size;

    private SwBradleyTerryRouter router;
    private RoutingRequest[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TrainingSet all = SyntheticRoutingData.trainingSet(size + 64, 42);
        SwBradleyTerryRouter.Options.Builder options = SwBradleyTerryRouter.options();
        if (index.equals("exact")) {
            options.hnsw(0, SwBradleyTerryRouter.Options.DEFAULT_EF);
        } else {
            int at = index.lastIndexOf("-ef");
            options.hnsw(1, Integer.parseInt(index.substring(at + "-ef".length())))
                    .ann(SwBradleyTerryRouter.Options.Ann.of(index.substring(0, at)));
        }
        router = SwBradleyTerryRouter.train(all.subset(NTierDecisionBenchmark.range(0, size)), options.build());
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
