package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The classifier router (RouteLLM's BERT/causal-LM classifier, with a small model on sentence embeddings and
 * {@link TextFeatures} in its place). Target {@link Target#STRONG_BETTER} learns P(strong model better than weak
 * model); {@link Target#QUALITY_PER_MODEL} learns one P(good answer) per model, so it also predicts quality per
 * tier for {@link RewardRouter}, and P(strong needed) becomes {@code (1 + q_strong - q_weak) / 2}.
 *
 * <p>JSON (type {@code classifier}): the shared header, {@code target}, {@code algorithm}, {@code features}
 * ({@code embedding}, {@code embeddingDimension}, {@code textFeatures}, standardisation {@code mean} and
 * {@code scale} per input column) and {@code classifiers}, one per learned label: {@code kind}
 * {@code logistic-regression} with {@code weights} (one per input column, intercept last),
 * {@code constant} with {@code probability}, {@code mlp} with {@code hidden}, {@code w1} (hidden x inputs),
 * {@code b1}, {@code w2}, {@code b2}, or {@code gradient-boosting} with {@code smile}, the Java serialisation of the
 * Smile 2.6 model in base64 (load such files only from sources you trust).
 */
public final class ClassifierRouter implements LearnedRouter {

    public static final String TYPE = "classifier";

    /** The learner: Smile logistic regression or gradient tree boosting, or a one-hidden-layer MLP. */
    public enum Algorithm { LOGISTIC_REGRESSION, GRADIENT_BOOSTING, MLP }

    /** What the classifier learns. */
    public enum Target {
        /** One label: the strong (last) model's quality is higher than the weak (first) model's. */
        STRONG_BETTER,
        /** One label per model: its quality is at least 0.5. */
        QUALITY_PER_MODEL
    }

    private final List<String> models;
    private final Target target;
    private final Algorithm algorithm;
    private final FeatureEncoder encoder;
    private final List<BinaryClassifier> classifiers;
    private final double threshold;

    private ClassifierRouter(List<String> models, Target target, Algorithm algorithm, FeatureEncoder encoder,
                             List<BinaryClassifier> classifiers, double threshold) {
        this.models = List.copyOf(models);
        this.target = target;
        this.algorithm = algorithm;
        this.encoder = encoder;
        this.classifiers = List.copyOf(classifiers);
        this.threshold = Json.threshold(threshold);
    }

    /** Trains on {@code set}; {@code onProgress} receives the number of classifiers finished (may be null). */
    public static ClassifierRouter train(TrainingSet set, Options options) {
        return train(set, options, null);
    }

    public static ClassifierRouter train(TrainingSet set, Options options, IntConsumer onProgress) {
        Objects.requireNonNull(options, "options");
        FeatureEncoder encoder = FeatureEncoder.fit(set, options.useEmbedding(), options.useTextFeatures());
        double[][] all = new double[set.size()][];
        for (int i = 0; i < all.length; i++) {
            TrainingExample e = set.examples().get(i);
            all[i] = encoder.encode(e.text(), e.embedding());
        }
        List<BinaryClassifier> classifiers = new ArrayList<>();
        int labels = options.target() == Target.STRONG_BETTER ? 1 : set.models().size();
        for (int m = 0; m < labels; m++) {
            List<double[]> xs = new ArrayList<>();
            List<Integer> ys = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                TrainingExample e = set.examples().get(i);
                double label = options.target() == Target.STRONG_BETTER
                        ? labelStrongBetter(e, set) : e.quality()[m];
                if (!Double.isNaN(label)) {
                    xs.add(all[i]);
                    ys.add(options.target() == Target.STRONG_BETTER ? (int) label : label >= 0.5 ? 1 : 0);
                }
            }
            classifiers.add(BinaryClassifier.train(xs.toArray(double[][]::new),
                    ys.stream().mapToInt(Integer::intValue).toArray(), options));
            if (onProgress != null) {
                onProgress.accept(m + 1);
            }
        }
        return new ClassifierRouter(set.models(), options.target(), options.algorithm(), encoder, classifiers,
                options.threshold());
    }

    private static double labelStrongBetter(TrainingExample e, TrainingSet set) {
        double outcome = e.outcome(set.strong(), set.weak());
        return Double.isNaN(outcome) ? Double.NaN : outcome == 1 ? 1 : 0;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> models() {
        return models;
    }

    public Target target() {
        return target;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public double strongProbability(RoutingRequest request) {
        double[] x = encoder.encode(request);
        if (target == Target.STRONG_BETTER) {
            return classifiers.get(0).probability(x);
        }
        double weak = classifiers.get(0).probability(x);
        double strong = classifiers.get(classifiers.size() - 1).probability(x);
        return (1 + strong - weak) / 2;
    }

    /** P(good answer) per model, in the order of {@link #models()}; needs target {@link Target#QUALITY_PER_MODEL}. */
    @Override
    public double[] predictQuality(RoutingRequest request) {
        if (target != Target.QUALITY_PER_MODEL) {
            throw new IllegalStateException("this classifier was trained with target " + target
                    + "; train with QUALITY_PER_MODEL to predict quality per model");
        }
        double[] x = encoder.encode(request);
        double[] q = new double[classifiers.size()];
        BinaryClassifier.probabilities(classifiers, x, q);
        return q;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public ClassifierRouter withThreshold(double threshold) {
        return new ClassifierRouter(models, target, algorithm, encoder, classifiers, threshold);
    }

    @Override
    public String toJson() {
        ObjectNode root = Json.header(TYPE, models, threshold);
        root.put("target", target.name());
        root.put("algorithm", algorithm.name());
        encoder.write(root.putObject("features"));
        ArrayNode list = root.putArray("classifiers");
        classifiers.forEach(c -> c.write(list.addObject()));
        return Json.write(root);
    }

    static ClassifierRouter read(Json json) {
        json.requireType(TYPE);
        Target target = enumValue(json, "target", Target.class);
        Algorithm algorithm = enumValue(json, "algorithm", Algorithm.class);
        List<String> models = json.strings("models");
        FeatureEncoder encoder = FeatureEncoder.read(json.child("features"));
        var nodes = json.node("classifiers");
        int expected = target == Target.STRONG_BETTER ? 1 : models.size();
        if (!nodes.isArray() || nodes.size() != expected) {
            throw json.error("classifiers", "must be an array of " + expected + " classifiers");
        }
        List<BinaryClassifier> classifiers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            classifiers.add(BinaryClassifier.read(new Json(nodes.get(i), json.source() + " at 'classifiers[" + i + "]'"),
                    encoder.width()));
        }
        return new ClassifierRouter(models, target, algorithm, encoder, classifiers, json.number("threshold"));
    }

    private static <E extends Enum<E>> E enumValue(Json json, String key, Class<E> type) {
        String value = json.text(key);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw json.error(key, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", got \"" + value + '"');
        }
    }

    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Training settings. Defaults: logistic regression, target STRONG_BETTER, embedding + text features,
     * {@code lambda} 1 (L2 penalty; MLP weight decay {@code lambda * 1e-4}), 500 iterations; boosting with
     * 200 trees, depth 6, 6 leaves, shrinkage 0.05, subsample 0.7; MLP with 64 ReLU units, 10 epochs, Adam learning
     * rate 0.001; seed 42; threshold 0.5.
     */
    public record Options(Algorithm algorithm, Target target, boolean useEmbedding, boolean useTextFeatures,
                          double lambda, int maxIterations, int trees, int maxDepth, int maxNodes, double shrinkage,
                          double subsample, int hiddenUnits, int epochs, double learningRate, long seed,
                          double threshold) {

        public Options {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(target, "target");
            if (lambda < 0 || maxIterations < 1 || trees < 1 || maxDepth < 2 || maxNodes < 2 || !(shrinkage > 0)
                    || !(subsample > 0 && subsample <= 1) || hiddenUnits < 1 || epochs < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("invalid classifier options: " + this);
            }
            Json.threshold(threshold);
        }

        /** Builder with the defaults above. */
        public static final class Builder {
            private Algorithm algorithm = Algorithm.LOGISTIC_REGRESSION;
            private Target target = Target.STRONG_BETTER;
            private boolean useEmbedding = true;
            private boolean useTextFeatures = true;
            private double lambda = 1;
            private int maxIterations = 500;
            private int trees = 200;
            private int maxDepth = 6;
            private int maxNodes = 6;
            private double shrinkage = 0.05;
            private double subsample = 0.7;
            private int hiddenUnits = 64;
            private int epochs = 10;
            private double learningRate = 0.001;
            private long seed = 42;
            private double threshold = 0.5;

            public Builder algorithm(Algorithm algorithm) { this.algorithm = algorithm; return this; }

            public Builder target(Target target) { this.target = target; return this; }

            public Builder useEmbedding(boolean useEmbedding) { this.useEmbedding = useEmbedding; return this; }

            public Builder useTextFeatures(boolean useTextFeatures) { this.useTextFeatures = useTextFeatures; return this; }

            public Builder lambda(double lambda) { this.lambda = lambda; return this; }

            public Builder maxIterations(int maxIterations) { this.maxIterations = maxIterations; return this; }

            public Builder trees(int trees) { this.trees = trees; return this; }

            public Builder maxDepth(int maxDepth) { this.maxDepth = maxDepth; return this; }

            public Builder maxNodes(int maxNodes) { this.maxNodes = maxNodes; return this; }

            public Builder shrinkage(double shrinkage) { this.shrinkage = shrinkage; return this; }

            public Builder subsample(double subsample) { this.subsample = subsample; return this; }

            public Builder hiddenUnits(int hiddenUnits) { this.hiddenUnits = hiddenUnits; return this; }

            public Builder epochs(int epochs) { this.epochs = epochs; return this; }

            public Builder learningRate(double learningRate) { this.learningRate = learningRate; return this; }

            public Builder seed(long seed) { this.seed = seed; return this; }

            public Builder threshold(double threshold) { this.threshold = threshold; return this; }

            public Options build() {
                return new Options(algorithm, target, useEmbedding, useTextFeatures, lambda, maxIterations, trees,
                        maxDepth, maxNodes, shrinkage, subsample, hiddenUnits, epochs, learningRate, seed, threshold);
            }
        }
    }
}
