package io.github.router4j.benchmarks.routers;

import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.SwBradleyTerryRouter.Options.Ann;
import io.github.router4j.learned.TrainingSet;

import java.util.HashSet;
import java.util.Set;

/**
 * Recall of sw-bt's approximate neighbours against the exact 100 nearest prompts, build time, index memory and the
 * time to load the saved router (JSON with the index), at
 * 100,000 synthetic 384-dimensional training prompts (200 held-out queries), for each index and several search
 * widths {@code ef}. Arguments: the number of prompts (default 100000), then the indexes ({@code hnsw},
 * {@code hnsw-pq}; default both).
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
        for (Ann ann : anns(args)) {
            long start = System.nanoTime();
            SwBradleyTerryRouter built = SwBradleyTerryRouter.train(set,
                    SwBradleyTerryRouter.options().hnsw(1, 100).ann(ann).build());
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            String json = built.toJson();
            start = System.nanoTime();
            LearnedRouter loaded = LearnedRouters.fromJson(json);
            System.out.printf("%s, %d prompts: JSON %.1f MB, loaded in %.1f s with the saved index (%s)%n", ann.id(),
                    size, json.length() / 1e6, (System.nanoTime() - start) / 1e9, loaded.type());
            json = null;
            for (int ef : new int[] {100, 120, 150, 175, 180, 200, 300, 400}) {
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
                System.out.printf("%s, %d prompts, ef %d: recall@100 %.4f, index %.1f MB, vectors %.1f MB, build %.0f s%n",
                        ann.id(), size, ef, (double) found / wanted, router.annBytes() / 1e6, size * 384 * 4 / 1e6,
                        buildSeconds);
            }
        }
    }

    private static Ann[] anns(String[] args) {
        if (args.length < 2) {
            return Ann.values();
        }
        Ann[] anns = new Ann[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            anns[i - 1] = Ann.of(args[i]);
        }
        return anns;
    }
}
