package io.github.router4j.core.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cascade did with one request, kept so that later requests can be routed better: the
 * prompt's embedding (the prompt text only when the application allows it), every tier tried with
 * the answer's features and the acceptance verdict's numbers, and, when known, whether the final
 * answer was good. Immutable apart from the embedding array, which is not copied.
 *
 * @param requestId       the id the application uses for {@code feedback(requestId, good)}
 * @param time            when the request finished
 * @param promptEmbedding the routing text's embedding; empty when none was available
 * @param prompt          the routing text, only when recording it was enabled
 * @param steps           every tier call, in order
 * @param good            whether the final answer was good, when known (a judge, or feedback)
 */
public record RoutingTrace(String requestId, Instant time, float[] promptEmbedding, Optional<String> prompt,
                           List<Step> steps, Optional<Boolean> good) {

    /** What came of one tier call. */
    public enum Outcome {
        /** The tier's answer was returned. */
        ANSWERED,
        /** The tier answered and the acceptance step sent the request on to a stronger tier. */
        ESCALATED,
        /** The tier failed (error, timeout, empty answer). */
        FAILED
    }

    /**
     * One tier call of a traced request.
     *
     * @param tier     the tier's name
     * @param index    the tier's position, 0 = cheapest
     * @param outcome  what came of the call
     * @param features the answer's features by name (empty for a failed call)
     * @param verdict  the numbers the acceptance verdict was based on (e.g. {@code p_good})
     */
    public record Step(String tier, int index, Outcome outcome, Map<String, Double> features,
                       Map<String, Double> verdict) {

        public Step {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(outcome, "outcome");
            features = Map.copyOf(features);
            verdict = Map.copyOf(verdict);
        }
    }

    public RoutingTrace {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank");
        }
        Objects.requireNonNull(time, "time");
        promptEmbedding = promptEmbedding == null ? new float[0] : promptEmbedding;
        Objects.requireNonNull(prompt, "prompt");
        steps = List.copyOf(steps);
        Objects.requireNonNull(good, "good");
    }

    /** The same trace with the final answer's outcome set. */
    public RoutingTrace withGood(boolean isGood) {
        return new RoutingTrace(requestId, time, promptEmbedding, prompt, steps, Optional.of(isGood));
    }

    /** The tier whose answer was returned, when one was. */
    public Optional<Step> answered() {
        return steps.stream().filter(s -> s.outcome() == Outcome.ANSWERED).reduce((a, b) -> b);
    }

    /**
     * Whether the cheapest tier's answer was good enough, as far as the trace tells: {@code false}
     * when the cheapest tier's answer was escalated, or was returned and then judged bad; {@code true}
     * when it was returned and not judged bad; empty when the cheapest tier did not answer (not tried,
     * or failed), which says nothing about the request's difficulty.
     */
    public Optional<Boolean> cheapestWasGoodEnough() {
        for (Step step : steps) {
            if (step.index() == 0) {
                return switch (step.outcome()) {
                    case ESCALATED -> Optional.of(false);
                    case ANSWERED -> Optional.of(good.orElse(true));
                    case FAILED -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }
}
