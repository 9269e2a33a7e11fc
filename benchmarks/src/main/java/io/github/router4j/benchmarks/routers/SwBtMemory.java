package io.github.router4j.benchmarks.routers;

import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * Retained heap of a similarity-weighted Bradley–Terry router (384 dimensions, two models): used heap after GC with
 * the router alive minus used heap after GC without it. Arguments: the number of training examples (default
 * 10000) and the neighbour search ({@code exact}, the default, {@code hnsw} or {@code hnsw-pq}); median of 5 for
 * the exact scan, one build with an index (it takes minutes at 100,000).
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.router4j.benchmarks.routers.SwBtMemory}, or
 * {@code java -Xmx3g -cp ... SwBtMemory 100000 hnsw-pq}.
 */
public final class SwBtMemory {

    private SwBtMemory() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String search = args.length > 1 ? args[1] : "exact";
        SwBradleyTerryRouter.Options.Builder options = SwBradleyTerryRouter.options();
        if (search.equals("exact")) {
            options.hnsw(0, SwBradleyTerryRouter.Options.DEFAULT_EF);
        } else {
            options.hnsw(1, SwBradleyTerryRouter.Options.DEFAULT_EF).ann(SwBradleyTerryRouter.Options.Ann.of(search));
        }
        TrainingSet set = SyntheticRoutingData.trainingSet(size, 42);
        long[] bytes = new long[search.equals("exact") ? 5 : 1];
        long index = 0;
        for (int i = 0; i < bytes.length; i++) {
            long before = usedAfterGc();
            SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set, options.build());
            long after = usedAfterGc();
            bytes[i] = after - before;
            index = router.annBytes();
            if (router.size() != size) {
                throw new IllegalStateException("unexpected size " + router.size());
            }
        }
        Arrays.sort(bytes);
        System.out.printf("sw-bt retained heap, %,d examples (384 dims), %s: %.1f MB (%s of %d; raw %s);"
                        + " the index's own estimate %.1f MB%n", size, search, bytes[bytes.length / 2] / 1e6,
                bytes.length > 1 ? "median" : "one", bytes.length, Arrays.toString(bytes), index / 1e6);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
