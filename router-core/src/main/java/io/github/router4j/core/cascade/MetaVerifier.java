package io.github.router4j.core.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * AutoMix's meta-verifier: turns a self-evaluation share into P(good answer).
 *
 * <p>Two {@link GaussianKde}s, fitted on the observations of answers known to be good and known to
 * be poor, give {@code P(good | o) = π f_good(o) / (π f_good(o) + (1 − π) f_poor(o))}, where π is
 * the configured prior P(good), or ½ (the plain density ratio) when none is configured. A third
 * KDE over all observations, divided by its maximum on a grid (default 200 points over [0, 1]),
 * is the <em>normalised density</em>: how much training data lay near the observation. Below the
 * density threshold (default 0.1) the ratio means nothing (far from all data either density may
 * win) and the observation is not trusted: P(good) becomes 0 or the prior, per
 * {@link UntrustedAction}.
 *
 * <p>Fit with {@link #builder()}; save and load the JSON format described in
 * {@link #toJson()}. Immutable and thread-safe.
 */
public final class MetaVerifier {

    private final Settings settings;
    private final double[] good;
    private final double[] poor;
    private final GaussianKde goodKde;
    private final GaussianKde poorKde;
    private final GaussianKde allKde;
    private final double densityMax;
    private final double prior;

    private MetaVerifier(Settings settings, double[] good, double[] poor) {
        this.settings = settings;
        this.good = good;
        this.poor = poor;
        this.goodKde = kde("good answers", good, settings);
        this.poorKde = kde("poor answers", poor, settings);
        double[] all = new double[good.length + poor.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(poor, 0, all, good.length, poor.length);
        this.allKde = kde("all answers", all, settings);
        double max = 0;
        for (double x : grid(settings.gridMin, settings.gridMax, settings.gridPoints)) {
            max = Math.max(max, allKde.density(x));
        }
        if (!(max > 0)) {
            throw new IllegalArgumentException("meta-verifier: the density of all observations is 0 everywhere on the grid ["
                    + settings.gridMin + ", " + settings.gridMax + "]; do the observations lie in that range?");
        }
        this.densityMax = max;
        this.prior = settings.priorGood.isPresent()
                ? settings.priorGood.getAsDouble() : (double) good.length / all.length;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the meta-verifier makes of one observation.
     *
     * @param observation       the self-evaluation share
     * @param densityGood       f_good(observation)
     * @param densityPoor       f_poor(observation)
     * @param ratio             P(good) from the densities and prior alone, trusted or not
     * @param normalisedDensity the all-observations density divided by its grid maximum
     * @param trusted           whether {@code normalisedDensity >= densityThreshold}
     * @param pGood             the P(good) decisions use: {@code ratio} when trusted, else per
     *                          the {@link UntrustedAction}
     */
    public record Assessment(double observation, double densityGood, double densityPoor, double ratio,
                             double normalisedDensity, boolean trusted, double pGood) {
    }

    /** Assesses one observation. */
    public Assessment assess(double observation) {
        if (!Double.isFinite(observation)) {
            throw new IllegalArgumentException("observation must be a finite number, was " + observation);
        }
        double fGood = goodKde.density(observation);
        double fPoor = poorKde.density(observation);
        double ratio = ratio(fGood, fPoor);
        double normalised = allKde.density(observation) / densityMax;
        boolean trusted = normalised >= settings.densityThreshold;
        double pGood = trusted ? ratio : settings.untrustedAction == UntrustedAction.ESCALATE ? 0 : prior;
        return new Assessment(observation, fGood, fPoor, ratio, normalised, trusted, pGood);
    }

    /** The P(good) a decision uses for {@code observation}; see {@link Assessment#pGood()}. */
    public double pGood(double observation) {
        return assess(observation).pGood();
    }

    private double ratio(double fGood, double fPoor) {
        OptionalDouble configured = settings.priorGood;
        double a = configured.isPresent() ? configured.getAsDouble() * fGood : fGood;
        double b = configured.isPresent() ? (1 - configured.getAsDouble()) * fPoor : fPoor;
        double sum = a + b;
        return sum > 0 ? a / sum : prior;
    }

    /**
     * The prior P(good): the configured one, else the share of good answers among the training
     * observations. Used for untrusted observations under {@link UntrustedAction#USE_PRIOR}.
     */
    public double prior() {
        return prior;
    }

    /** Where {@link #assess} says "untrusted", and what it does then. */
    public UntrustedAction untrustedAction() {
        return settings.untrustedAction;
    }

    public double densityThreshold() {
        return settings.densityThreshold;
    }

    /** The maximum of the all-observations density on the grid. */
    public double densityMax() {
        return densityMax;
    }

    public GaussianKde goodDensity() {
        return goodKde;
    }

    public GaussianKde poorDensity() {
        return poorKde;
    }

    public GaussianKde allDensity() {
        return allKde;
    }

    public Settings settings() {
        return settings;
    }

    /** A copy of the good answers' observations. */
    public double[] goodObservations() {
        return good.clone();
    }

    /** A copy of the poor answers' observations. */
    public double[] poorObservations() {
        return poor.clone();
    }

    /** The curves on {@code points} evenly spaced observations across the density grid, for plots and summaries. */
    public Curves curves(int points) {
        double[] x = grid(settings.gridMin, settings.gridMax, points);
        Assessment[] a = new Assessment[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = assess(x[i]);
        }
        return new Curves(x, a);
    }

    /** {@link #assess} at evenly spaced observations. */
    public record Curves(double[] observations, Assessment[] assessments) {
    }

    /**
     * This meta-verifier as JSON, format {@code router4j-meta-verifier} version 1:
     * <pre>{@code
     * {
     *   "format": "router4j-meta-verifier",
     *   "version": 1,
     *   "bandwidth": 0.3,                 // a factor, or "scott" / "silverman"
     *   "minimumBandwidth": 0.0,          // floor of each kernel's standard deviation, 0 = none
     *   "priorGood": null,                // P(good) prior, null = plain density ratio
     *   "densityThreshold": 0.1,          // normalised density below which an observation is untrusted
     *   "densityGrid": {"min": 0.0, "max": 1.0, "points": 200},
     *   "untrustedAction": "ESCALATE",    // or "USE_PRIOR"
     *   "good": [0.875, 1.0, ...],        // training observations of good answers
     *   "poor": [0.25, 0.5, ...],         // training observations of poor answers
     *   "fitted": {...}                   // bandwidths, density maximum: informative, ignored on load
     * }
     * }</pre>
     * The KDEs are refitted from the observations on load, so the file is the whole model.
     */
    public String toJson() {
        return MetaVerifierJson.write(this);
    }

    /** Parses {@link #toJson()}'s format; errors name {@code source} and the field. */
    public static MetaVerifier fromJson(String json, String source) {
        return MetaVerifierJson.read(json, source);
    }

    public void save(Path file) throws IOException {
        java.nio.file.Files.writeString(file, toJson());
    }

    public static MetaVerifier load(Path file) throws IOException {
        return fromJson(java.nio.file.Files.readString(file), file.toString());
    }

    public static MetaVerifier load(InputStream in, String source) throws IOException {
        return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), source);
    }

    /** Like {@code numpy.linspace(min, max, points)}. */
    static double[] grid(double min, double max, int points) {
        double[] x = new double[points];
        double step = (max - min) / (points - 1);
        for (int i = 0; i < points; i++) {
            x[i] = i * step + min;
        }
        x[points - 1] = max;
        return x;
    }

    private static GaussianKde kde(String what, double[] data, Settings s) {
        try {
            return GaussianKde.builder().data(data).bandwidth(s.bandwidth).minimumBandwidth(s.minimumBandwidth).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("meta-verifier, " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MetaVerifier{good=" + good.length + ", poor=" + poor.length + ", bandwidth=" + settings.bandwidth
                + ", densityThreshold=" + settings.densityThreshold + ", untrusted=" + settings.untrustedAction + '}';
    }

    /**
     * How a meta-verifier is fitted and applied.
     *
     * @param bandwidth        bandwidth rule or factor for all three KDEs
     * @param minimumBandwidth floor of each kernel's standard deviation (0 = none: data without
     *                         spread is an error)
     * @param priorGood        prior P(good), or empty for the plain density ratio
     * @param densityThreshold normalised density below which an observation is not trusted
     * @param gridMin          start of the grid the density maximum is taken on
     * @param gridMax          end of that grid
     * @param gridPoints       number of grid points, &ge; 2
     * @param untrustedAction  what an untrusted observation's P(good) becomes
     */
    public record Settings(Bandwidth bandwidth, double minimumBandwidth, OptionalDouble priorGood,
                           double densityThreshold, double gridMin, double gridMax, int gridPoints,
                           UntrustedAction untrustedAction) {

        public Settings {
            Objects.requireNonNull(bandwidth, "bandwidth");
            Objects.requireNonNull(priorGood, "priorGood");
            Objects.requireNonNull(untrustedAction, "untrustedAction");
            if (!(minimumBandwidth >= 0) || Double.isInfinite(minimumBandwidth)) {
                throw new IllegalArgumentException("minimumBandwidth: expected a finite number >= 0, got " + minimumBandwidth);
            }
            if (priorGood.isPresent() && !(priorGood.getAsDouble() > 0 && priorGood.getAsDouble() < 1)) {
                throw new IllegalArgumentException("priorGood: expected a number in (0, 1), got " + priorGood.getAsDouble());
            }
            if (!(densityThreshold >= 0 && densityThreshold <= 1)) {
                throw new IllegalArgumentException("densityThreshold: expected a number in [0, 1], got " + densityThreshold);
            }
            if (!(gridMin < gridMax) || !Double.isFinite(gridMin) || !Double.isFinite(gridMax)) {
                throw new IllegalArgumentException("densityGrid: expected finite min < max, got [" + gridMin + ", " + gridMax + "]");
            }
            if (gridPoints < 2) {
                throw new IllegalArgumentException("densityGrid.points: expected at least 2, got " + gridPoints);
            }
        }
    }

    /** Fits a {@link MetaVerifier}; defaults follow AutoMix: Scott's rule, threshold 0.1, grid [0, 1] × 200. */
    public static final class Builder {
        private Bandwidth bandwidth = Bandwidth.scott();
        private double minimumBandwidth;
        private OptionalDouble priorGood = OptionalDouble.empty();
        private double densityThreshold = 0.1;
        private double gridMin = 0;
        private double gridMax = 1;
        private int gridPoints = 200;
        private UntrustedAction untrustedAction = UntrustedAction.ESCALATE;

        private Builder() {
        }

        public Builder settings(Settings s) {
            return bandwidth(s.bandwidth).minimumBandwidth(s.minimumBandwidth).densityThreshold(s.densityThreshold)
                    .densityGrid(s.gridMin, s.gridMax, s.gridPoints).untrustedAction(s.untrustedAction)
                    .priorGood(s.priorGood);
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            this.bandwidth = bandwidth;
            return this;
        }

        /** Floor of each kernel's standard deviation; see {@link GaussianKde.Builder#minimumBandwidth}. */
        public Builder minimumBandwidth(double minimumBandwidth) {
            this.minimumBandwidth = minimumBandwidth;
            return this;
        }

        /** Prior P(good) in (0, 1); without one P(good) is the plain density ratio. */
        public Builder priorGood(double priorGood) {
            this.priorGood = OptionalDouble.of(priorGood);
            return this;
        }

        public Builder priorGood(OptionalDouble priorGood) {
            this.priorGood = priorGood;
            return this;
        }

        /** Normalised density below which an observation is not trusted, in [0, 1]; default 0.1. */
        public Builder densityThreshold(double densityThreshold) {
            this.densityThreshold = densityThreshold;
            return this;
        }

        /** The grid the all-observations density's maximum is taken on; default [0, 1] with 200 points. */
        public Builder densityGrid(double min, double max, int points) {
            this.gridMin = min;
            this.gridMax = max;
            this.gridPoints = points;
            return this;
        }

        /** Default {@link UntrustedAction#ESCALATE}. */
        public Builder untrustedAction(UntrustedAction untrustedAction) {
            this.untrustedAction = untrustedAction;
            return this;
        }

        /** Fits on labelled observations; needs at least 2 good and 2 poor ones, with spread. */
        public MetaVerifier fit(Collection<LabelledObservation> observations) {
            double[] g = observations.stream().filter(LabelledObservation::good)
                    .mapToDouble(LabelledObservation::observation).toArray();
            double[] p = observations.stream().filter(o -> !o.good())
                    .mapToDouble(LabelledObservation::observation).toArray();
            return fit(g, p);
        }

        /** Fits on the observations of good and of poor answers. */
        public MetaVerifier fit(double[] goodObservations, double[] poorObservations) {
            Settings s = new Settings(bandwidth, minimumBandwidth, priorGood, densityThreshold, gridMin, gridMax,
                    gridPoints, untrustedAction);
            requireAtLeastTwo("good", goodObservations);
            requireAtLeastTwo("poor", poorObservations);
            return new MetaVerifier(s, goodObservations.clone(), poorObservations.clone());
        }

        private static void requireAtLeastTwo(String label, double[] observations) {
            Objects.requireNonNull(observations, label);
            if (observations.length < 2) {
                throw new IllegalArgumentException("meta-verifier: need at least 2 observations of " + label
                        + " answers, got " + observations.length);
            }
        }
    }
}
