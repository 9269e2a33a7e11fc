package io.github.router4j.core.data;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one model did on one recorded request.
 *
 * @param quality     how good the answer was, in [0, 1] (0/1 for correct/incorrect, or a graded score)
 * @param cost        dollars this model spent on the request, when recorded
 * @param answer      the model's answer text, when recorded
 * @param observation the model's self-evaluation share (the cascade's observation) in [0, 1], when recorded
 */
public record ModelResult(double quality, OptionalDouble cost, Optional<String> answer, OptionalDouble observation) {

    public ModelResult {
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in [0, 1], was " + quality);
        }
        cost = cost == null ? OptionalDouble.empty() : cost;
        answer = answer == null ? Optional.empty() : answer;
        observation = observation == null ? OptionalDouble.empty() : observation;
        if (cost.isPresent() && !(cost.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("cost must be >= 0, was " + cost.getAsDouble());
        }
        if (observation.isPresent() && !(observation.getAsDouble() >= 0 && observation.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("observation must be in [0, 1], was " + observation.getAsDouble());
        }
    }

    /** A result with only a quality. */
    public static ModelResult of(double quality) {
        return new ModelResult(quality, OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty());
    }

    /** Correct (1) or incorrect (0). */
    public static ModelResult correct(boolean correct) {
        return of(correct ? 1.0 : 0.0);
    }

    public ModelResult withCost(double dollars) {
        return new ModelResult(quality, OptionalDouble.of(dollars), answer, observation);
    }

    public ModelResult withAnswer(String text) {
        return new ModelResult(quality, cost, Optional.ofNullable(text), observation);
    }

    public ModelResult withObservation(double share) {
        return new ModelResult(quality, cost, answer, OptionalDouble.of(share));
    }
}
