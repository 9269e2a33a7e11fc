package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Matrix factorisation router (RouteLLM's MF). Each model {@code m} has a learned embedding {@code p_m} and bias
 * {@code b_m}; the request embedding {@code q} (unit length) is projected by a learned matrix {@code W}; the model's
 * score is the bilinear form {@code s_m(q) = c . (p_m * (W q)) + b_m} ({@code *} element-wise, {@code c} a learned
 * vector). P(model a beats model b) = sigmoid(s_a - s_b), trained by Adam on every recorded pair (ties as 0.5,
 * binary cross-entropy, L2 weight decay, fixed seed). P(strong needed) = P(strong model beats weak model).
 *
 * <p>JSON (type {@code mf}): the shared header, {@code dimension} (rank k), {@code embeddingDimension} (E),
 * {@code modelEmbeddings} (models x k, row-major), {@code bias} (one per model), {@code projection}
 * (k x E, row-major) and {@code output} (k), all explicit numbers.
 */
public final class MatrixFactorizationRouter implements LearnedRouter {

    public static final String TYPE = "mf";

    private final List<String> models;
    private final int rank;
    private final int inputDimension;
    private final double[] modelEmbeddings;
    private final double[] bias;
    private final double[] projection;
    private final double[] output;
    private final double threshold;

    private MatrixFactorizationRouter(List<String> models, int rank, int inputDimension, double[] modelEmbeddings,
                                      double[] bias, double[] projection, double[] output, double threshold) {
        this.models = List.copyOf(models);
        this.rank = rank;
        this.inputDimension = inputDimension;
        this.modelEmbeddings = modelEmbeddings;
        this.bias = bias;
        this.projection = projection;
        this.output = output;
        this.threshold = Json.threshold(threshold);
    }

    public static MatrixFactorizationRouter train(TrainingSet set, Options options) {
        return train(set, options, null);
    }

    /** Trains; {@code onEpoch} receives the number of epochs finished (may be null). */
    public static MatrixFactorizationRouter train(TrainingSet set, Options options, IntConsumer onEpoch) {
        Objects.requireNonNull(options, "options");
        int e = set.embeddingDimension(TYPE);
        int m = set.models().size();
        int k = options.dimension();
        List<float[]> inputs = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (TrainingExample ex : set.examples()) {
            float[] q = Vectors.normalized(ex.embedding());
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    double y = ex.outcome(a, b);
                    if (!Double.isNaN(y)) {
                        inputs.add(q);
                        pairs.add(new int[] {a, b});
                        targets.add(y);
                    }
                }
            }
        }
        Random random = new Random(options.seed());
        double[] p = gaussian(random, m * k, 1);
        double[] w = gaussian(random, k * e, 1 / Math.sqrt(e));
        double[] c = new double[k];
        java.util.Arrays.fill(c, 1);
        double[] bias = new double[m];
        Adam[] adams = {new Adam(p.length), new Adam(w.length), new Adam(c.length), new Adam(bias.length)};
        double[][] params = {p, w, c, bias};
        double[][] grads = {new double[p.length], new double[w.length], new double[c.length], new double[bias.length]};
        int n = inputs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] h = new double[k];
        double[] dh = new double[k];
        int step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            Adam.shuffle(order, random);
            for (int start = 0; start < n; start += options.batchSize()) {
                int end = Math.min(n, start + options.batchSize());
                for (double[] g : grads) {
                    java.util.Arrays.fill(g, 0);
                }
                for (int idx = start; idx < end; idx++) {
                    int s = order[idx];
                    float[] q = inputs.get(s);
                    int a = pairs.get(s)[0];
                    int b = pairs.get(s)[1];
                    project(w, q, 1, k, e, h);
                    double z = bias[a] - bias[b];
                    for (int r = 0; r < k; r++) {
                        z += c[r] * (p[a * k + r] - p[b * k + r]) * h[r];
                    }
                    double g = (Vectors.sigmoid(z) - targets.get(s)) / (end - start);
                    grads[3][a] += g;
                    grads[3][b] -= g;
                    for (int r = 0; r < k; r++) {
                        double diff = p[a * k + r] - p[b * k + r];
                        grads[2][r] += g * diff * h[r];
                        grads[0][a * k + r] += g * c[r] * h[r];
                        grads[0][b * k + r] -= g * c[r] * h[r];
                        dh[r] = g * c[r] * diff;
                    }
                    for (int r = 0; r < k; r++) {
                        double d = dh[r];
                        int off = r * e;
                        for (int col = 0; col < e; col++) {
                            grads[1][off + col] += d * q[col];
                        }
                    }
                }
                step++;
                for (int t = 0; t < params.length; t++) {
                    adams[t].step(params[t], grads[t], options.learningRate(), t == 3 ? 0 : options.weightDecay(), step);
                }
            }
            if (onEpoch != null) {
                onEpoch.accept(epoch + 1);
            }
        }
        return new MatrixFactorizationRouter(set.models(), k, e, p, bias, w, c, options.threshold());
    }

    /**
     * {@code h = W (scale q)}, {@code scale q} rounded to float as {@link Vectors#normalized} rounds it (pass
     * {@link Vectors#unitScale} for the unit vector without copying it, 0 for a zero vector): four rows at a time for instruction-level
     * parallelism, each row summed in column order as a plain loop would, so the results are identical to one row at
     * a time.
     */
    private static void project(double[] w, float[] q, float scale, int k, int e, double[] h) {
        int r = 0;
        for (; r + 3 < k; r += 4) {
            int o0 = r * e;
            int o1 = o0 + e;
            int o2 = o1 + e;
            int o3 = o2 + e;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int col = 0; col < e; col++) {
                double v = q[col] * scale;
                s0 += w[o0 + col] * v;
                s1 += w[o1 + col] * v;
                s2 += w[o2 + col] * v;
                s3 += w[o3 + col] * v;
            }
            h[r] = s0;
            h[r + 1] = s1;
            h[r + 2] = s2;
            h[r + 3] = s3;
        }
        for (; r < k; r++) {
            double s = 0;
            int off = r * e;
            for (int col = 0; col < e; col++) {
                s += w[off + col] * (q[col] * scale);
            }
            h[r] = s;
        }
    }

    private static double[] gaussian(Random random, int n, double sd) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian() * sd;
        }
        return a;
    }

    /** Each model's score for this request, in the order of {@link #models()}. */
    public double[] scores(RoutingRequest request) {
        float[] q = request.embedding();
        Vectors.requireDimension(q, inputDimension, TYPE);
        double[] h = new double[rank];
        float scale = Vectors.unitScale(q);
        project(projection, q, scale == Vectors.ZERO_VECTOR ? 0 : scale, rank, inputDimension, h);
        double[] s = new double[models.size()];
        for (int a = 0; a < s.length; a++) {
            double v = bias[a];
            for (int r = 0; r < rank; r++) {
                v += output[r] * modelEmbeddings[a * rank + r] * h[r];
            }
            s[a] = v;
        }
        return s;
    }

    @Override
    public double strongProbability(RoutingRequest request) {
        double[] s = scores(request);
        return Vectors.sigmoid(s[s.length - 1] - s[0]);
    }

    /** Each model's predicted share of wins against the other models (see {@link LearnedRouter#winShares}). */
    @Override
    public double[] predictQuality(RoutingRequest request) {
        return LearnedRouter.winShares(scores(request));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public MatrixFactorizationRouter withThreshold(double threshold) {
        return new MatrixFactorizationRouter(models, rank, inputDimension, modelEmbeddings, bias, projection, output,
                threshold);
    }

    @Override
    public String toJson() {
        ObjectNode root = Json.header(TYPE, models, threshold);
        root.put("dimension", rank);
        root.put("embeddingDimension", inputDimension);
        Json.put(root, "modelEmbeddings", modelEmbeddings);
        Json.put(root, "bias", bias);
        Json.put(root, "projection", projection);
        Json.put(root, "output", output);
        return Json.write(root);
    }

    static MatrixFactorizationRouter read(Json json) {
        json.requireType(TYPE);
        List<String> models = json.strings("models");
        int k = json.integer("dimension");
        int e = json.integer("embeddingDimension");
        return new MatrixFactorizationRouter(models, k, e, json.doubles("modelEmbeddings", models.size() * k),
                json.doubles("bias", models.size()), json.doubles("projection", k * e), json.doubles("output", k),
                json.number("threshold"));
    }

    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Settings. Defaults: rank ({@code dimension}) 32, 30 epochs, batch 64, learning rate 0.003,
     * weight decay 1e-4, seed 42, threshold 0.5.
     */
    public record Options(int dimension, int epochs, int batchSize, double learningRate, double weightDecay, long seed,
                          double threshold) {

        public Options {
            if (dimension < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0) {
                throw new IllegalArgumentException("mf: invalid options " + this);
            }
            Json.threshold(threshold);
        }

        public static final class Builder {
            private int dimension = 32;
            private int epochs = 30;
            private int batchSize = 64;
            private double learningRate = 0.003;
            private double weightDecay = 1e-4;
            private long seed = 42;
            private double threshold = 0.5;

            public Builder dimension(int dimension) { this.dimension = dimension; return this; }

            public Builder epochs(int epochs) { this.epochs = epochs; return this; }

            public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }

            public Builder learningRate(double learningRate) { this.learningRate = learningRate; return this; }

            public Builder weightDecay(double weightDecay) { this.weightDecay = weightDecay; return this; }

            public Builder seed(long seed) { this.seed = seed; return this; }

            public Builder threshold(double threshold) { this.threshold = threshold; return this; }

            public Options build() {
                return new Options(dimension, epochs, batchSize, learningRate, weightDecay, seed, threshold);
            }
        }
    }
}
