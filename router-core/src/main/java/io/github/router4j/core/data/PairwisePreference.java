package io.github.router4j.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One pairwise comparison: on {@code prompt}, was {@code modelA}'s answer better ({@link Winner#A}),
 * {@code modelB}'s ({@link Winner#B}), or were they equal ({@link Winner#TIE})? The training signal
 * of Bradley–Terry, matrix-factorisation and Elo routers. JSONL form:
 * {@code {"prompt": "...", "model_a": "small", "model_b": "large", "winner": "b"}}
 * (see {@link PairwisePreferences}).
 */
public record PairwisePreference(String prompt, String modelA, String modelB, Winner winner) {

    /** Who won a comparison. */
    public enum Winner {
        A, B, TIE;

        /** {@code a}, {@code b} or {@code tie}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code a}, {@code b} or {@code tie} (case-insensitive). */
        public static Winner parse(String s) {
            for (Winner w : values()) {
                if (w.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return w;
                }
            }
            throw new IllegalArgumentException("winner must be a, b or tie, got \"" + s + '"');
        }
    }

    public PairwisePreference {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(winner, "winner");
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("model_a and model_b must differ, both were '" + modelA + "'");
        }
    }

    /**
     * The comparison of two models on one recorded request: the higher quality wins, equal quality
     * is a tie. Empty when either model has no result on the request.
     */
    public static Optional<PairwisePreference> fromRecorded(RecordedRequest request, String modelA,
                                                                      String modelB) {
        if (!request.has(modelA) || !request.has(modelB)) {
            return Optional.empty();
        }
        double a = request.quality(modelA);
        double b = request.quality(modelB);
        Winner w = a > b ? Winner.A : b > a ? Winner.B : Winner.TIE;
        return Optional.of(new PairwisePreference(request.prompt(), modelA, modelB, w));
    }

    /** Every pairwise comparison of {@code modelA} and {@code modelB} in a recorded data set. */
    public static List<PairwisePreference> fromRecorded(Iterable<RecordedRequest> data, String modelA, String modelB) {
        List<PairwisePreference> out = new ArrayList<>();
        for (RecordedRequest r : data) {
            fromRecorded(r, modelA, modelB).ifPresent(out::add);
        }
        return out;
    }

    /** Whether {@code model} won this comparison. */
    public boolean won(String model) {
        return winner == Winner.A && model.equals(modelA) || winner == Winner.B && model.equals(modelB);
    }
}
