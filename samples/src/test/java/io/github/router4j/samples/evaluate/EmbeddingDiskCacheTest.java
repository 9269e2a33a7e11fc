package io.github.router4j.samples.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingDiskCacheTest {

    @Test
    void aSecondRunReadsEmbeddingsFromDiskKeyedByModelAndText(@TempDir Path dir) {
        AtomicInteger calls = new AtomicInteger();
        Function<String, float[]> embedder = text -> {
            calls.incrementAndGet();
            return new float[] {text.length(), 0.5f};
        };
        try (EmbeddingDiskCache first = new EmbeddingDiskCache(dir, "model-a", embedder)) {
            first.apply("hello");
            first.apply("hello");
            first.apply("world!");
        }
        assertThat(calls).hasValue(2);

        try (EmbeddingDiskCache second = new EmbeddingDiskCache(dir, "model-a", embedder)) {
            assertThat(second.apply("world!")).containsExactly(6f, 0.5f);
            assertThat(second.contains("hello")).isTrue();
            assertThat(second.misses()).isZero();
        }
        try (EmbeddingDiskCache otherModel = new EmbeddingDiskCache(dir, "model-b", embedder)) {
            assertThat(otherModel.contains("hello")).isFalse();
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void twoCachesOnOneFileKeepEachOthersRecordsWhole(@TempDir Path dir) {
        Function<String, float[]> embedder = text -> new float[] {text.length(), 1f, 2f};
        try (EmbeddingDiskCache a = new EmbeddingDiskCache(dir, "m", embedder);
             EmbeddingDiskCache b = new EmbeddingDiskCache(dir, "m", embedder)) {
            for (int i = 0; i < 200; i++) {
                a.apply("a" + i);
                b.apply("b" + "x".repeat(i));
            }
        }
        try (EmbeddingDiskCache reread = new EmbeddingDiskCache(dir, "m", embedder)) {
            assertThat(reread.contains("a199")).isTrue();
            assertThat(reread.apply("b" + "x".repeat(150))).containsExactly(151f, 1f, 2f);
            assertThat(reread.misses()).isZero();
        }
    }

    @Test
    void aDamagedTailIsCutOffAndTheCacheGoesOnFromTheLastGoodRecord(@TempDir Path dir) throws Exception {
        Function<String, float[]> embedder = text -> new float[] {text.length(), 1f};
        Path file;
        try (EmbeddingDiskCache first = new EmbeddingDiskCache(dir, "m", embedder)) {
            first.apply("kept");
            file = first.file();
        }
        long good = java.nio.file.Files.size(file);
        java.nio.file.Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0},
                java.nio.file.StandardOpenOption.APPEND);

        try (EmbeddingDiskCache second = new EmbeddingDiskCache(dir, "m", embedder)) {
            assertThat(second.contains("kept")).isTrue();
            assertThat(java.nio.file.Files.size(file)).isEqualTo(good);
            second.apply("added");
        }
        try (EmbeddingDiskCache third = new EmbeddingDiskCache(dir, "m", embedder)) {
            assertThat(third.contains("kept")).isTrue();
            assertThat(third.contains("added")).isTrue();
        }
    }

    @Test
    void differentTextsEmbedInParallelAndTheSameTextOnce(@TempDir Path dir) throws Exception {
        CountDownLatch bothEmbedding = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger overlapped = new AtomicInteger();
        Function<String, float[]> embedder = text -> {
            calls.incrementAndGet();
            bothEmbedding.countDown();
            try {
                if (bothEmbedding.await(10, TimeUnit.SECONDS)) {
                    overlapped.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new float[] {text.length()};
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EmbeddingDiskCache cache = new EmbeddingDiskCache(dir, "model-a", embedder)) {
            List<Future<float[]>> results = new ArrayList<>();
            for (String text : List.of("a", "bb", "a", "bb")) {
                results.add(pool.submit(() -> cache.apply(text)));
            }
            List<Float> values = new ArrayList<>();
            for (Future<float[]> r : results) {
                values.add(r.get()[0]);
            }
            assertThat(values).containsExactly(1f, 2f, 1f, 2f);
            assertThat(overlapped).as("both embedding calls saw the other one running").hasValue(2);
            assertThat(cache.misses()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(2);
        try (EmbeddingDiskCache reopened = new EmbeddingDiskCache(dir, "model-a", embedder)) {
            assertThat(reopened.apply("bb")).containsExactly(2f);
            assertThat(reopened.misses()).isZero();
        }
    }
}
