package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * Builds a tier's model from its YAML {@code model:} mapping, selected by {@code provider:}. Found
 * with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.router4j.langchain4j.config.ChatModelFactory}. Built in:
 * {@code openai} (any OpenAI-compatible endpoint).
 *
 * <p>Read parameters through {@link ConfigNode} (unread fields are reported as unknown); the
 * {@code provider} field itself is already read. Implementations need a public no-argument
 * constructor and must be stateless.
 */
public interface ChatModelFactory {

    /** The {@code provider:} value this factory serves, e.g. {@code openai}. */
    String provider();

    /**
     * Checks the {@code model:} mapping without building anything (no HTTP client, no thread), so
     * that a whole configuration is checked before any tier's model is built: read every field
     * here as {@link #createChatModel} will. By default nothing is checked until the model is built.
     */
    default void validate(ConfigNode model, ConfigContext context) {
    }

    ChatModel createChatModel(ConfigNode model, ConfigContext context);

    /** The streaming twin of {@link #createChatModel}; by default this provider cannot stream. */
    default StreamingChatModel createStreamingChatModel(ConfigNode model, ConfigContext context) {
        throw model.get("provider").error("provider '" + provider() + "' has no streaming model");
    }
}
