package io.github.router4j.benchmarks.routers;

import io.github.router4j.learned.SwBradleyTerryRouter;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap of a similarity-weighted Bradley–Terry router per 10,000 training examples (384 dimensions,
 * two models): used heap after GC with the router alive minus used heap after GC without it, median of 5.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.router4j.benchmarks.routers.SwBtMemory}.
 */
public final class SwBtMemory {

    private SwBtMemory() {
    }

    public static void main(String[] args) {
        var set = SyntheticRoutingData.trainingSet(10_000, 42);
        long[] bytes = new long[5];
        for (int i = 0; i < bytes.length; i++) {
            long before = usedAfterGc();
            SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build());
            long after = usedAfterGc();
            bytes[i] = after - before;
            if (router.size() != 10_000) {
                throw new IllegalStateException("unexpected size " + router.size());
            }
        }
        java.util.Arrays.sort(bytes);
        System.out.printf("sw-bt retained heap per 10,000 examples (384 dims): %.2f MB (median of 5; raw %s)%n",
                bytes[2] / 1e6, java.util.Arrays.toString(bytes));
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
