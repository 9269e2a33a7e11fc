package io.github.router4j.core.scoring;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Fits a spec's calibration curves (and in FULL mode its weights) to raw sub-dimension scores of
 * rated or preference examples. Pure and deterministic for a given seed.
 *
 * <p>Every curve gets {@code knots} interior points, parameterised as a softmax over its segment
 * increments so it stays monotone with ends (0, 0) and (1, 1); weights are parameterised as a softmax
 * per level. The parameters are fitted with Commons Math's non-linear conjugate gradient (Polak-Ribière)
 * on a smooth surrogate of agreement, with a small L2 pull towards the starting spec:
 * <ul>
 *   <li>rated examples: mean squared error between the total and the rating's target
 *   (Strongly Disagree 0 ... Strongly Agree 1); each sub-dimension curve is first fitted to the targets
 *   alone, then each dimension curve, then LITE refits all curves together and FULL curves and weights;</li>
 *   <li>preference examples: Bradley-Terry log-loss of "chosen beats rejected" on the score difference
 *   (scale {@value #PREFERENCE_SCALE}); LITE fits all curves together, FULL curves and weights.</li>
 * </ul>
 * A share of the examples ({@code heldOutFraction}) is held out and agreement on it reported.
 */
public final class SpecCalibrator {

    static final double PREFERENCE_SCALE = 10.0;
    /** Default strength of the pull towards the starting spec. */
    public static final double DEFAULT_REGULARISATION = 1e-4;
    private static final double STEP = 1e-6;

    private final int knots;
    private final double heldOutFraction;
    private final long seed;
    private final int maxIterations;
    private final double regularisation;

    private SpecCalibrator(Builder b) {
        this.regularisation = b.regularisation;
        this.knots = b.knots;
        this.heldOutFraction = b.heldOutFraction;
        this.seed = b.seed;
        this.maxIterations = b.maxIterations;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SpecCalibrator defaults() {
        return builder().build();
    }

    /** Monitoring hooks: status lines, and a cancellation check polled during the fit. */
    public record Monitor(Consumer<String> status, BooleanSupplier cancelled) {
        public static final Monitor NONE = new Monitor(s -> { }, () -> false);

        void checkCancelled() {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("calibration cancelled");
            }
        }
    }

    /**
     * @param raw     per example, the raw sub-dimension scores (NaN where unscored)
     * @param ratings per example, the rating
     */
    public CalibrationResult calibrateRated(ScoringSpec spec, List<double[]> raw, List<Rating> ratings,
                                            CalibrationMode mode, Monitor monitor) {
        if (raw.size() != ratings.size()) {
            throw new IllegalArgumentException(raw.size() + " score vectors for " + ratings.size() + " ratings");
        }
        List<double[]> xs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (scored(raw.get(i))) {
                xs.add(raw.get(i));
                ts.add(ratings.get(i).target());
            }
        }
        int unscored = raw.size() - xs.size();
        requireEnough(xs.size());
        int[][] split = split(xs.size());
        double[][] trainX = pick(xs, split[0]);
        double[] trainT = split[0].length == 0 ? new double[0] : java.util.Arrays.stream(split[0]).mapToDouble(ts::get).toArray();
        double[][] heldX = pick(xs, split[1]);
        double[] heldT = java.util.Arrays.stream(split[1]).mapToDouble(ts::get).toArray();

        Params params = new Params(spec, knots);
        double[] theta = params.initial();
        for (int c = 0; c < params.subCurves; c++) {
            final int curve = c;
            monitor.status().accept("fitting curve of " + spec.subDimensionPath(c) + " (" + spec.flatSubDimensions().get(c).label() + ")");
            theta = fit(theta, params.curveBlock(curve), monitor, th -> {
                Params.Decoded m = params.decode(th);
                double loss = 0;
                int n = 0;
                for (int i = 0; i < trainX.length; i++) {
                    double x = trainX[i][curve];
                    if (!Double.isNaN(x)) {
                        double e = m.subCurve(curve, x) - trainT[i];
                        loss += e * e;
                        n++;
                    }
                }
                return n == 0 ? 0 : loss / n;
            });
        }
        for (int d = 0; d < params.dimensions; d++) {
            final int dim = d;
            monitor.status().accept("fitting curve of dimensions[" + d + "] (" + spec.dimensions().get(d).label() + ")");
            theta = fit(theta, params.curveBlock(params.subCurves + dim), monitor, th -> {
                Params.Decoded m = params.decode(th);
                double loss = 0;
                int n = 0;
                for (int i = 0; i < trainX.length; i++) {
                    double s = m.dimensionScore(trainX[i], dim);
                    if (!Double.isNaN(s)) {
                        double e = s - trainT[i];
                        loss += e * e;
                        n++;
                    }
                }
                return n == 0 ? 0 : loss / n;
            });
        }
        boolean full = mode == CalibrationMode.FULL;
        monitor.status().accept(full ? "fitting curves and weights together" : "fitting all curves together");
        theta = fit(theta, full ? params.all() : params.allCurves(), monitor, th -> {
            Params.Decoded m = params.decode(th);
            double loss = 0;
            for (int i = 0; i < trainX.length; i++) {
                double e = m.total(trainX[i]) - trainT[i];
                loss += e * e;
            }
            return loss / trainX.length;
        });
        ScoringSpec calibrated = params.toSpec(theta);
        return new CalibrationResult(calibrated, mode, trainX.length, heldX.length,
                ratedAgreement(spec, trainX, trainT), ratedAgreement(calibrated, trainX, trainT),
                ratedAgreement(spec, heldX, heldT), ratedAgreement(calibrated, heldX, heldT), unscored);
    }

    /**
     * @param chosenRaw   per example, raw sub-dimension scores of the chosen answer
     * @param rejectedRaw per example, raw sub-dimension scores of the rejected answer
     */
    public CalibrationResult calibratePreferences(ScoringSpec spec, List<double[]> chosenRaw, List<double[]> rejectedRaw,
                                                  CalibrationMode mode, Monitor monitor) {
        if (chosenRaw.size() != rejectedRaw.size()) {
            throw new IllegalArgumentException(chosenRaw.size() + " chosen for " + rejectedRaw.size() + " rejected");
        }
        List<double[]> cs = new ArrayList<>();
        List<double[]> rs = new ArrayList<>();
        for (int i = 0; i < chosenRaw.size(); i++) {
            if (scored(chosenRaw.get(i)) && scored(rejectedRaw.get(i))) {
                cs.add(chosenRaw.get(i));
                rs.add(rejectedRaw.get(i));
            }
        }
        int unscored = chosenRaw.size() - cs.size();
        requireEnough(cs.size());
        int[][] split = split(cs.size());
        double[][] trainC = pick(cs, split[0]);
        double[][] trainR = pick(rs, split[0]);
        double[][] heldC = pick(cs, split[1]);
        double[][] heldR = pick(rs, split[1]);

        Params params = new Params(spec, knots);
        monitor.status().accept(mode == CalibrationMode.FULL ? "fitting curves and weights to preferences"
                : "fitting curves to preferences");
        double[] theta = fit(params.initial(), mode == CalibrationMode.FULL ? params.all() : params.allCurves(), monitor, th -> {
            Params.Decoded m = params.decode(th);
            double loss = 0;
            for (int i = 0; i < trainC.length; i++) {
                double margin = PREFERENCE_SCALE * (m.total(trainC[i]) - m.total(trainR[i]));
                loss += margin > 30 ? Math.exp(-margin) : Math.log1p(Math.exp(-margin));
            }
            return loss / trainC.length;
        });
        ScoringSpec calibrated = params.toSpec(theta);
        return new CalibrationResult(calibrated, mode, trainC.length, heldC.length,
                preferenceAgreement(spec, trainC, trainR), preferenceAgreement(calibrated, trainC, trainR),
                preferenceAgreement(spec, heldC, heldR), preferenceAgreement(calibrated, heldC, heldR), unscored);
    }

    /** Share of pairs with different ratings that {@code spec} orders the same way (ties count half). */
    public static double ratedAgreement(ScoringSpec spec, double[][] raw, double[] targets) {
        double[] totals = totals(spec, raw);
        double agree = 0;
        int pairs = 0;
        for (int i = 0; i < raw.length; i++) {
            for (int j = i + 1; j < raw.length; j++) {
                if (targets[i] != targets[j]) {
                    pairs++;
                    double d = (totals[i] - totals[j]) * (targets[i] - targets[j]);
                    agree += d > 0 ? 1 : d == 0 ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : agree / pairs;
    }

    /** Share of pairs where {@code spec} scores the chosen answer above the rejected one (ties count half). */
    public static double preferenceAgreement(ScoringSpec spec, double[][] chosen, double[][] rejected) {
        if (chosen.length == 0) {
            return Double.NaN;
        }
        double[] c = totals(spec, chosen);
        double[] r = totals(spec, rejected);
        double agree = 0;
        for (int i = 0; i < c.length; i++) {
            agree += c[i] > r[i] ? 1 : c[i] == r[i] ? 0.5 : 0;
        }
        return agree / c.length;
    }

    private static double[] totals(ScoringSpec spec, double[][] raw) {
        double[] totals = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            List<Score> scores = new ArrayList<>(raw[i].length);
            for (double v : raw[i]) {
                scores.add(Double.isNaN(v) ? Score.failed("") : Score.of(v, ""));
            }
            totals[i] = spec.aggregate(scores).total();
        }
        return totals;
    }

    private double[] fit(double[] start, int[] free, Monitor monitor, ToDoubleFunction<double[]> loss) {
        double[] anchor = start.clone();
        double[] bestValue = {Double.POSITIVE_INFINITY};
        double[][] bestPoint = {null};
        ToDoubleFunction<double[]> objective = x -> {
            monitor.checkCancelled();
            double[] th = expand(anchor, free, x);
            double reg = 0;
            for (int k : free) {
                double d = th[k] - anchor[k];
                reg += d * d;
            }
            double value = loss.applyAsDouble(th) + regularisation * reg;
            if (value < bestValue[0]) {
                bestValue[0] = value;
                bestPoint[0] = x.clone();
            }
            return value;
        };
        double[] x0 = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            x0[k] = start[free[k]];
        }
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-10, 1e-12),
                1e-8, 1e-10, 0.5);
        double[] best;
        try {
            best = optimizer.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(maxIterations),
                    new ObjectiveFunction(objective::applyAsDouble),
                    new ObjectiveFunctionGradient(x -> gradient(objective, x)),
                    GoalType.MINIMIZE, new InitialGuess(x0)).getPoint();
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            monitor.status().accept("  stopped at the iteration limit (" + maxIterations + ")");
            best = bestPoint[0] == null ? x0 : bestPoint[0];
        }
        return expand(anchor, free, best);
    }

    private static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double[] probe = x.clone();
        for (int k = 0; k < x.length; k++) {
            probe[k] = x[k] + STEP;
            double up = f.applyAsDouble(probe);
            probe[k] = x[k] - STEP;
            double down = f.applyAsDouble(probe);
            probe[k] = x[k];
            g[k] = (up - down) / (2 * STEP);
        }
        return g;
    }

    private static double[] expand(double[] base, int[] free, double[] x) {
        double[] th = base.clone();
        for (int k = 0; k < free.length; k++) {
            th[free[k]] = x[k];
        }
        return th;
    }

    private static boolean scored(double[] raw) {
        for (double v : raw) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static void requireEnough(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 scored examples, got " + n);
        }
    }

    private int[][] split(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int held = (int) Math.round(n * heldOutFraction);
        if (held < 2 || n - held < 2) {
            held = 0;
        }
        return new int[][] {java.util.Arrays.copyOfRange(order, held, n), java.util.Arrays.copyOfRange(order, 0, held)};
    }

    private static double[][] pick(List<double[]> xs, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = xs.get(idx[i]);
        }
        return out;
    }

    /** Builder for {@link SpecCalibrator}. */
    public static final class Builder {
        private int knots = 5;
        private double heldOutFraction = 0.2;
        private long seed = 42;
        private int maxIterations = 500;
        private double regularisation = DEFAULT_REGULARISATION;

        private Builder() {
        }

        /**
         * Strength of the L2 pull of the parameters (curve logits, log-weights) towards the starting spec
         * (default {@value SpecCalibrator#DEFAULT_REGULARISATION}); larger values overfit small data sets less.
         */
        public Builder regularisation(double regularisation) {
            if (!(regularisation >= 0) || Double.isInfinite(regularisation)) {
                throw new IllegalArgumentException("regularisation must be a finite number >= 0, was " + regularisation);
            }
            this.regularisation = regularisation;
            return this;
        }

        /** Interior calibration points per curve (default 5). */
        public Builder knots(int knots) {
            if (knots < 1 || knots > 50) {
                throw new IllegalArgumentException("knots must be in [1, 50], was " + knots);
            }
            this.knots = knots;
            return this;
        }

        /** Share of examples held out to measure agreement (default 0.2; 0 = none). */
        public Builder heldOutFraction(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("heldOutFraction must be in [0, 1), was " + fraction);
            }
            this.heldOutFraction = fraction;
            return this;
        }

        /** Seed of the held-out split (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Iteration limit of each optimisation (default 500). */
        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        public SpecCalibrator build() {
            return new SpecCalibrator(this);
        }
    }
}
