package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.router4j.langchain4j.config.ModelFields.optionalBoolean;
import static io.github.router4j.langchain4j.config.ModelFields.optionalIn;
import static io.github.router4j.langchain4j.config.ModelFields.optionalPositive;

/**
 * {@code provider: anthropic}: Claude models through langchain4j-anthropic, an optional dependency
 * of this module (add {@code dev.langchain4j:langchain4j-anthropic}; without it a configuration
 * naming this provider fails saying so). Fields (all optional except {@code model-name}):
 * {@code base-url} (default {@code https://api.anthropic.com/v1/}), {@code model-name},
 * {@code api-key}, {@code version}, {@code beta}, {@code timeout}, {@code max-retries} (default 0,
 * not for streaming), {@code temperature}, {@code top-p}, {@code top-k}, {@code max-tokens},
 * {@code stop-sequences}, {@code user-id}, {@code log-requests}, {@code log-responses},
 * {@code custom-headers}.
 */
public final class AnthropicChatModelFactory extends OptionalProviderFactory {

    public AnthropicChatModelFactory() {
        super("anthropic", "dev.langchain4j.model.anthropic.AnthropicChatModel",
                "dev.langchain4j.model.anthropic.AnthropicStreamingChatModel");
    }

    @Override
    ChatModel chatModel(ConfigNode model) {
        return Anthropic.chatModel(model);
    }

    @Override
    StreamingChatModel streamingChatModel(ConfigNode model) {
        return Anthropic.streamingChatModel(model);
    }

    /** The only code that links langchain4j-anthropic, loaded once the provider is actually used. */
    private static final class Anthropic {

        static ChatModel chatModel(ConfigNode m) {
            Settings s = Settings.read(m);
            return AnthropicChatModel.builder()
                    .baseUrl(s.baseUrl).apiKey(s.apiKey).version(s.version).beta(s.beta).modelName(s.modelName)
                    .timeout(s.timeout).maxRetries(m.get("max-retries").asIntIn(0, 100, 0))
                    .temperature(s.temperature).topP(s.topP).topK(s.topK).maxTokens(s.maxTokens)
                    .stopSequences(s.stopSequences).userId(s.userId)
                    .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                    .build();
        }

        static StreamingChatModel streamingChatModel(ConfigNode m) {
            Settings s = Settings.read(m);
            m.get("max-retries").asIntIn(0, 100, 0);
            return AnthropicStreamingChatModel.builder()
                    .baseUrl(s.baseUrl).apiKey(s.apiKey).version(s.version).beta(s.beta).modelName(s.modelName)
                    .timeout(s.timeout)
                    .temperature(s.temperature).topP(s.topP).topK(s.topK).maxTokens(s.maxTokens)
                    .stopSequences(s.stopSequences).userId(s.userId)
                    .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                    .build();
        }
    }

    private record Settings(String baseUrl, String apiKey, String version, String beta, String modelName,
                            Duration timeout, Double temperature, Double topP, Integer topK, Integer maxTokens,
                            List<String> stopSequences, String userId, Boolean logRequests, Boolean logResponses,
                            Map<String, String> headers) {

        static Settings read(ConfigNode m) {
            return new Settings(ModelFields.baseUrl(m, "https://api.anthropic.com/v1/"), ModelFields.apiKey(m),
                    m.get("version").asText(null), m.get("beta").asText(null), m.get("model-name").asText(),
                    m.get("timeout").asDuration(Duration.ofSeconds(60)),
                    optionalIn(m.get("temperature"), 0, 1), optionalIn(m.get("top-p"), 0, 1),
                    optionalPositive(m.get("top-k")), optionalPositive(m.get("max-tokens")),
                    m.get("stop-sequences").isMissing() ? null : m.get("stop-sequences").asTextList(),
                    m.get("user-id").asText(null),
                    optionalBoolean(m.get("log-requests")), optionalBoolean(m.get("log-responses")),
                    ModelFields.headers(m));
        }

        @Override
        public String toString() {
            return ModelFields.describe(baseUrl, modelName, apiKey);
        }
    }
}
