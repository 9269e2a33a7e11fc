package io.github.router4j.core.routing;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@link PolicyCalibration} tunes a {@link TierPolicy} for.
 *
 * @param kind  {@link Kind#BUDGET} (dollars per 1,000 requests), {@link Kind#COST_SHARE} (share of the strongest
 *              tier's cost, in (0, 1]) or {@link Kind#QUALITY} (mean quality to reach, in [0, 1])
 * @param value the target's value
 */
public record PolicyTarget(Kind kind, double value) {

    /** The kinds of target, with their names in YAML and on the command line. */
    public enum Kind {
        BUDGET("budget"), COST_SHARE("cost-share"), QUALITY("quality");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public PolicyTarget {
        Objects.requireNonNull(kind, "kind");
        boolean ok = switch (kind) {
            case BUDGET -> value > 0 && Double.isFinite(value);
            case COST_SHARE -> value > 0 && value <= 1;
            case QUALITY -> value >= 0 && value <= 1;
        };
        if (!ok) {
            throw new IllegalArgumentException(kind.key() + " target " + value + " is out of range: budget > 0 dollars"
                    + " per 1,000 requests, cost-share in (0, 1], quality in [0, 1]");
        }
    }

    public static PolicyTarget budget(double dollarsPerThousandRequests) {
        return new PolicyTarget(Kind.BUDGET, dollarsPerThousandRequests);
    }

    public static PolicyTarget costShare(double share) {
        return new PolicyTarget(Kind.COST_SHARE, share);
    }

    public static PolicyTarget quality(double quality) {
        return new PolicyTarget(Kind.QUALITY, quality);
    }

    /** Parses {@code budget=2.5}, {@code cost-share=0.3} or {@code quality=0.7}. */
    public static PolicyTarget parse(String text) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? "" : text.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.key().equals(key)) {
                try {
                    return new PolicyTarget(k, Double.parseDouble(text.substring(eq + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("target '" + text + "': '" + text.substring(eq + 1)
                            + "' is not a number");
                }
            }
        }
        throw new IllegalArgumentException("target '" + text + "': expected budget=DOLLARS_PER_1000_REQUESTS,"
                + " cost-share=SHARE or quality=QUALITY");
    }

    @Override
    public String toString() {
        return kind.key() + "=" + value;
    }
}
