package io.github.router4j.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smile.classification.LogisticRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The decision path computes several dot products side by side (logistic regressions four at a time, MF projection
 * rows four at a time) and encodes requests without intermediate copies. Its predictions must be exactly, bit for
 * bit, those of the plain one-at-a-time formulas over the saved parameters, for trained and for reloaded models.
 */
class DecisionFastPathTest {

    private static final int MODELS = 11;
    private static final int DIMENSION = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEXTS = {"Explain the difference between a process and a thread.",
            "What is 17 * 23?", "def f(x):\n    return x + 1\nWhy does this fail?", "Is Paris in France?",
            "Solve x^2 - 4 = 0 and list both roots.", ""};

    private static TrainingSet set;
    private static List<RoutingRequest> requests;

    @BeforeAll
    static void data() {
        Random random = new Random(5);
        List<String> models = new ArrayList<>();
        for (int m = 0; m < MODELS; m++) {
            models.add("model-" + m);
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[] e = gaussian(random);
            double[] q = new double[MODELS];
            for (int m = 0; m < MODELS; m++) {
                // model 5 always answers well and model 8 never does: constant classifiers between the regressions
                q[m] = m == 5 ? 1 : m == 8 ? 0 : e[m % DIMENSION] + 0.2 * m - 1 + random.nextGaussian() > 0 ? 1 : 0;
            }
            if (i % 7 == 0) {
                q[2] = Double.NaN;
            }
            examples.add(new TrainingExample(TEXTS[i % TEXTS.length] + " " + i, e, q));
        }
        set = new TrainingSet(models, examples);
        requests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] e = i == 0 ? new float[DIMENSION] : gaussian(random);
            if (i == 1 || i == 2) {
                e[3] = i == 1 ? Float.POSITIVE_INFINITY : Float.NaN;
            }
            if (i == 3) {
                e[4] = -0.0f;
            }
            requests.add(RoutingRequest.builder().text(TEXTS[i % TEXTS.length]).embedding(e).build());
        }
    }

    private static float[] gaussian(Random random) {
        float[] e = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            e[d] = (float) random.nextGaussian();
        }
        return e;
    }

    @Test
    void the_classifier_predicts_exactly_what_one_logistic_regression_at_a_time_predicts() throws Exception {
        ClassifierRouter trained = ClassifierRouter.train(set, ClassifierRouter.options()
                .target(ClassifierRouter.Target.QUALITY_PER_MODEL).maxIterations(30).build());
        ClassifierRouter reloaded = (ClassifierRouter) LearnedRouters.fromJson(trained.toJson());
        JsonNode json = JSON.readTree(trained.toJson());
        assertThat(json.get("classifiers")).extracting(c -> c.get("kind").asText())
                .contains("constant", "logistic-regression");

        for (RoutingRequest request : requests) {
            double[] expected = plainClassifier(json, request);
            assertThat(trained.predictQuality(request)).containsExactly(expected);
            assertThat(reloaded.predictQuality(request)).containsExactly(expected);
        }
    }

    @Test
    void matrix_factorisation_scores_exactly_what_one_projection_row_at_a_time_scores() throws Exception {
        MatrixFactorizationRouter trained = MatrixFactorizationRouter.train(set,
                MatrixFactorizationRouter.options().dimension(10).epochs(2).build());
        MatrixFactorizationRouter reloaded = (MatrixFactorizationRouter) LearnedRouters.fromJson(trained.toJson());
        JsonNode json = JSON.readTree(trained.toJson());

        for (RoutingRequest request : requests) {
            double[] expected = plainMatrixFactorisation(json, request);
            assertThat(trained.scores(request)).containsExactly(expected);
            assertThat(reloaded.scores(request)).containsExactly(expected);
            assertThat(trained.predictQuality(request)).containsExactly(LearnedRouter.winShares(expected));
        }
    }

    @Test
    void win_shares_are_exactly_the_mean_sigmoid_of_every_rating_difference() {
        Random random = new Random(3);
        double[][] special = {{}, {0.7}, {1, 1, 1}, {0.0, -0.0, 2}, {Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY},
                {Double.NaN, 1, 2}, {1e300, -1e300, 0}};
        List<double[]> cases = new ArrayList<>(List.of(special));
        for (int i = 0; i < 2_000; i++) {
            double[] r = new double[1 + random.nextInt(12)];
            for (int m = 0; m < r.length; m++) {
                r[m] = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian() * Math.pow(10, random.nextInt(5) - 2);
            }
            cases.add(r);
        }
        for (double[] ratings : cases) {
            int m = ratings.length;
            double[] expected = new double[m];
            for (int a = 0; a < m; a++) {
                double s = 0;
                for (int b = 0; b < m; b++) {
                    if (a != b) {
                        s += Vectors.sigmoid(ratings[a] - ratings[b]);
                    }
                }
                expected[a] = m > 1 ? s / (m - 1) : 0.5;
            }
            assertThat(LearnedRouter.winShares(ratings)).as(java.util.Arrays.toString(ratings)).containsExactly(expected);
        }
    }

    @Test
    void the_saved_logistic_weights_give_smiles_own_probabilities() {
        Random random = new Random(9);
        double[][] x = new double[300][6];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = x[i][0] - 0.5 * x[i][3] + random.nextGaussian() > 0 ? 1 : 0;
        }
        ClassifierRouter.Options options = ClassifierRouter.options().maxIterations(200).build();
        LogisticRegression smile = LogisticRegression.binomial(x, y, options.lambda(), 1e-5, options.maxIterations());
        BinaryClassifier ours = BinaryClassifier.train(x, y, options);

        double[] posteriori = new double[2];
        for (int i = 0; i < 1_000; i++) {
            double[] input = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
                    random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            smile.predict(input, posteriori);
            assertThat(ours.probability(input)).isCloseTo(posteriori[1], within(1e-12));
        }
    }

    /** The classifier's documented formula: standardised unit embedding and text features, then sigmoid(w . x + b). */
    private static double[] plainClassifier(JsonNode json, RoutingRequest request) {
        JsonNode features = json.get("features");
        double[] mean = doubles(features.get("mean"));
        double[] scale = doubles(features.get("scale"));
        float[] unit = unit(request.embedding());
        double[] text = TextFeatures.of(request.text());
        double[] x = new double[mean.length];
        for (int j = 0; j < x.length; j++) {
            double v = j < unit.length ? unit[j] : text[j - unit.length];
            x[j] = (v - mean[j]) * scale[j];
        }
        JsonNode classifiers = json.get("classifiers");
        double[] q = new double[classifiers.size()];
        for (int m = 0; m < q.length; m++) {
            JsonNode c = classifiers.get(m);
            if (c.get("kind").asText().equals("constant")) {
                q[m] = c.get("probability").asDouble();
                continue;
            }
            double[] w = doubles(c.get("weights"));
            double z = w[x.length];
            for (int i = 0; i < x.length; i++) {
                z += w[i] * x[i];
            }
            q[m] = Vectors.sigmoid(z);
        }
        return q;
    }

    /** MF's documented formula {@code s_m(q) = c . (p_m * (W q)) + b_m}, one row of W at a time. */
    private static double[] plainMatrixFactorisation(JsonNode json, RoutingRequest request) {
        int k = json.get("dimension").asInt();
        int e = json.get("embeddingDimension").asInt();
        double[] p = doubles(json.get("modelEmbeddings"));
        double[] bias = doubles(json.get("bias"));
        double[] w = doubles(json.get("projection"));
        double[] c = doubles(json.get("output"));
        float[] q = unit(request.embedding());
        double[] h = new double[k];
        for (int r = 0; r < k; r++) {
            double s = 0;
            for (int col = 0; col < e; col++) {
                s += w[r * e + col] * q[col];
            }
            h[r] = s;
        }
        double[] scores = new double[bias.length];
        for (int a = 0; a < scores.length; a++) {
            double v = bias[a];
            for (int r = 0; r < k; r++) {
                v += c[r] * p[a * k + r] * h[r];
            }
            scores[a] = v;
        }
        return scores;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
