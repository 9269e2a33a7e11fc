package io.github.router4j.core.routing;

import java.util.Locale;

/**
 * Appends a number with a fixed number of decimals, exactly as {@code String.format(Locale.ROOT, "%.nf", v)} writes
 * it (half-up rounding of the shortest decimal form), without a {@link java.util.Formatter}: routing reasons are built
 * on every decision, and a formatter costs about 2 µs and 2 KB per number. Values the fast path cannot round with
 * certainty (very large, within a hair of a rounding boundary, NaN, infinite) go through {@code String.format}.
 */
final class FixedDecimal {

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};
    private static final double FAST_LIMIT = 0x1p40;
    private static final double MARGIN = 1e-3;

    private FixedDecimal() {
    }

    static StringBuilder append(StringBuilder out, double v, int decimals) {
        if (decimals < 0 || decimals >= POW10.length) {
            throw new IllegalArgumentException("decimals must be 0.." + (POW10.length - 1) + ", was " + decimals);
        }
        double scaled = Math.abs(v) * POW10[decimals];
        if (!(scaled < FAST_LIMIT)) {
            return slow(out, v, decimals);
        }
        long n = (long) scaled;
        double fraction = scaled - n;
        if (Math.abs(fraction - 0.5) < MARGIN) {
            return slow(out, v, decimals);
        }
        if (fraction > 0.5) {
            n++;
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            out.append('-');
        }
        long unit = POW10[decimals];
        out.append(n / unit);
        if (decimals > 0) {
            out.append('.');
            long rest = n % unit;
            for (long p = unit / 10; p > rest && p > 1; p /= 10) {
                out.append('0');
            }
            out.append(rest);
        }
        return out;
    }

    private static StringBuilder slow(StringBuilder out, double v, int decimals) {
        return out.append(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
}
