package io.github.router4j.core;

import java.util.Map;
import java.util.Objects;

/**
 * A post-call decision: accept the answer or escalate to the next tier, with the numbers it was
 * based on (e.g. {@code p_good}, {@code reward}, {@code score}) for routing information.
 */
public record Verdict(boolean accepted, String reason, Map<String, Double> details) {

    public Verdict {
        Objects.requireNonNull(reason, "reason");
        details = Map.copyOf(details);
    }

    public static Verdict accept(String reason) {
        return new Verdict(true, reason, Map.of());
    }

    public static Verdict escalate(String reason) {
        return new Verdict(false, reason, Map.of());
    }

    public static Verdict accept(String reason, Map<String, Double> details) {
        return new Verdict(true, reason, details);
    }

    public static Verdict escalate(String reason, Map<String, Double> details) {
        return new Verdict(false, reason, details);
    }
}
