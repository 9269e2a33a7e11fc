package io.github.router4j.benchmarks.routers;

import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;

import java.util.HashSet;
import java.util.Set;

/**
 * Recall of sw-bt's HNSW neighbours against the exact 100 nearest prompts, build time and graph memory, at 100,000
 * synthetic 384-dimensional training prompts (200 held-out queries), for several search widths {@code ef}.
 * Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar io.github.router4j.benchmarks.routers.SwBtAnnRecall}.
 */
public final class SwBtAnnRecall {

    private SwBtAnnRecall() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = 200;
        TrainingSet all = SyntheticRoutingData.trainingSet(size + queries, 42);
        TrainingSet set = all.subset(NTierDecisionBenchmark.range(0, size));
        long start = System.nanoTime();
        SwBradleyTerryRouter built = SwBradleyTerryRouter.train(set,
                SwBradleyTerryRouter.options().hnsw(1, 100).build());
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        for (int ef : new int[] {100, 120, 150, 200, 400}) {
            SwBradleyTerryRouter router = built.withSearchWidth(ef);
            long found = 0;
            long wanted = 0;
            for (int i = 0; i < queries; i++) {
                float[] q = all.examples().get(size + i).embedding();
                Set<Integer> exact = new HashSet<>();
                for (int r : router.exactNeighbourRows(q)) {
                    exact.add(r);
                }
                for (int r : router.neighbourRows(q)) {
                    if (exact.contains(r)) {
                        found++;
                    }
                }
                wanted += exact.size();
            }
            System.out.printf("%d prompts, ef %d: recall@100 %.4f, graph %.1f MB, vectors %.1f MB, build %.0f s%n",
                    size, ef, (double) found / wanted, router.hnswBytes() / 1e6, size * 384 * 4 / 1e6, buildSeconds);
        }
    }
}
