package io.github.router4j.core.cascade;

import java.util.Locale;

/**
 * How a {@link GaussianKde} chooses its bandwidth factor, as {@code bw_method} in
 * {@code scipy.stats.gaussian_kde}: the kernel's standard deviation is the factor times the
 * sample standard deviation of the data.
 *
 * <ul>
 *   <li>{@link #factor(double)}: a fixed factor (scipy: a scalar {@code bw_method});</li>
 *   <li>{@link #scott()}: {@code n_eff^(-1/5)} (scipy's default);</li>
 *   <li>{@link #silverman()}: {@code (n_eff * 3 / 4)^(-1/5)}.</li>
 * </ul>
 * {@code n_eff} is the effective number of observations, {@code 1 / sum(w_i^2)} for weights
 * normalised to sum 1 ({@code n} without weights).
 */
public final class Bandwidth {

    private static final Bandwidth SCOTT = new Bandwidth("scott", Double.NaN);
    private static final Bandwidth SILVERMAN = new Bandwidth("silverman", Double.NaN);

    private final String rule;
    private final double factor;

    private Bandwidth(String rule, double factor) {
        this.rule = rule;
        this.factor = factor;
    }

    /** A fixed factor, &gt; 0. */
    public static Bandwidth factor(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("bandwidth factor must be a finite number > 0, was " + factor);
        }
        return new Bandwidth(null, factor);
    }

    /** Scott's rule, scipy's default. */
    public static Bandwidth scott() {
        return SCOTT;
    }

    public static Bandwidth silverman() {
        return SILVERMAN;
    }

    /**
     * Parses the form {@link #toString()} writes: {@code "scott"}, {@code "silverman"} or a number.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Bandwidth parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("scott")) {
            return SCOTT;
        }
        if (t.equals("silverman")) {
            return SILVERMAN;
        }
        try {
            return factor(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bandwidth: expected \"scott\", \"silverman\" or a number > 0, got \""
                    + text + "\"");
        }
    }

    /** The factor for data with effective size {@code neff}. */
    public double factorFor(double neff) {
        if (rule == null) {
            return factor;
        }
        // d = 1: scipy's exponent -1/(d+4)
        return rule.equals("scott") ? Math.pow(neff, -1.0 / 5) : Math.pow(neff * 3.0 / 4.0, -1.0 / 5);
    }

    /** Whether this is a fixed factor rather than a rule. */
    public boolean isFixed() {
        return rule == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bandwidth other && java.util.Objects.equals(rule, other.rule)
                && Double.compare(factor, other.factor) == 0;
    }

    @Override
    public int hashCode() {
        return rule == null ? Double.hashCode(factor) : rule.hashCode();
    }

    /** {@code "scott"}, {@code "silverman"} or the factor. */
    @Override
    public String toString() {
        return rule == null ? Double.toString(factor) : rule;
    }
}
