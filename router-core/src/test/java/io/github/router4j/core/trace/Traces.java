package io.github.router4j.core.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Traces for the store tests: a cheap answer escalated to the strong tier, or accepted. */
final class Traces {

    static final Instant TIME = Instant.parse("2026-01-02T03:04:05.678Z");

    private Traces() {
    }

    static RoutingTrace escalated(String id) {
        return new RoutingTrace(id, TIME, new float[] {0.25f, -1.5f, 3e-7f}, Optional.empty(), List.of(
                new RoutingTrace.Step("cheap", 0, RoutingTrace.Outcome.ESCALATED,
                        Map.of("log_chars", 0.61, "arithmetic_consistency", 0.5), Map.of("p_good", 0.31)),
                new RoutingTrace.Step("strong", 1, RoutingTrace.Outcome.ANSWERED, Map.of("log_chars", 0.7), Map.of())),
                Optional.empty());
    }

    static RoutingTrace accepted(String id, String prompt) {
        return new RoutingTrace(id, TIME.plusSeconds(1), new float[] {1f, 2f}, Optional.of(prompt), List.of(
                new RoutingTrace.Step("cheap", 0, RoutingTrace.Outcome.ANSWERED, Map.of("log_chars", 0.4),
                        Map.of("p_good", 0.93))), Optional.empty());
    }
}
