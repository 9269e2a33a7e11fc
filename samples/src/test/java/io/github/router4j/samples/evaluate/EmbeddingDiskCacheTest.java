package io.github.router4j.samples.evaluate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
