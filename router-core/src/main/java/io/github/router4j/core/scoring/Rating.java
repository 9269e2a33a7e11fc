package io.github.router4j.core.scoring;

import java.util.Locale;

/** A human rating of an answer on the Pi five-point scale, with the score it stands for. */
public enum Rating {
    STRONGLY_DISAGREE(0.0),
    DISAGREE(0.25),
    NEUTRAL(0.5),
    AGREE(0.75),
    STRONGLY_AGREE(1.0);

    private final double target;

    Rating(double target) {
        this.target = target;
    }

    /** The score in [0, 1] a perfectly calibrated spec gives an answer with this rating. */
    public double target() {
        return target;
    }

    /**
     * Reads {@code "Strongly Agree"}, {@code "strongly_agree"}, {@code "STRONGLY-AGREE"} and so on.
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static Rating parse(String text) {
        String v = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (Rating r : values()) {
            if (r.name().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rating \"" + text + "\"; expected one of Strongly Agree, Agree,"
                + " Neutral, Disagree, Strongly Disagree");
    }
}
