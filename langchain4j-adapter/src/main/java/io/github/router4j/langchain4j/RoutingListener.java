package io.github.router4j.langchain4j;

import java.util.List;

/**
 * Told about every request a tiered model answered or failed: which tiers were tried, with what
 * outcome, latency, tokens and cost. Called on the thread that finished the request; exceptions
 * thrown here are logged and ignored.
 */
@FunctionalInterface
public interface RoutingListener {

    void onRouted(RoutingEvent event);

    /** One listener telling each of {@code listeners} in turn; one that throws does not stop the others. */
    static RoutingListener all(List<RoutingListener> listeners) {
        List<RoutingListener> copy = List.copyOf(listeners);
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return event -> copy.forEach(l -> Tiering.deliver(l, event));
    }
}
