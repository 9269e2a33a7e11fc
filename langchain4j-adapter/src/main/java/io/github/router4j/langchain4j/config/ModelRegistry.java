package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The models an application supplies by name, for YAML tiers written as {@code model: {ref: name}}
 * (and for strategies that name a model, e.g. a judge). A tier's streaming model is the
 * {@link StreamingChatModel} registered under the same name. Immutable.
 *
 * <pre>{@code
 * ModelRegistry models = ModelRegistry.builder()
 *         .chatModel("cheap", cheapModel)
 *         .streamingChatModel("cheap", cheapStreamingModel)
 *         .build();
 * ChatModel router = RouterConfig.load(Path.of("router.yaml")).toChatModel(models);
 * }</pre>
 */
public final class ModelRegistry {

    private static final ModelRegistry EMPTY = builder().build();

    private final Map<String, ChatModel> chatModels;
    private final Map<String, StreamingChatModel> streamingChatModels;
    private final Map<String, EmbeddingModel> embeddingModels;

    private ModelRegistry(Builder b) {
        this.chatModels = Map.copyOf(b.chatModels);
        this.streamingChatModels = Map.copyOf(b.streamingChatModels);
        this.embeddingModels = Map.copyOf(b.embeddingModels);
    }

    /** No application models: every tier must name a {@code provider}. */
    public static ModelRegistry empty() {
        return EMPTY;
    }

    /** Chat models by name (e.g. Spring bean names). */
    public static ModelRegistry of(Map<String, ? extends ChatModel> chatModels) {
        return builder().chatModels(chatModels).build();
    }

    /** Chat and streaming chat models by name. */
    public static ModelRegistry of(Map<String, ? extends ChatModel> chatModels,
                                   Map<String, ? extends StreamingChatModel> streamingChatModels) {
        return builder().chatModels(chatModels).streamingChatModels(streamingChatModels).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ChatModel> chatModel(String name) {
        return Optional.ofNullable(chatModels.get(name));
    }

    public Optional<StreamingChatModel> streamingChatModel(String name) {
        return Optional.ofNullable(streamingChatModels.get(name));
    }

    public Optional<EmbeddingModel> embeddingModel(String name) {
        return Optional.ofNullable(embeddingModels.get(name));
    }

    public Set<String> chatModelNames() {
        return chatModels.keySet();
    }

    public Set<String> streamingChatModelNames() {
        return streamingChatModels.keySet();
    }

    public Set<String> embeddingModelNames() {
        return embeddingModels.keySet();
    }

    @Override
    public String toString() {
        return "ModelRegistry{chatModels=" + chatModels.keySet() + ", streamingChatModels="
                + streamingChatModels.keySet() + ", embeddingModels=" + embeddingModels.keySet() + '}';
    }

    /** Builder for {@link ModelRegistry}. */
    public static final class Builder {
        private final Map<String, ChatModel> chatModels = new LinkedHashMap<>();
        private final Map<String, StreamingChatModel> streamingChatModels = new LinkedHashMap<>();
        private final Map<String, EmbeddingModel> embeddingModels = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder chatModel(String name, ChatModel model) {
            chatModels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(model, "model"));
            return this;
        }

        public Builder chatModels(Map<String, ? extends ChatModel> models) {
            models.forEach(this::chatModel);
            return this;
        }

        public Builder streamingChatModel(String name, StreamingChatModel model) {
            streamingChatModels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(model, "model"));
            return this;
        }

        public Builder streamingChatModels(Map<String, ? extends StreamingChatModel> models) {
            models.forEach(this::streamingChatModel);
            return this;
        }

        public Builder embeddingModel(String name, EmbeddingModel model) {
            embeddingModels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(model, "model"));
            return this;
        }

        public ModelRegistry build() {
            return new ModelRegistry(this);
        }
    }
}
