package io.github.router4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Numbers gathered about an answer after the call (self-evaluation share, a score, ...), which an
 * {@link AcceptancePolicy} decides on. Immutable.
 */
public final class Evidence {

    /** Share of self-evaluation votes that said "correct", in [0, 1]. */
    public static final String SELF_EVALUATION_SHARE = "self_evaluation.share";
    /** Number of self-evaluation votes that counted. */
    public static final String SELF_EVALUATION_VOTES = "self_evaluation.votes";
    /** A scoring spec's total score, in [0, 1]. */
    public static final String SCORE = "score";

    private static final Evidence EMPTY = new Evidence(Map.of());

    private final Map<String, Double> values;

    private Evidence(Map<String, Double> values) {
        this.values = values;
    }

    public static Evidence empty() {
        return EMPTY;
    }

    public static Evidence of(String key, double value) {
        return EMPTY.with(key, value);
    }

    /** A copy with {@code key} set to {@code value}. */
    public Evidence with(String key, double value) {
        Objects.requireNonNull(key, "key");
        Map<String, Double> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Evidence(java.util.Collections.unmodifiableMap(copy));
    }

    public OptionalDouble get(String key) {
        Double v = values.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evidence other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Evidence" + values;
    }
}
