package io.github.router4j.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The router4j: section of application.yaml, described for IDE completion: it
 * mirrors the router YAML format (docs/configuration.md). The starter reads the section with
 * router4j's own loader rather than binding this class, so that a bad value fails at start-up
 * with the router's message and its property path, e.g. router4j.tiers[1].price.input.
 *
 * @param tiers          the tiers, cheapest first; a default router with beans tieredChatModel and
 *                       tieredStreamingChatModel
 * @param strategy       how the first tier is chosen and answers are accepted
 * @param fallback       what happens when a tier fails
 * @param embeddingModel the embedding model for routers that use embeddings: ref: beanName or a provider
 * @param routers        further routers by name, each with the same fields; beans NAME and NAMEStreaming
 * @param metrics        Micrometer meters of the tiered beans
 */
@ConfigurationProperties("router4j")
public record Router4jProperties(List<Tier> tiers, Strategy strategy, Fallback fallback,
                                 Map<String, Object> embeddingModel, Map<String, Router> routers, Metrics metrics) {

    /**
     * A further router.
     *
     * @param tiers          the tiers, cheapest first
     * @param strategy       how the first tier is chosen and answers are accepted
     * @param fallback       what happens when a tier fails
     * @param embeddingModel the embedding model for routers that use embeddings
     */
    public record Router(List<Tier> tiers, Strategy strategy, Fallback fallback, Map<String, Object> embeddingModel) {
    }

    /**
     * One tier.
     *
     * @param name         unique tier name
     * @param model        the tier's model: ref (a bean name) or provider with its fields
     * @param price        dollars per million tokens
     * @param capabilities tools, response-format-json, response-format-json-schema, images; default: the model's
     */
    public record Tier(String name, Model model, Price price, List<String> capabilities) {
    }

    /**
     * A tier's model. Providers take further fields (docs/configuration.md).
     *
     * @param ref        name of a ChatModel bean (and StreamingChatModel bean of that name, for streaming)
     * @param provider   openai, anthropic or gemini (or a ChatModelFactory added through ServiceLoader)
     * @param baseUrl    the provider's endpoint
     * @param modelName  the provider's model name
     * @param apiKey     the API key, e.g. ${OPENAI_API_KEY}
     * @param timeout    call timeout, e.g. 30s
     * @param maxRetries the client's own retries; 0 lets the router fall back at once
     */
    public record Model(String ref, String provider, String baseUrl, String modelName, String apiKey,
                        Duration timeout, Integer maxRetries) {
    }

    /**
     * A tier's prices.
     *
     * @param input  dollars per million input tokens
     * @param output dollars per million output tokens
     */
    public record Price(Double input, Double output) {
    }

    /**
     * The routing strategy.
     *
     * @param router          the router: type (rules, classifier, sw-bt, ...) and its parameters;
     *                        default: the cheapest eligible tier
     * @param acceptance      the post-call acceptance step: type (accept-all, self-evaluation, score, ...)
     *                        and its parameters; trained files as classpath: or file: resources
     * @param contextMessages earlier messages the router sees with the request
     */
    public record Strategy(Map<String, Object> router, Map<String, Object> acceptance, Integer contextMessages) {
    }

    /**
     * Fallback settings.
     *
     * @param order    stronger-then-weaker (default) or stronger-only
     * @param cooldown how long a rate-limited tier is skipped; default 30s
     */
    public record Fallback(String order, Duration cooldown) {
    }

    /**
     * Metrics settings.
     *
     * @param enabled whether the tiered beans record Micrometer meters when a MeterRegistry bean exists; default true
     */
    public record Metrics(Boolean enabled) {
    }
}
