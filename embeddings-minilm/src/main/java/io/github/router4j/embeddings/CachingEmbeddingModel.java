package io.github.router4j.embeddings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decorates any LangChain4j {@link EmbeddingModel} with a Caffeine cache keyed by text, so a routing text seen
 * before (a retry, a popular question, a training prompt) is not embedded again. Size and time-to-live are
 * configurable; misses of one request are embedded in one batch call. Thread-safe.
 */
public final class CachingEmbeddingModel implements EmbeddingModel {

    private final EmbeddingModel delegate;
    private final Cache<String, Embedding> cache;

    private CachingEmbeddingModel(Builder builder) {
        this.delegate = Objects.requireNonNull(builder.delegate, "delegate");
        if (builder.maximumSize < 0) {
            throw new IllegalArgumentException("maximumSize must be >= 0, was " + builder.maximumSize);
        }
        Caffeine<Object, Object> caffeine = Caffeine.newBuilder().maximumSize(builder.maximumSize)
                .executor(Runnable::run).recordStats();
        if (builder.timeToLive != null) {
            if (builder.timeToLive.isNegative() || builder.timeToLive.isZero()) {
                throw new IllegalArgumentException("timeToLive must be positive, was " + builder.timeToLive);
            }
            caffeine.expireAfterWrite(builder.timeToLive);
        }
        this.cache = caffeine.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A cache of {@code maximumSize} entries kept for {@code timeToLive} around {@code delegate}. */
    public static CachingEmbeddingModel of(EmbeddingModel delegate, long maximumSize, Duration timeToLive) {
        return builder().delegate(delegate).maximumSize(maximumSize).timeToLive(timeToLive).build();
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        List<String> texts = request.inputs().stream().map(EmbeddingInput::text).toList();
        Map<String, Embedding> found = new LinkedHashMap<>();
        List<TextSegment> misses = new ArrayList<>();
        for (String text : texts) {
            Embedding e = cache.getIfPresent(text);
            if (e != null) {
                found.put(text, e);
            } else if (!found.containsKey(text)) {
                found.put(text, null);
                misses.add(TextSegment.from(text));
            }
        }
        if (!misses.isEmpty()) {
            List<Embedding> computed = delegate.embedAll(misses).content();
            if (computed.size() != misses.size()) {
                throw new IllegalStateException(delegate.getClass().getSimpleName() + " returned " + computed.size()
                        + " embeddings for " + misses.size() + " texts");
            }
            for (int i = 0; i < misses.size(); i++) {
                String text = misses.get(i).text();
                found.put(text, computed.get(i));
                cache.put(text, computed.get(i));
            }
        }
        List<Embedding> out = texts.stream().map(found::get).toList();
        return EmbeddingResponse.builder().embeddings(out)
                .metadata(EmbeddingResponseMetadata.builder().modelName(modelName()).build()).build();
    }

    /** The embedding of {@code text} as a float vector, from the cache when possible. */
    public float[] vector(String text) {
        return embed(text).content().vector();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** Cached texts (approximate). */
    public long size() {
        return cache.estimatedSize();
    }

    /** Share of texts found in the cache so far. */
    public double hitRate() {
        return cache.stats().hitRate();
    }

    /** Builder; by default 10,000 entries without expiry. */
    public static final class Builder {
        private EmbeddingModel delegate;
        private long maximumSize = 10_000;
        private Duration timeToLive;

        private Builder() {
        }

        public Builder delegate(EmbeddingModel delegate) {
            this.delegate = delegate;
            return this;
        }

        public Builder maximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
            return this;
        }

        /** How long an embedding stays cached after it was computed; {@code null} = until evicted by size. */
        public Builder timeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
            return this;
        }

        public CachingEmbeddingModel build() {
            return new CachingEmbeddingModel(this);
        }
    }
}
