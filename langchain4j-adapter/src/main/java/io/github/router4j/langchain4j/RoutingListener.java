package io.github.router4j.langchain4j;

/**
 * Told about every request a tiered model answered or failed: which tiers were tried, with what
 * outcome, latency, tokens and cost. Called on the thread that finished the request; exceptions
 * thrown here are logged and ignored.
 */
@FunctionalInterface
public interface RoutingListener {

    void onRouted(RoutingEvent event);
}
