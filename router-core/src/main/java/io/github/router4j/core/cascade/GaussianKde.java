package io.github.router4j.core.cascade;

import java.util.Arrays;
import java.util.Objects;

/**
 * A one-dimensional Gaussian kernel density estimate with the semantics of
 * {@code scipy.stats.gaussian_kde}: optional weights (normalised to sum 1), bandwidth factor from
 * {@link Bandwidth}, kernel variance = factor² × the weighted sample variance with {@code ddof=1}
 * (numpy's {@code cov(..., aweights=w)}). Densities agree with scipy to 1e-9 (checked against
 * {@code scripts/kde_reference.py}).
 *
 * <p>Unlike scipy, which fails with a linear-algebra error, data without spread (all observations
 * equal, common for self-evaluation shares) is rejected with a message saying so, unless a
 * {@linkplain Builder#minimumBandwidth(double) minimum bandwidth} is set: the kernel's standard
 * deviation is then {@code max(factor × sample std, minimumBandwidth)}. The bandwidth is never 0.
 *
 * <p>Immutable and thread-safe; the caller's arrays are copied, never modified.
 */
public final class GaussianKde {

    private static final double INV_SQRT_2PI = Math.pow(2 * Math.PI, -0.5);

    private final double[] data;
    private final double[] weights;
    private final double[] scaledData;
    private final Bandwidth bandwidthMethod;
    private final double minimumBandwidth;
    private final double neff;
    private final double dataVariance;
    private final double factor;
    private final double bandwidth;
    private final double norm;

    private GaussianKde(Builder b) {
        Objects.requireNonNull(b.data, "data");
        int n = b.data.length;
        if (n < 2) {
            throw new IllegalArgumentException("a kernel density estimate needs at least 2 observations, got " + n);
        }
        this.data = b.data.clone();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException("observation " + i + " is not a finite number: " + data[i]);
            }
        }
        this.weights = normalisedWeights(b.weights, n);
        this.bandwidthMethod = Objects.requireNonNull(b.bandwidth, "bandwidth");
        if (!(b.minimumBandwidth >= 0) || Double.isInfinite(b.minimumBandwidth)) {
            throw new IllegalArgumentException("minimum bandwidth must be a finite number >= 0, was " + b.minimumBandwidth);
        }
        this.minimumBandwidth = b.minimumBandwidth;

        double sumSquares = 0;
        for (double w : weights) {
            sumSquares += w * w;
        }
        this.neff = 1 / sumSquares;
        this.dataVariance = weightedVariance(data, weights);
        this.factor = bandwidthMethod.factorFor(neff);
        double sd = Math.sqrt(dataVariance) * factor;
        if (!(sd > 0) || !Double.isFinite(sd)) {
            if (!(minimumBandwidth > 0)) {
                throw new IllegalArgumentException(degenerateMessage(sd));
            }
            sd = minimumBandwidth;
        }
        this.bandwidth = Math.max(sd, minimumBandwidth);
        this.norm = INV_SQRT_2PI / bandwidth;
        this.scaledData = new double[n];
        for (int i = 0; i < n; i++) {
            scaledData[i] = data[i] / bandwidth;
        }
    }

    /** A KDE of {@code data} with the given bandwidth, equal weights and no minimum bandwidth. */
    public static GaussianKde fit(double[] data, Bandwidth bandwidth) {
        return builder().data(data).bandwidth(bandwidth).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The estimated density at {@code x}. */
    public double density(double x) {
        double scaled = x / bandwidth;
        double sum = 0;
        for (int i = 0; i < scaledData.length; i++) {
            double r = scaled - scaledData[i];
            sum += weights[i] * (Math.exp(-r * r / 2) * norm);
        }
        return sum;
    }

    /** The estimated density at each of {@code xs}. */
    public double[] density(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = density(xs[i]);
        }
        return out;
    }

    /** The kernel's standard deviation (scipy: {@code sqrt(kde.covariance)}, floored by the minimum). */
    public double bandwidth() {
        return bandwidth;
    }

    /** The bandwidth factor (scipy: {@code kde.factor}). */
    public double factor() {
        return factor;
    }

    /** The kernel's variance, {@code bandwidth()²} (scipy: {@code kde.covariance}). */
    public double covariance() {
        return bandwidth * bandwidth;
    }

    /** The weighted sample variance of the data with {@code ddof=1}. */
    public double dataVariance() {
        return dataVariance;
    }

    /** The effective number of observations (scipy: {@code kde.neff}). */
    public double neff() {
        return neff;
    }

    public int size() {
        return data.length;
    }

    public Bandwidth bandwidthMethod() {
        return bandwidthMethod;
    }

    public double minimumBandwidth() {
        return minimumBandwidth;
    }

    /** A copy of the observations. */
    public double[] data() {
        return data.clone();
    }

    /** A copy of the weights, normalised to sum 1. */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String toString() {
        return "GaussianKde{n=" + data.length + ", bandwidth=" + bandwidthMethod + ", sd=" + bandwidth + '}';
    }

    private String degenerateMessage(double sd) {
        double first = data[0];
        boolean allEqual = Arrays.stream(data).allMatch(v -> v == first);
        String why = allEqual
                ? "all " + data.length + " observations equal " + first + ", so the sample variance is 0"
                : "the weighted sample variance is " + dataVariance + " (bandwidth " + sd + ")";
        return "cannot fit a kernel density estimate: " + why
                + "; collect more varied observations or set a minimum bandwidth (e.g. 0.05)";
    }

    private static double[] normalisedWeights(double[] given, int n) {
        double[] w = new double[n];
        if (given == null) {
            Arrays.fill(w, 1.0 / n);
            return w;
        }
        if (given.length != n) {
            throw new IllegalArgumentException("expected " + n + " weights, one per observation, got " + given.length);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(given[i] >= 0) || Double.isInfinite(given[i])) {
                throw new IllegalArgumentException("weight " + i + " must be a finite number >= 0, was " + given[i]);
            }
            sum += given[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the weights sum to 0");
        }
        for (int i = 0; i < n; i++) {
            w[i] = given[i] / sum;
        }
        return w;
    }

    /** numpy's {@code cov(x, bias=False, aweights=w)} for one variable. */
    private static double weightedVariance(double[] x, double[] w) {
        double wSum = 0;
        double weighted = 0;
        double wSquares = 0;
        for (int i = 0; i < x.length; i++) {
            wSum += w[i];
            weighted += x[i] * w[i];
            wSquares += w[i] * w[i];
        }
        double mean = weighted / wSum;
        double fact = wSum - wSquares / wSum;
        double c = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            c += d * (d * w[i]);
        }
        return c / fact;
    }

    /** Builder for {@link GaussianKde}. */
    public static final class Builder {
        private double[] data;
        private double[] weights;
        private Bandwidth bandwidth = Bandwidth.scott();
        private double minimumBandwidth;

        private Builder() {
        }

        /** The observations, at least 2. */
        public Builder data(double[] data) {
            this.data = data;
            return this;
        }

        /** Optional non-negative weights, one per observation; normalised to sum 1. */
        public Builder weights(double[] weights) {
            this.weights = weights;
            return this;
        }

        /** Default {@link Bandwidth#scott()}, as scipy. */
        public Builder bandwidth(Bandwidth bandwidth) {
            this.bandwidth = bandwidth;
            return this;
        }

        /**
         * A floor for the kernel's standard deviation (default 0: none). With a floor, data without
         * spread gets a kernel of exactly this width instead of an error.
         */
        public Builder minimumBandwidth(double minimumBandwidth) {
            this.minimumBandwidth = minimumBandwidth;
            return this;
        }

        public GaussianKde build() {
            return new GaussianKde(this);
        }
    }
}
