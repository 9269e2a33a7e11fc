package io.github.router4j.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.routing.CheapestFirstRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The decisions both tiered models share: which tiers a request may go to and in which order,
 * cool-downs of rate-limited tiers, routing information. Thread-safe.
 */
final class Tiering {

    private static final Logger LOG = LoggerFactory.getLogger(Tiering.class);
    /** The message inside an OpenAI-style JSON error body. */
    private static final Pattern PROVIDER_ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** How one request will be tried; {@code startNanos} is when routing began. */
    record Plan(RoutingRequest routingRequest, String reason, OptionalDouble score, List<Tier> order,
                long startNanos, Duration decisionTime, Map<String, Double> predictions) {
        Tier first() {
            return order.get(0);
        }
    }

    final List<Tier> tiers;
    private final List<TierInfo> infos;
    private final Router router;
    private final EmbeddingModel embeddingModel;
    private final RoutingListener routingListener;
    private final Duration cooldown;
    private final FallbackOrder fallbackOrder;
    private final Predicate<String> confirmation;
    private final int contextMessages;
    private final RoutingTextExtractor routingText;
    private final Set<String> warnedModelNames = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Map<String, Instant> coolingUntil = new ConcurrentHashMap<>();

    Tiering(TieringBuilder<?> b, Predicate<Tier> usable, String requirement) {
        if (b.tiers.isEmpty()) {
            throw new IllegalArgumentException("a tiered model needs at least one tier");
        }
        List<Tier> indexed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Tier tier : b.tiers) {
            if (!names.add(tier.name())) {
                throw new IllegalArgumentException("duplicate tier name '" + tier.name() + "'");
            }
            if (!usable.test(tier)) {
                throw new IllegalArgumentException("tier '" + tier.name() + "': " + requirement);
            }
            indexed.add(tier.atIndex(indexed.size()));
        }
        this.tiers = List.copyOf(indexed);
        this.infos = tiers.stream().map(Tier::info).toList();
        this.router = b.router != null ? b.router : new CheapestFirstRouter();
        this.embeddingModel = b.embeddingModel;
        this.routingListener = b.routingListener;
        this.cooldown = b.cooldown;
        this.fallbackOrder = b.fallbackOrder;
        this.confirmation = b.confirmation;
        this.contextMessages = b.contextMessages;
        this.routingText = b.routingText;
        this.clock = b.clock;
    }

    Plan plan(ChatRequest request) {
        long startNanos = System.nanoTime();
        RequestAnalysis analysis = RequestAnalysis.of(request, confirmation, contextMessages, routingText);
        Set<TierCapability> required = analysis.requiredCapabilities();
        RoutingRequest.Builder routing = RoutingRequest.builder().text(analysis.routingText())
                .context(analysis.context()).requiredCapabilities(required);
        if (embeddingModel != null) {
            routing.embedder(text -> embeddingModel.embed(text).content().vector());
        }
        RoutingRequest routingRequest = routing.build();

        List<Tier> capable = tiers.stream().filter(t -> t.info().supports(required)).toList();
        if (capable.isEmpty()) {
            throw new UnsupportedFeatureException("the request needs " + required + " but no tier supports all of it: "
                    + tiers.stream().map(t -> t.name() + " " + t.capabilities()).collect(Collectors.joining(", ")));
        }
        StringBuilder reason = new StringBuilder();
        Route route = route(routingRequest);
        reason.append(route.reason());

        int floor = analysis.stickyTier().flatMap(this::indexOf).orElse(0);
        List<Tier> eligible = capable.stream().filter(t -> t.index() >= floor).toList();
        if (floor > 0) {
            reason.append("; sticky: ").append(analysis.stickyReason());
        }
        if (eligible.isEmpty()) {
            eligible = capable;
            reason.append(" (no tier from there on supports ").append(required).append(')');
        }
        int target = Math.max(route.tier(), floor);
        Tier start = eligible.stream().filter(t -> t.index() >= target).findFirst()
                .orElse(eligible.get(eligible.size() - 1));
        if (start.index() != target) {
            reason.append("; '").append(tiers.get(target).name()).append("' lacks ").append(required)
                    .append(", using '").append(start.name()).append('\'');
        }

        List<Tier> order = new ArrayList<>();
        order.add(start);
        eligible.stream().filter(t -> t.index() > start.index()).forEach(order::add);
        if (fallbackOrder == FallbackOrder.STRONGER_THEN_WEAKER) {
            eligible.stream().filter(t -> t.index() < start.index())
                    .sorted((a, b) -> Integer.compare(b.index(), a.index())).forEach(order::add);
        }
        List<Tier> cooling = order.stream().filter(this::coolingDown).toList();
        if (!cooling.isEmpty()) {
            order.removeAll(cooling);
            order.addAll(cooling);
            reason.append("; cooling down after a rate limit: ")
                    .append(cooling.stream().map(Tier::name).collect(Collectors.joining(", ")));
        }
        return new Plan(routingRequest, reason.toString(), route.score(), List.copyOf(order), startNanos,
                since(startNanos), route.predictions());
    }

    /**
     * The request without a {@code modelName}: each tier calls its own model, so a model name in the
     * request (or the tiered model's default parameters) would send every tier's call to one model
     * while routing information and cost name another. It is dropped with a WARN, once per name.
     */
    ChatRequest withoutModelName(ChatRequest request) {
        ChatRequestParameters parameters = request.parameters();
        if (parameters == null || parameters.modelName() == null) {
            return request;
        }
        warnModelName(parameters.modelName(), "the request");
        return ChatRequest.builder().messages(request.messages()).parameters(withoutModelName(parameters)).build();
    }

    /** {@code parameters} without their model name, keeping their type (e.g. OpenAI's parameters). */
    ChatRequestParameters withoutModelName(ChatRequestParameters parameters) {
        if (parameters.modelName() == null) {
            return parameters;
        }
        return parameters instanceof OpenAiChatRequestParameters
                ? OpenAiChatRequestParameters.builder().overrideWith(parameters).modelName((String) null).build()
                : DefaultChatRequestParameters.builder().overrideWith(parameters).modelName((String) null).build();
    }

    /** The tiered model's default parameters without a model name (dropped with a WARN). */
    ChatRequestParameters defaultsWithoutModelName(ChatRequestParameters defaults) {
        if (defaults.modelName() != null) {
            warnModelName(defaults.modelName(), "the default request parameters");
        }
        return withoutModelName(defaults);
    }

    void warnModelName(String modelName, String where) {
        if (warnedModelNames.add(modelName)) {
            LOG.warn("modelName '{}' in {} is ignored: each tier calls its own model ({})", modelName, where,
                    tiers.stream().map(Tier::name).collect(Collectors.joining(", ")));
        }
    }

    /** The caller's options plus {@value RoutingInfo#TIER} naming the tier, for the tier's own listeners. */
    static ChatRequestOptions forTier(ChatRequestOptions options, Tier tier) {
        Map<Object, Object> attributes = new HashMap<>(options.listenerAttributes());
        attributes.put(RoutingInfo.TIER, tier.name());
        return ChatRequestOptions.builder().listenerAttributes(attributes).build();
    }

    private Route route(RoutingRequest routingRequest) {
        try {
            Route route = router.route(routingRequest, infos);
            if (route == null || route.tier() >= tiers.size()) {
                throw new IllegalStateException("router returned " + route + " for " + tiers.size() + " tiers");
            }
            return route;
        } catch (RuntimeException e) {
            LOG.warn("router {} failed, routing to the cheapest eligible tier", router, e);
            return Route.to(0, "router failed (" + e.getMessage() + "), cheapest eligible tier");
        }
    }

    private Optional<Integer> indexOf(String tierName) {
        return tiers.stream().filter(t -> t.name().equals(tierName)).map(Tier::index).findFirst();
    }

    boolean coolingDown(Tier tier) {
        Instant until = coolingUntil.get(tier.name());
        return until != null && clock.instant().isBefore(until);
    }

    /**
     * Takes the next tier to call from {@code remaining}: the first one not cooling down at this moment
     * (a tier may have been rate limited since the plan was made), or the first one when all are.
     */
    Tier takeNext(List<Tier> remaining) {
        for (int i = 0; i < remaining.size(); i++) {
            if (!coolingDown(remaining.get(i))) {
                return remaining.remove(i);
            }
        }
        return remaining.remove(0);
    }

    /**
     * Records a failed call; a rate-limited tier cools down for the provider's {@code Retry-After} when
     * known ({@link RetryAfterException}), else for the configured cool-down. The end only ever moves
     * later, whichever thread writes last. A zero cool-down turns cool-downs off.
     */
    void failed(Tier tier, Throwable error) {
        if (cooldown.isZero() || !isRateLimit(error)) {
            return;
        }
        Duration pause = RetryAfterException.retryAfter(error).orElse(cooldown);
        if (!pause.isZero() && !pause.isNegative()) {
            Instant until = clock.instant().plus(pause);
            coolingUntil.merge(tier.name(), until, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    static boolean isRateLimit(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RateLimitException || t instanceof HttpException h && h.statusCode() == 429) {
                return true;
            }
        }
        return false;
    }

    /** An answer with neither text nor tool calls. */
    static boolean isEmpty(ChatResponse response) {
        return response == null || response.aiMessage() == null
                || !response.aiMessage().hasToolExecutionRequests()
                && (response.aiMessage().text() == null || response.aiMessage().text().isBlank());
    }

    double cost(Tier tier, TokenUsage usage) {
        if (usage == null) {
            return 0;
        }
        return tier.info().cost(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /** A failed call; {@code usage} is what the tier billed anyway (an empty answer's tokens), else null. */
    TierCall failedCall(Tier tier, Throwable error, long startNanos, Optional<Duration> ttft, int chunks,
                        TokenUsage usage) {
        return new TierCall(tier.name(), tier.index(), TierCall.Outcome.FAILED, describe(error), Optional.of(error),
                since(startNanos), ttft, chunks, usage, cost(tier, usage), Map.of(), "");
    }

    TierCall call(Tier tier, TierCall.Outcome outcome, Verdict verdict, ChatResponse response, long startNanos,
                  Optional<Duration> ttft, int chunks) {
        return new TierCall(tier.name(), tier.index(), outcome, verdict.reason(), Optional.empty(), since(startNanos),
                ttft, chunks, response.tokenUsage(), cost(tier, response.tokenUsage()), verdict.details(),
                response.aiMessage() == null ? "" : response.aiMessage().text());
    }

    /** "RateLimitException: Rate limit reached": the type says what happened, the provider's message why. */
    static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        Matcher json = PROVIDER_ERROR_MESSAGE.matcher(message);
        return error.getClass().getSimpleName() + ": " + (json.find() ? json.group(1) : message);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    RoutingInfo info(Plan plan, List<TierCall> calls, ChatResponse answer, double extraCost) {
        return info(plan, calls, answer, extraCost, List.of());
    }

    /** @param extraTokens token usage of the acceptance step's extra calls (votes, judges) */
    RoutingInfo info(Plan plan, List<TierCall> calls, ChatResponse answer, double extraCost,
                     List<TokenUsage> extraTokens) {
        Optional<TierCall> answering = calls.stream().filter(c -> c.outcome() == TierCall.Outcome.ANSWERED).findFirst();
        double cost = calls.stream().mapToDouble(TierCall::cost).sum() + extraCost;
        double strongestCost = answer == null ? 0 : cost(tiers.get(tiers.size() - 1), answer.tokenUsage());
        TokenUsage total = new TokenUsage(0, 0);
        for (TokenUsage usage : calls.stream().map(TierCall::tokenUsage).toList()) {
            total = total.add(usage);
        }
        for (TokenUsage usage : extraTokens) {
            total = total.add(usage);
        }
        return new RoutingInfo(answering.map(TierCall::tier), plan.first().name(), plan.reason(), plan.score(),
                plan.routingRequest().requiredCapabilities(), calls, cost, strongestCost, plan.decisionTime(),
                since(plan.startNanos()), plan.predictions(), total);
    }

    /** Tells the routing listener, and the router too when it listens (e.g. to measure tier latency). */
    void notify(RoutingEvent event) {
        if (router instanceof RoutingListener listeningRouter && listeningRouter != routingListener) {
            deliver(listeningRouter, event);
        }
        if (routingListener != null) {
            deliver(routingListener, event);
        }
    }

    static void deliver(RoutingListener listener, RoutingEvent event) {
        try {
            listener.onRouted(event);
        } catch (RuntimeException e) {
            LOG.warn("routing listener failed; ignored", e);
        }
    }

    Set<Capability> supportedCapabilities() {
        return tiers.stream().anyMatch(t -> t.capabilities().contains(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA))
                ? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA) : Set.of();
    }

    /** The tiers' common provider, or OTHER when they differ. */
    ModelProvider provider(Function<Tier, ModelProvider> providerOf) {
        Set<ModelProvider> providers = tiers.stream().map(providerOf).collect(Collectors.toSet());
        return providers.size() == 1 ? providers.iterator().next() : ModelProvider.OTHER;
    }
}
