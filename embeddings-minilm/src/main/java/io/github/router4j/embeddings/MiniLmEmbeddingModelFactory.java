package io.github.router4j.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.EmbeddingModelFactory;

import java.time.Duration;

/**
 * {@code embedding-model: {provider: all-minilm-l6-v2-q}}: the in-process quantised all-MiniLM-L6-v2 (offline),
 * behind a {@link CachingEmbeddingModel}.
 *
 * <pre>{@code
 * embedding-model:
 *   provider: all-minilm-l6-v2-q
 *   cache: {size: 10000, ttl: 1h}     # optional; size 0 disables the cache; ttl default: none
 * }</pre>
 */
public final class MiniLmEmbeddingModelFactory implements EmbeddingModelFactory {

    @Override
    public String provider() {
        return DefaultEmbeddingModels.ALL_MINILM_L6_V2_Q;
    }

    @Override
    public EmbeddingModel create(ConfigNode model, ConfigContext context) {
        model.expectFields("provider", "cache");
        ConfigNode cache = model.get("cache").expectFields("size", "ttl");
        int size = cache.get("size").asIntIn(0, Integer.MAX_VALUE, 10_000);
        Duration ttl = cache.get("ttl").asDuration(null);
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw cache.get("ttl").error("must be a positive duration, e.g. 1h");
        }
        return DefaultEmbeddingModels.cachedAllMiniLmL6V2Q(size, ttl);
    }
}
