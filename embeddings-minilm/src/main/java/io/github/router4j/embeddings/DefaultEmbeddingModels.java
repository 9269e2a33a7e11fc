package io.github.router4j.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.time.Duration;

/**
 * The embedding model routers use unless told otherwise: the quantised all-MiniLM-L6-v2 running in-process
 * (384 dimensions, weights inside the jar, works offline; ONNX Runtime unpacks its native library into a
 * writable temp folder on first use), behind a {@link CachingEmbeddingModel}.
 */
public final class DefaultEmbeddingModels {

    /** Name recorded in trained router files and embedding caches. */
    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";
    public static final int DIMENSION = 384;

    private DefaultEmbeddingModels() {
    }

    /** A new in-process quantised all-MiniLM-L6-v2 (no cache). */
    public static EmbeddingModel allMiniLmL6V2Q() {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** all-MiniLM-L6-v2-q behind a cache of {@code maximumSize} texts kept for {@code timeToLive} (null = no expiry). */
    public static CachingEmbeddingModel cachedAllMiniLmL6V2Q(long maximumSize, Duration timeToLive) {
        return CachingEmbeddingModel.of(allMiniLmL6V2Q(), maximumSize, timeToLive);
    }

    /** all-MiniLM-L6-v2-q behind a cache of 10,000 texts kept for one hour. */
    public static CachingEmbeddingModel routingDefault() {
        return cachedAllMiniLmL6V2Q(10_000, Duration.ofHours(1));
    }
}
