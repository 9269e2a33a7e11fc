package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.TierInfo;

import java.io.InputStream;
import java.util.List;

/**
 * What a factory may use besides its own parameters: the tiers, files next to the YAML, and the
 * models the application registered by name. Every method takes the {@link ConfigNode} that holds
 * the name, so that a failure names its YAML path.
 */
public interface ConfigContext {

    /** Where the YAML came from: a file path, {@code classpath:...}, or {@code string}. */
    String source();

    /**
     * The configured tiers, cheapest first (empty while the tiers themselves are being read). While
     * the router is created, before any model is built, a {@code provider} tier without declared
     * capabilities shows the defaults; the JSON-schema capability its model may add is known after.
     */
    List<TierInfo> tiers();

    /** The index of the tier whose name is the text of {@code tierName}; fails naming the known tiers. */
    int tierIndex(ConfigNode tierName);

    /**
     * Opens the file named by the text of {@code location}: {@code classpath:path/in/jar}, an absolute
     * path, or a path relative to the YAML (its folder, or its classpath folder; relative to the
     * working directory when the YAML was a string). The caller closes the stream.
     */
    InputStream open(ConfigNode location);

    /** The UTF-8 text of the file named by {@code location} (see {@link #open}). */
    String readString(ConfigNode location);

    /** The application's {@link ChatModel} registered under the text of {@code ref}. */
    ChatModel chatModel(ConfigNode ref);

    /** The application's {@link StreamingChatModel} registered under the text of {@code ref}. */
    StreamingChatModel streamingChatModel(ConfigNode ref);

    /** The application's {@link EmbeddingModel} registered under the text of {@code ref}. */
    EmbeddingModel embeddingModel(ConfigNode ref);
}
