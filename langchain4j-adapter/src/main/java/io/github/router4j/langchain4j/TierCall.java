package io.github.router4j.langchain4j;

import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One call to one tier while answering a request.
 *
 * @param tier             the tier's name
 * @param tierIndex        the tier's position, 0 = cheapest
 * @param outcome          what came of the call
 * @param reason           why: the acceptance verdict's reason, or the failure's message
 * @param error            the failure, for {@link Outcome#FAILED}
 * @param duration         wall time from the call to its answer or failure
 * @param timeToFirstToken streaming only: time to the first streamed token
 * @param streamedChunks   streaming only: number of partial responses delivered (0 otherwise)
 * @param tokenUsage       the tier's reported token usage; {@code null} when it reported none
 * @param cost             dollars for this call, from the token usage and the tier's prices
 * @param details          the numbers the acceptance verdict was based on (e.g. {@code p_good}); empty otherwise
 * @param answer           the tier's answer text, also of an escalated answer (for routing traces); empty for a
 *                         failed call or a tool call
 */
public record TierCall(String tier, int tierIndex, Outcome outcome, String reason, Optional<Throwable> error,
                       Duration duration, Optional<Duration> timeToFirstToken, int streamedChunks,
                       TokenUsage tokenUsage, double cost, Map<String, Double> details, String answer) {

    /** What came of a call to a tier. */
    public enum Outcome {
        /** The tier's answer was returned to the caller. */
        ANSWERED,
        /** The tier answered but the acceptance step sent the request to a stronger tier. */
        ESCALATED,
        /** The tier threw, timed out, was rate limited or answered nothing. */
        FAILED
    }

    public TierCall {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
        details = details == null ? Map.of() : Map.copyOf(details);
        answer = answer == null ? "" : answer;
    }

    /** Mean time between streamed chunks after the first one, when at least two were streamed. */
    public Optional<Duration> interTokenLatency() {
        if (timeToFirstToken.isEmpty() || streamedChunks < 2) {
            return Optional.empty();
        }
        return Optional.of(duration.minus(timeToFirstToken.get()).dividedBy(streamedChunks - 1));
    }

    /** Output tokens as reported by the tier, or 0. */
    public int outputTokens() {
        return tokenUsage == null || tokenUsage.outputTokenCount() == null ? 0 : tokenUsage.outputTokenCount();
    }

    /** Whether the call failed on a rate limit (HTTP 429), which starts the tier's cool-down. */
    public boolean rateLimited() {
        return error.map(Tiering::isRateLimit).orElse(false);
    }

    TierCall withOutcome(Outcome newOutcome, String newReason) {
        return new TierCall(tier, tierIndex, newOutcome, newReason, error, duration, timeToFirstToken, streamedChunks,
                tokenUsage, cost, details, answer);
    }

    @Override
    public String toString() {
        String numbers = details.isEmpty() ? "" : new TreeMap<>(details).entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4g", e.getValue()))
                .collect(Collectors.joining(", ", " {", "}"));
        return tier + ": " + outcome + (reason.isEmpty() ? "" : " (" + reason + ")") + numbers;
    }
}
