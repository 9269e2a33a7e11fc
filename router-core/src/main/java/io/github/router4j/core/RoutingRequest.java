package io.github.router4j.core;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a router sees of one request: the routing text (the user's request, never tool output),
 * optional earlier context, the capabilities the request needs, and a lazily computed sentence
 * embedding of the routing text. Immutable and thread-safe.
 */
public final class RoutingRequest {

    private final String text;
    private final String context;
    private final Set<TierCapability> requiredCapabilities;
    private final Supplier<float[]> embedding;
    private final Function<String, float[]> embedder;
    private final Map<String, Object> attributes;

    private RoutingRequest(Builder builder) {
        this.text = Objects.requireNonNull(builder.text, "text");
        this.context = builder.context == null ? "" : builder.context;
        this.requiredCapabilities = builder.requiredCapabilities.isEmpty()
                ? Set.of() : Set.copyOf(builder.requiredCapabilities);
        this.embedder = builder.embedder;
        String embedded = context.isEmpty() ? text : context + "\n" + text;
        Supplier<float[]> source = builder.embedding != null ? builder.embedding
                : embedder != null ? () -> embedder.apply(embedded) : null;
        this.embedding = source == null ? null : memoize(source);
        this.attributes = Map.copyOf(builder.attributes);
    }

    /** A request with only a routing text. */
    public static RoutingRequest of(String text) {
        return builder().text(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The text routing decides on: the latest user request. */
    public String text() {
        return text;
    }

    /** Earlier conversation text the configuration chose to include; empty when none. */
    public String context() {
        return context;
    }

    public Set<TierCapability> requiredCapabilities() {
        return requiredCapabilities;
    }

    /** Whether an embedding can be supplied for this request. */
    public boolean hasEmbedding() {
        return embedding != null;
    }

    /**
     * The sentence embedding of {@link #text()} (after the {@link #context()} when there is one),
     * computed on first use and then reused.
     *
     * @throws IllegalStateException when the request was built without an embedding source
     */
    public float[] embedding() {
        if (embedding == null) {
            throw new IllegalStateException("this router needs embeddings, but the request has no embedding source;"
                    + " configure an EmbeddingModel for routing");
        }
        return embedding.get();
    }

    /** Free-form values a caller attached (e.g. a benchmark's subject label). */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** A builder with this request's values; with an embedder, a changed text or context is embedded anew. */
    public Builder toBuilder() {
        Builder b = new Builder().text(text).context(context).requiredCapabilities(requiredCapabilities)
                .attributes(attributes);
        b.embedder = embedder;
        b.embedding = embedding;
        return b;
    }

    @Override
    public String toString() {
        return "RoutingRequest{text=" + abbreviate(text) + ", requiredCapabilities=" + requiredCapabilities + '}';
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 57) + "...\"";
    }

    private static Supplier<float[]> memoize(Supplier<float[]> delegate) {
        return new Supplier<>() {
            private volatile float[] value;

            @Override
            public float[] get() {
                float[] v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(delegate.get(), "embedding source returned null");
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    /** Builder for {@link RoutingRequest}. */
    public static final class Builder {
        private String text;
        private String context;
        private Set<TierCapability> requiredCapabilities = EnumSet.noneOf(TierCapability.class);
        private Supplier<float[]> embedding;
        private Function<String, float[]> embedder;
        private Map<String, Object> attributes = Map.of();

        private Builder() {
        }

        public Builder text(String text) {
            if (embedder != null && !Objects.equals(text, this.text)) {
                embedding = null;
            }
            this.text = text;
            return this;
        }

        public Builder context(String context) {
            if (embedder != null && !Objects.equals(context, this.context)) {
                embedding = null;
            }
            this.context = context;
            return this;
        }

        public Builder requiredCapabilities(Set<TierCapability> capabilities) {
            this.requiredCapabilities = capabilities.isEmpty()
                    ? EnumSet.noneOf(TierCapability.class) : EnumSet.copyOf(capabilities);
            return this;
        }

        /** A source of the routing text's embedding; called at most once, and only if a router needs it. */
        public Builder embedding(Supplier<float[]> embedding) {
            this.embedding = embedding;
            return this;
        }

        /**
         * Embeds any text with the routing's embedding model; the request's embedding is that of its text
         * (after its context, when there is one), computed at most once. Unlike a fixed embedding, it
         * follows the text: a router that rewrites the text ({@code toBuilder().text(...)}, e.g. to
         * remove a learned template) gets the embedding of the rewritten text.
         */
        public Builder embedder(Function<String, float[]> embedder) {
            this.embedder = embedder;
            this.embedding = null;
            return this;
        }

        /** A precomputed embedding. */
        public Builder embedding(float[] embedding) {
            Objects.requireNonNull(embedding, "embedding");
            this.embedding = () -> embedding;
            return this;
        }

        public Builder attributes(Map<String, Object> attributes) {
            this.attributes = attributes;
            return this;
        }

        public RoutingRequest build() {
            return new RoutingRequest(this);
        }
    }
}
