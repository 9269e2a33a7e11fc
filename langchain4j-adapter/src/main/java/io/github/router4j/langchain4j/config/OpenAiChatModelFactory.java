package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.langchain4j.RetryAfterHttpClient;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.router4j.langchain4j.config.ModelFields.optionalBoolean;
import static io.github.router4j.langchain4j.config.ModelFields.optionalIn;
import static io.github.router4j.langchain4j.config.ModelFields.optionalPositive;

/**
 * The built-in {@code provider: openai}: any OpenAI-compatible chat completions endpoint, through
 * langchain4j-open-ai. Fields (all optional except {@code model-name}):
 * {@code base-url} (default {@code https://api.openai.com/v1}), {@code model-name}, {@code api-key},
 * {@code organization-id}, {@code project-id}, {@code timeout}, {@code max-retries} (default 0: fallback is the router's job; not for
 * streaming), {@code temperature}, {@code top-p}, {@code max-tokens}, {@code max-completion-tokens},
 * {@code presence-penalty}, {@code frequency-penalty}, {@code seed}, {@code stop}, {@code user},
 * {@code response-format}, {@code strict-json-schema}, {@code strict-tools},
 * {@code parallel-tool-calls}, {@code supported-capabilities}, {@code log-requests},
 * {@code log-responses}, {@code custom-headers}. The HTTP client is a {@link RetryAfterHttpClient}, so a
 * rate-limited tier cools down for the provider's {@code Retry-After}.
 */
public final class OpenAiChatModelFactory implements ChatModelFactory {

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public void validate(ConfigNode model, ConfigContext context) {
        Settings.read(model);
        model.get("max-retries").asIntIn(0, 100, 0);
    }

    @Override
    public ChatModel createChatModel(ConfigNode model, ConfigContext context) {
        Settings s = Settings.read(model);
        return OpenAiChatModel.builder()
                .baseUrl(s.baseUrl).modelName(s.modelName).apiKey(s.apiKey)
                .organizationId(s.organizationId).projectId(s.projectId)
                .timeout(s.timeout).maxRetries(model.get("max-retries").asIntIn(0, 100, 0))
                .temperature(s.temperature).topP(s.topP).maxTokens(s.maxTokens)
                .maxCompletionTokens(s.maxCompletionTokens).presencePenalty(s.presencePenalty)
                .frequencyPenalty(s.frequencyPenalty).seed(s.seed).stop(s.stop).user(s.user)
                .responseFormat(s.responseFormat).strictJsonSchema(s.strictJsonSchema).strictTools(s.strictTools)
                .parallelToolCalls(s.parallelToolCalls).supportedCapabilities(s.capabilities)
                .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                .httpClientBuilder(RetryAfterHttpClient.builder())
                .build();
    }

    @Override
    public StreamingChatModel createStreamingChatModel(ConfigNode model, ConfigContext context) {
        Settings s = Settings.read(model);
        model.get("max-retries").asIntIn(0, 100, 0);
        return OpenAiStreamingChatModel.builder()
                .baseUrl(s.baseUrl).modelName(s.modelName).apiKey(s.apiKey)
                .organizationId(s.organizationId).projectId(s.projectId)
                .timeout(s.timeout)
                .temperature(s.temperature).topP(s.topP).maxTokens(s.maxTokens)
                .maxCompletionTokens(s.maxCompletionTokens).presencePenalty(s.presencePenalty)
                .frequencyPenalty(s.frequencyPenalty).seed(s.seed).stop(s.stop).user(s.user)
                .responseFormat(s.responseFormat).strictJsonSchema(s.strictJsonSchema).strictTools(s.strictTools)
                .parallelToolCalls(s.parallelToolCalls)
                .logRequests(s.logRequests).logResponses(s.logResponses).customHeaders(s.headers)
                .httpClientBuilder(RetryAfterHttpClient.builder())
                .build();
    }

    /** The fields both builders share, read once so that every error names its YAML path. */
    private record Settings(String baseUrl, String modelName, String apiKey, String organizationId,
                            String projectId, Duration timeout, Double temperature, Double topP, Integer maxTokens,
                            Integer maxCompletionTokens, Double presencePenalty, Double frequencyPenalty,
                            Integer seed, List<String> stop, String user, String responseFormat,
                            Boolean strictJsonSchema, Boolean strictTools, Boolean parallelToolCalls,
                            Set<Capability> capabilities, Boolean logRequests, Boolean logResponses,
                            Map<String, String> headers) {

        static Settings read(ConfigNode m) {
            String baseUrl = ModelFields.baseUrl(m, "https://api.openai.com/v1");
            Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
            m.get("supported-capabilities").elements().forEach(c -> capabilities.add(c.asEnum(Capability.class)));
            return new Settings(baseUrl, m.get("model-name").asText(),
                    ModelFields.apiKey(m),
                    m.get("organization-id").asText(null), m.get("project-id").asText(null),
                    m.get("timeout").asDuration(Duration.ofSeconds(60)),
                    optionalIn(m.get("temperature"), 0, 2), optionalIn(m.get("top-p"), 0, 1),
                    optionalPositive(m.get("max-tokens")), optionalPositive(m.get("max-completion-tokens")),
                    optionalIn(m.get("presence-penalty"), -2, 2), optionalIn(m.get("frequency-penalty"), -2, 2),
                    m.get("seed").isMissing() ? null : m.get("seed").asInt(),
                    m.get("stop").isMissing() ? null : m.get("stop").asTextList(),
                    m.get("user").asText(null),
                    m.get("response-format").isMissing() ? null : m.get("response-format").asOneOf("text", "json_object"),
                    optionalBoolean(m.get("strict-json-schema")), optionalBoolean(m.get("strict-tools")),
                    optionalBoolean(m.get("parallel-tool-calls")), capabilities,
                    optionalBoolean(m.get("log-requests")), optionalBoolean(m.get("log-responses")),
                    ModelFields.headers(m));
        }

        @Override
        public String toString() {
            return ModelFields.describe(baseUrl, modelName, apiKey);
        }
    }
}
