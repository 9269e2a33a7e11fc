package io.github.router4j.core;

import java.util.List;
import java.util.Objects;

/**
 * One tier's answer to a request, as an {@link AcceptancePolicy} sees it.
 *
 * @param request  the request that was routed
 * @param tier     the tier that answered
 * @param tiers    all tiers, cheapest first
 * @param answer   the answer's text (empty for a tool call)
 * @param evidence what was gathered about the answer after the call
 * @param earlier  the attempts of the cheaper tiers already tried for this request and escalated from, in the
 *                 order they were tried, so a policy can decide on everything observed so far
 */
public record Attempt(RoutingRequest request, TierInfo tier, List<TierInfo> tiers, String answer, Evidence evidence,
                      List<Attempt> earlier) {

    public Attempt {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(tier, "tier");
        tiers = List.copyOf(tiers);
        answer = answer == null ? "" : answer;
        Objects.requireNonNull(evidence, "evidence");
        earlier = List.copyOf(earlier);
    }

    /** The first attempt of a request: no tier tried before it. */
    public Attempt(RoutingRequest request, TierInfo tier, List<TierInfo> tiers, String answer, Evidence evidence) {
        this(request, tier, tiers, answer, evidence, List.of());
    }

    /** Whether a stronger tier exists to escalate to. */
    public boolean hasNextTier() {
        return tier.index() + 1 < tiers.size();
    }

    /** The next stronger tier. */
    public TierInfo nextTier() {
        if (!hasNextTier()) {
            throw new IllegalStateException("tier '" + tier.name() + "' is the last tier");
        }
        return tiers.get(tier.index() + 1);
    }
}
