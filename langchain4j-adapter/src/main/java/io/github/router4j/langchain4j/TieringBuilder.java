package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.Router;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Settings shared by {@link TieredChatModel} and {@link TieredStreamingChatModel}.
 *
 * @param <B> the concrete builder
 */
public abstract class TieringBuilder<B extends TieringBuilder<B>> {

    /** Default time a rate-limited tier is skipped. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    List<Tier> tiers = List.of();
    Router router;
    EmbeddingModel embeddingModel;
    RoutingListener routingListener;
    List<ChatModelListener> listeners = List.of();
    Duration cooldown = DEFAULT_COOLDOWN;
    FallbackOrder fallbackOrder = FallbackOrder.STRONGER_THEN_WEAKER;
    ChatRequestParameters defaultRequestParameters = DefaultChatRequestParameters.EMPTY;
    Predicate<String> confirmation = RequestAnalysis.BARE_CONFIRMATION;
    int contextMessages;
    RoutingTextExtractor routingText = RoutingTextExtractor.defaults();
    Clock clock = Clock.systemUTC();

    TieringBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The tiers, cheapest first. */
    public B tiers(List<Tier> tiers) {
        this.tiers = List.copyOf(tiers);
        return self();
    }

    public B tiers(Tier... tiers) {
        return tiers(Arrays.asList(tiers));
    }

    /**
     * Chooses the first tier before the call; default: the cheapest eligible tier. A router that is also a
     * {@link RoutingListener} hears about every routed request too (the reward router measures latency so).
     */
    public B router(Router router) {
        this.router = router;
        return self();
    }

    /** When set, routers can use {@code RoutingRequest.embedding()} of the routing text (computed lazily, once). */
    public B embeddingModel(EmbeddingModel embeddingModel) {
        this.embeddingModel = embeddingModel;
        return self();
    }

    public B routingListener(RoutingListener routingListener) {
        this.routingListener = routingListener;
        return self();
    }

    /** LangChain4j listeners of the tiered model itself (each tier's own listeners fire as well). */
    public B listeners(List<ChatModelListener> listeners) {
        this.listeners = List.copyOf(listeners);
        return self();
    }

    public B listeners(ChatModelListener... listeners) {
        return listeners(Arrays.asList(listeners));
    }

    /** How long a rate-limited tier is skipped (it is still tried when every other tier failed); default 30 s. */
    public B cooldown(Duration cooldown) {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
        }
        this.cooldown = cooldown;
        return self();
    }

    public B fallbackOrder(FallbackOrder fallbackOrder) {
        this.fallbackOrder = Objects.requireNonNull(fallbackOrder, "fallbackOrder");
        return self();
    }

    /** Parameters merged into every request (the request's own values win), as for any LangChain4j model. */
    public B defaultRequestParameters(ChatRequestParameters parameters) {
        this.defaultRequestParameters = parameters == null ? DefaultChatRequestParameters.EMPTY : parameters;
        return self();
    }

    /**
     * Recognises a bare confirmation ("yes, go ahead"): such a user message does not change the routing
     * text, and the request stays on (at least) the tier that asked.
     */
    public B confirmation(Predicate<String> confirmation) {
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
        return self();
    }

    /**
     * How many earlier text messages (user requests and AI answers; tool calls and results never) before
     * the user's request routing sees as {@link io.github.router4j.core.RoutingRequest#context()}; they
     * are also embedded with the request. Default 0: routing decides on the request alone.
     */
    public B routingContextMessages(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("routingContextMessages must be >= 0, was " + count);
        }
        this.contextMessages = count;
        return self();
    }

    /**
     * What routing reads of each user message; default {@link RoutingTextExtractor#defaults()}, which
     * removes LangChain4j's retrieval augmentation so retrieved documents do not decide the tier. The
     * tiers always receive the whole request.
     */
    public B routingText(RoutingTextExtractor extractor) {
        this.routingText = Objects.requireNonNull(extractor, "routingText");
        return self();
    }

    /** The clock for cool-downs; for tests. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }
}
