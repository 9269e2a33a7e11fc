package io.github.router4j.samples.scoring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.langchain4j.scoring.ScoringSpecs;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The models of the children's-story samples: real OpenAI-compatible models when an API key is given
 * ({@code --api-key} or {@code OPENAI_API_KEY}), otherwise the scripted {@link OfflineStoryModels} on a
 * local server. Shared picocli options of the scoring commands.
 */
public final class StoryModels implements AutoCloseable {

    static final String SPEC_RESOURCE = "/scoring/childrens-story.yaml";
    static final String EXAMPLES_RESOURCE = "/scoring/childrens-story-rated.jsonl";

    /** Picocli options choosing the models. */
    public static final class Options {
        @Option(names = "--api-key", defaultValue = "${env:OPENAI_API_KEY}",
                description = "API key of an OpenAI-compatible service (default: $OPENAI_API_KEY); without one the"
                        + " scripted offline models answer")
        String apiKey;

        @Option(names = "--base-url", defaultValue = "https://api.openai.com/v1", description = "Base URL (default: ${DEFAULT-VALUE})")
        String baseUrl;

        @Option(names = "--cheap-model", defaultValue = "gpt-4o-mini", description = "Cheap tier model (default: ${DEFAULT-VALUE})")
        String cheapModel;

        @Option(names = "--strong-model", defaultValue = "gpt-4o", description = "Strong tier model (default: ${DEFAULT-VALUE})")
        String strongModel;
    }

    private final LocalOpenAiServer server;
    private final ChatModel cheap;
    private final ChatModel strong;

    private StoryModels(Options options) {
        boolean online = options.apiKey != null && !options.apiKey.isBlank();
        this.server = online ? null : OfflineStoryModels.start();
        String baseUrl = online ? options.baseUrl : server.baseUrl();
        String key = online ? options.apiKey : "offline";
        this.cheap = model(baseUrl, key, online ? options.cheapModel : "cheap");
        this.strong = model(baseUrl, key, online ? options.strongModel : "strong");
    }

    public static StoryModels open(Options options) {
        return new StoryModels(options);
    }

    public boolean offline() {
        return server != null;
    }

    public ChatModel cheap() {
        return cheap;
    }

    public ChatModel strong() {
        return strong;
    }

    /** The bundled children's-story spec, or {@code file} when given. */
    static ScoringSpec spec(Path file) throws IOException {
        if (file != null) {
            return ScoringSpecs.read(file);
        }
        try (InputStream in = StoryModels.class.getResourceAsStream(SPEC_RESOURCE)) {
            return ScoringSpecs.fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + SPEC_RESOURCE);
        }
    }

    static BufferedReader bundledExamples() {
        InputStream in = StoryModels.class.getResourceAsStream(EXAMPLES_RESOURCE);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing classpath resource " + EXAMPLES_RESOURCE));
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static ChatModel model(String baseUrl, String apiKey, String name) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey).modelName(name)
                .timeout(Duration.ofSeconds(60)).maxRetries(1).build();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
