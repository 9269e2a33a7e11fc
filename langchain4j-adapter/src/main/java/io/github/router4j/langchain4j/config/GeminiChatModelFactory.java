package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.router4j.langchain4j.config.ModelFields.optionalBoolean;
import static io.github.router4j.langchain4j.config.ModelFields.optionalIn;
import static io.github.router4j.langchain4j.config.ModelFields.optionalPositive;

/**
 * {@code provider: gemini}: Google Gemini models through the Gemini API (langchain4j-google-ai-gemini,
 * an optional dependency of this module: add {@code dev.langchain4j:langchain4j-google-ai-gemini};
 * without it a configuration naming this provider fails saying so). Fields (all optional except
 * {@code model-name}): {@code base-url} (default {@code https://generativelanguage.googleapis.com/v1beta}),
 * {@code model-name}, {@code api-key}, {@code timeout}, {@code max-retries} (default 0, not for streaming),
 * {@code temperature}, {@code top-p}, {@code top-k}, {@code max-output-tokens}, {@code stop-sequences},
 * {@code seed}, {@code log-requests}, {@code log-responses}, {@code custom-headers}.
 */
public final class GeminiChatModelFactory extends OptionalProviderFactory {

    public GeminiChatModelFactory() {
        super("gemini", "dev.langchain4j.model.googleai.GoogleAiGeminiChatModel",
                "dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel");
    }

    @Override
    ChatModel chatModel(ConfigNode model) {
        return Gemini.chatModel(model);
    }

    @Override
    StreamingChatModel streamingChatModel(ConfigNode model) {
        return Gemini.streamingChatModel(model);
    }

    /** The only code that links langchain4j-google-ai-gemini, loaded once the provider is actually used. */
    private static final class Gemini {

        static ChatModel chatModel(ConfigNode m) {
            Settings s = Settings.read(m);
            return GoogleAiGeminiChatModel.builder()
                    .baseUrl(s.baseUrl).apiKey(s.apiKey).modelName(s.modelName)
                    .timeout(s.timeout).maxRetries(m.get("max-retries").asIntIn(0, 100, 0))
                    .temperature(s.temperature).topP(s.topP).topK(s.topK).maxOutputTokens(s.maxOutputTokens)
                    .stopSequences(s.stopSequences).seed(s.seed)
                    .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                    .build();
        }

        static StreamingChatModel streamingChatModel(ConfigNode m) {
            Settings s = Settings.read(m);
            m.get("max-retries").asIntIn(0, 100, 0);
            return GoogleAiGeminiStreamingChatModel.builder()
                    .baseUrl(s.baseUrl).apiKey(s.apiKey).modelName(s.modelName)
                    .timeout(s.timeout)
                    .temperature(s.temperature).topP(s.topP).topK(s.topK).maxOutputTokens(s.maxOutputTokens)
                    .stopSequences(s.stopSequences).seed(s.seed)
                    .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                    .build();
        }
    }

    private record Settings(String baseUrl, String apiKey, String modelName, Duration timeout, Double temperature,
                            Double topP, Integer topK, Integer maxOutputTokens, List<String> stopSequences,
                            Integer seed, Boolean logRequests, Boolean logResponses, Map<String, String> headers) {

        static Settings read(ConfigNode m) {
            return new Settings(ModelFields.baseUrl(m, "https://generativelanguage.googleapis.com/v1beta"),
                    ModelFields.apiKey(m), m.get("model-name").asText(),
                    m.get("timeout").asDuration(Duration.ofSeconds(60)),
                    optionalIn(m.get("temperature"), 0, 2), optionalIn(m.get("top-p"), 0, 1),
                    optionalPositive(m.get("top-k")), optionalPositive(m.get("max-output-tokens")),
                    m.get("stop-sequences").isMissing() ? null : m.get("stop-sequences").asTextList(),
                    m.get("seed").isMissing() ? null : m.get("seed").asInt(),
                    optionalBoolean(m.get("log-requests")), optionalBoolean(m.get("log-responses")),
                    ModelFields.headers(m));
        }

        @Override
        public String toString() {
            return ModelFields.describe(baseUrl, modelName, apiKey);
        }
    }
}
