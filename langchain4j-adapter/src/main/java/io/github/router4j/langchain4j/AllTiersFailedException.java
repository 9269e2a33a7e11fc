package io.github.router4j.langchain4j;

import dev.langchain4j.exception.LangChain4jException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every eligible tier failed for one request. Carries each tier's failure ({@link #failures()}; the
 * first one is also the cause, the others are suppressed exceptions) and the routing information.
 */
public class AllTiersFailedException extends LangChain4jException {

    private final transient RoutingInfo routingInfo;

    public AllTiersFailedException(RoutingInfo routingInfo) {
        super(message(routingInfo), firstError(routingInfo));
        this.routingInfo = routingInfo;
        failedCalls(routingInfo).stream().skip(1)
                .forEach(c -> c.error().ifPresent(this::addSuppressed));
    }

    /** One entry per failed tier call, in the order the tiers were tried. */
    public List<TierCall> failures() {
        return failedCalls(routingInfo);
    }

    public RoutingInfo routingInfo() {
        return routingInfo;
    }

    private static List<TierCall> failedCalls(RoutingInfo info) {
        return info.calls().stream().filter(c -> c.outcome() == TierCall.Outcome.FAILED).toList();
    }

    private static Throwable firstError(RoutingInfo info) {
        return failedCalls(info).stream().flatMap(c -> c.error().stream()).findFirst().orElse(null);
    }

    private static String message(RoutingInfo info) {
        return "all " + failedCalls(info).size() + " eligible tiers failed: " + failedCalls(info).stream()
                .map(c -> c.tier() + ": " + c.reason()).collect(Collectors.joining("; "));
    }
}
