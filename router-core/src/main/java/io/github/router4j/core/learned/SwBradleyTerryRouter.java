package io.github.router4j.core.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Similarity-weighted Bradley–Terry ranking (RouteLLM "SW ranking"). For each request, every recorded
 * comparison between two models gets the weight {@code gamma^(1 + s / s_max)}, where {@code s} is the cosine
 * similarity between the request and the recorded prompt and {@code s_max} the largest such similarity; only the
 * {@code neighbours} most similar recorded prompts take part (0 = all). Bradley–Terry coefficients are then fitted
 * to the weighted outcomes by maximum likelihood (ties count half a win for each side; a small Gaussian prior,
 * {@code lambda}, keeps them finite): Brent's method on the log-odds for two models, non-linear conjugate
 * gradient for more. P(strong needed) = P(strong model beats weak model) = sigmoid(beta_strong - beta_weak).
 *
 * <p>JSON (type {@code sw-bt}): the shared header, {@code gamma}, {@code neighbours}, {@code lambda},
 * {@code count} and {@code dimension}, {@code embeddings} (count x dimension unit-length vectors, row-major) and
 * {@code quality} (count x models, {@code NaN} = missing), both base64 of little-endian float32.
 */
public final class SwBradleyTerryRouter implements LearnedRouter {

    public static final String TYPE = "sw-bt";
    private static final double BOUND = 30;

    private final List<String> models;
    private final int count;
    private final int dimension;
    private final float[] embeddings;
    private final float[] quality;
    private final Options options;
    private final double threshold;

    private SwBradleyTerryRouter(List<String> models, int count, int dimension, float[] embeddings, float[] quality,
                                 Options options, double threshold) {
        this.models = List.copyOf(models);
        this.count = count;
        this.dimension = dimension;
        this.embeddings = embeddings;
        this.quality = quality;
        this.options = options;
        this.threshold = Json.threshold(threshold);
    }

    /** Keeps the recorded comparisons (unit-length embeddings in one flat array); there is nothing else to fit. */
    public static SwBradleyTerryRouter train(TrainingSet set, Options options) {
        Objects.requireNonNull(options, "options");
        int d = set.embeddingDimension(TYPE);
        int m = set.models().size();
        float[] flat = new float[set.size() * d];
        float[] q = new float[set.size() * m];
        for (int i = 0; i < set.size(); i++) {
            TrainingExample e = set.examples().get(i);
            System.arraycopy(Vectors.normalized(e.embedding()), 0, flat, i * d, d);
            for (int j = 0; j < m; j++) {
                q[i * m + j] = (float) e.quality()[j];
            }
        }
        return new SwBradleyTerryRouter(set.models(), set.size(), d, flat, q, options, options.threshold());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> models() {
        return models;
    }

    /** Recorded comparisons kept in memory. */
    public int size() {
        return count;
    }

    @Override
    public double strongProbability(RoutingRequest request) {
        double[] beta = coefficients(request);
        return Vectors.sigmoid(beta[models.size() - 1] - beta[0]);
    }

    /**
     * The Bradley–Terry coefficients fitted for this request, one per model (natural-log odds scale; only
     * differences matter, the weak model's is 0 for two models).
     */
    public double[] coefficients(RoutingRequest request) {
        float[] q = request.embedding();
        Vectors.requireDimension(q, dimension, TYPE);
        q = Vectors.normalized(q);
        float[] sims = new float[count];
        for (int i = 0; i < count; i++) {
            sims[i] = Vectors.dotRow(q, embeddings, i);
        }
        float cut = Float.NEGATIVE_INFINITY;
        if (options.neighbours() > 0 && options.neighbours() < count) {
            cut = kthLargest(sims.clone(), options.neighbours());
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float s : sims) {
            max = Math.max(max, s);
        }
        int m = models.size();
        double[][] wins = new double[m][m];
        double logGamma = Math.log(options.gamma());
        double total = 0;
        int used = 0;
        for (int i = 0; i < count; i++) {
            float s = sims[i];
            if (s < cut) {
                continue;
            }
            double w = Math.exp(logGamma * (1 + (max > 0 ? s / max : 0)));
            int off = i * m;
            for (int a = 0; a < m; a++) {
                float qa = quality[off + a];
                if (Float.isNaN(qa)) {
                    continue;
                }
                for (int b = a + 1; b < m; b++) {
                    float qb = quality[off + b];
                    if (Float.isNaN(qb)) {
                        continue;
                    }
                    double scoreA = qa > qb ? 1 : qa < qb ? 0 : 0.5;
                    wins[a][b] += w * scoreA;
                    wins[b][a] += w * (1 - scoreA);
                    total += w;
                }
            }
            used++;
        }
        if (total > 0) {
            double norm = used / total;
            for (double[] row : wins) {
                for (int b = 0; b < m; b++) {
                    row[b] *= norm;
                }
            }
        }
        return m == 2 ? fitTwo(wins[1][0], wins[0][1]) : fitMany(wins);
    }

    /** Log-odds d of strong over weak maximising A log s(d) + B log s(-d) - lambda d^2 / 2. */
    private double[] fitTwo(double strongWins, double weakWins) {
        double lambda = options.lambda();
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(
                d -> -strongWins * logSigmoid(d) - weakWins * logSigmoid(-d) + lambda * d * d / 2);
        double d = new BrentOptimizer(1e-10, 1e-12).optimize(f, GoalType.MINIMIZE,
                new SearchInterval(-BOUND, BOUND, 0), new MaxEval(200)).getPoint();
        return new double[] {0, d};
    }

    private double[] fitMany(double[][] wins) {
        int m = wins.length;
        double lambda = options.lambda();
        MultivariateFunction nll = beta -> {
            double v = 0;
            for (int a = 0; a < m; a++) {
                v += lambda * beta[a] * beta[a] / 2;
                for (int b = 0; b < m; b++) {
                    if (a != b && wins[a][b] > 0) {
                        v -= wins[a][b] * logSigmoid(beta[a] - beta[b]);
                    }
                }
            }
            return v;
        };
        MultivariateVectorFunction gradient = beta -> {
            double[] g = new double[m];
            for (int a = 0; a < m; a++) {
                g[a] += lambda * beta[a];
                for (int b = 0; b < m; b++) {
                    if (a != b && wins[a][b] > 0) {
                        double r = wins[a][b] * (1 - Vectors.sigmoid(beta[a] - beta[b]));
                        g[a] -= r;
                        g[b] += r;
                    }
                }
            }
            return g;
        };
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-12, 1e-12));
        double[] beta = optimizer.optimize(new ObjectiveFunction(nll), new ObjectiveFunctionGradient(gradient),
                GoalType.MINIMIZE, new InitialGuess(new double[m]), new MaxEval(10_000), new MaxIter(10_000)).getPoint();
        double base = beta[0];
        for (int a = 0; a < m; a++) {
            beta[a] -= base;
        }
        return beta;
    }

    private static double logSigmoid(double z) {
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }

    /** The k-th largest value (k >= 1); reorders {@code a}. */
    private static float kthLargest(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        Random random = new Random(k);
        while (lo < hi) {
            float pivot = a[lo + random.nextInt(hi - lo + 1)];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public SwBradleyTerryRouter withThreshold(double threshold) {
        return new SwBradleyTerryRouter(models, count, dimension, embeddings, quality, options, threshold);
    }

    /** The settings this router was trained with. */
    public Options settings() {
        return options;
    }

    @Override
    public String toJson() {
        ObjectNode root = Json.header(TYPE, models, threshold);
        root.put("gamma", options.gamma());
        root.put("neighbours", options.neighbours());
        root.put("lambda", options.lambda());
        root.put("count", count);
        root.put("dimension", dimension);
        root.put("embeddings", Json.base64(embeddings));
        root.put("quality", Json.base64(quality));
        return Json.write(root);
    }

    static SwBradleyTerryRouter read(Json json) {
        json.requireType(TYPE);
        List<String> models = json.strings("models");
        int count = json.integer("count");
        int dimension = json.integer("dimension");
        double threshold = json.number("threshold");
        Options options = new Options(json.number("gamma"), json.integer("neighbours"), json.number("lambda"),
                threshold);
        return new SwBradleyTerryRouter(models, count, dimension, json.base64Floats("embeddings", count * dimension),
                json.base64Floats("quality", count * models.size()), options, threshold);
    }

    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Settings. Defaults: {@code gamma} 10 (RouteLLM), {@code neighbours} 100 (0 = all recorded prompts),
     * {@code lambda} 0.01 (prior precision on the coefficients, in units of one comparison), threshold 0.5.
     */
    public record Options(double gamma, int neighbours, double lambda, double threshold) {

        public Options {
            if (!(gamma >= 1) || neighbours < 0 || !(lambda > 0)) {
                throw new IllegalArgumentException("sw-bt: need gamma >= 1, neighbours >= 0, lambda > 0; got " + this);
            }
            Json.threshold(threshold);
        }

        public static final class Builder {
            private double gamma = 10;
            private int neighbours = 100;
            private double lambda = 0.01;
            private double threshold = 0.5;

            public Builder gamma(double gamma) { this.gamma = gamma; return this; }

            public Builder neighbours(int neighbours) { this.neighbours = neighbours; return this; }

            public Builder lambda(double lambda) { this.lambda = lambda; return this; }

            public Builder threshold(double threshold) { this.threshold = threshold; return this; }

            public Options build() {
                return new Options(gamma, neighbours, lambda, threshold);
            }
        }
    }

    @Override
    public String toString() {
        return "SwBradleyTerryRouter{models=" + models + ", examples=" + count + ", options=" + options
                + ", threshold=" + threshold + ", dimension=" + dimension + '}';
    }
}
