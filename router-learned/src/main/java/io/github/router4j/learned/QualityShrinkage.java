package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.Folds;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Winner's-curse control for N-tier routing: every model's predicted quality is pulled toward that model's mean
 * quality on the training data, {@code (1 - weight) * predicted + weight * prior}. With many models and noisy
 * per-request estimates, the model predicted best is often the one whose estimate is most inflated by noise;
 * shrinkage keeps the router on the model that is best overall unless the request's own evidence is strong. For
 * k-nearest neighbours it is the empirical-Bayes estimate with {@code weight / (1 - weight) * neighbours}
 * pseudo-neighbours at the prior. Weight 0 leaves the predictions alone; weight 1 always chooses the model best on
 * the training data. It suits predictors of quality ({@link KnnRouter}, {@link ClassifierRouter} per model), not the
 * win shares of {@link SwBradleyTerryRouter} and {@link MatrixFactorizationRouter}.
 *
 * <p>{@link #tune} chooses the weight (and one of several candidate predictors, e.g. numbers of neighbours) by
 * k-fold cross-validation inside the training set, never on the data the router is evaluated on.
 *
 * @param weight in [0, 1]
 * @param prior  each model's mean training quality, in the router's model order
 */
public record QualityShrinkage(double weight, double[] prior) {

    /**
     * The weights {@link #tune} tries: 0, 1/5, 1/3, 1/2, 2/3, 4/5, 8/9 and 1 (0 to 8 pseudo-neighbours per
     * neighbour, then the prior alone).
     */
    public static final List<Double> WEIGHTS = List.of(0.0, 0.2, 1.0 / 3, 0.5, 2.0 / 3, 0.8, 8.0 / 9, 1.0);

    /** The folds and rounds of cross-validation {@code evaluate} and {@code train} tune with. */
    public static final int FOLDS = 5;
    public static final int ROUNDS = 3;

    public QualityShrinkage {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("shrinkage weight must be in [0, 1], was " + weight);
        }
        prior = prior.clone();
        for (int i = 0; i < prior.length; i++) {
            if (!Double.isFinite(prior[i])) {
                throw new IllegalArgumentException("shrinkage prior of model " + i + " must be a finite number, was "
                        + prior[i]);
            }
        }
    }

    @Override
    public double[] prior() {
        return prior.clone();
    }

    /** The shrunk predictions; a model without a prediction ({@code NaN}) gets its prior. */
    public double[] apply(double[] predicted) {
        if (predicted.length != prior.length) {
            throw new IllegalArgumentException("shrinkage has a prior for " + prior.length + " models, got "
                    + predicted.length + " predictions");
        }
        double[] out = new double[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(predicted[i]) ? prior[i] : (1 - weight) * predicted[i] + weight * prior[i];
        }
        return out;
    }

    /** Each model's mean recorded quality over the examples that have it. */
    public static double[] means(TrainingSet set) {
        int m = set.models().size();
        double[] sum = new double[m];
        int[] n = new int[m];
        for (TrainingExample e : set.examples()) {
            for (int j = 0; j < m; j++) {
                if (!Double.isNaN(e.quality()[j])) {
                    sum[j] += e.quality()[j];
                    n[j]++;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            if (n[j] == 0) {
                throw new IllegalArgumentException("model '" + set.models().get(j) + "' has no recorded quality in"
                        + " the training set");
            }
            sum[j] /= n[j];
        }
        return sum;
    }

    /**
     * What {@link #tune} chose.
     *
     * @param candidate             index of the chosen candidate predictor
     * @param shrinkage             the chosen weight with the whole training set's means as prior
     * @param crossValidatedQuality mean recorded quality of the model predicted best, over the held-out folds of
     *                              every round
     * @param router                the chosen candidate trained on the whole set, wrapped with the shrinkage
     */
    public record Tuned(int candidate, QualityShrinkage shrinkage, double crossValidatedQuality, LearnedRouter router) {
    }

    /**
     * Chooses a candidate predictor and a weight from {@link #WEIGHTS} by {@code repeats} rounds of
     * {@code folds}-fold cross-validation on {@code set} (round r splits with seed {@code seed + r}): each candidate
     * is trained on k - 1 folds and predicts every model's quality on the held-out fold, shrunk toward the training
     * folds' means; the choice maximises the mean recorded quality of the model with the highest shrunk prediction
     * (the decision of an N-tier router with equal prices), averaged over all rounds. Repeating the split keeps the
     * choice from following one split's noise. On a tie the earlier candidate and the smaller weight win.
     *
     * @param candidates trainers of predictors of every model's quality, e.g. k-nearest neighbours with several k
     */
    public static Tuned tune(TrainingSet set, List<Function<TrainingSet, ? extends LearnedRouter>> candidates,
                             int folds, int repeats, long seed) {
        Objects.requireNonNull(set, "set");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("shrinkage tuning needs at least one candidate predictor");
        }
        if (folds < 2 || folds > set.size()) {
            throw new IllegalArgumentException("shrinkage tuning needs 2 to " + set.size() + " folds (one example per"
                    + " fold at least), got " + folds);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("shrinkage tuning needs at least one round, got " + repeats);
        }
        double[][] score = new double[candidates.size()][WEIGHTS.size()];
        int scored = 0;
        for (int r = 0; r < repeats; r++) {
            Folds split = Folds.split(set.size(), folds, seed + r);
            for (int f = 0; f < folds; f++) {
                TrainingSet train = set.subset(split.train(f));
                double[] prior = means(train);
                QualityShrinkage[] shrink = new QualityShrinkage[WEIGHTS.size()];
                for (int w = 0; w < shrink.length; w++) {
                    shrink[w] = new QualityShrinkage(WEIGHTS.get(w), prior);
                }
                int[] test = split.test(f);
                for (int c = 0; c < candidates.size(); c++) {
                    LearnedRouter predictor = candidates.get(c).apply(train);
                    for (int i : test) {
                        TrainingExample e = set.examples().get(i);
                        double[] predicted = predictor.predictQuality(RoutingRequest.builder().text(e.text())
                                .embedding(e.embedding()).build());
                        for (int w = 0; w < WEIGHTS.size(); w++) {
                            double q = e.quality()[argmax(shrink[w].apply(predicted))];
                            score[c][w] += Double.isNaN(q) ? 0 : q;
                        }
                    }
                }
                scored += test.length;
            }
        }
        int bestCandidate = 0;
        int bestWeight = 0;
        for (int c = 0; c < candidates.size(); c++) {
            for (int w = 0; w < WEIGHTS.size(); w++) {
                if (score[c][w] > score[bestCandidate][bestWeight] + 1e-9) {
                    bestCandidate = c;
                    bestWeight = w;
                }
            }
        }
        QualityShrinkage chosen = new QualityShrinkage(WEIGHTS.get(bestWeight), means(set));
        LearnedRouter router = LearnedRouters.withShrinkage(candidates.get(bestCandidate).apply(set), chosen);
        return new Tuned(bestCandidate, chosen, score[bestCandidate][bestWeight] / scored, router);
    }

    /** The first index of the largest value. */
    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityShrinkage s && s.weight == weight && Arrays.equals(s.prior, prior);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(weight) + Arrays.hashCode(prior);
    }

    @Override
    public String toString() {
        return String.format("QualityShrinkage{weight=%.4f, prior=%s}", weight, Arrays.toString(prior));
    }
}
