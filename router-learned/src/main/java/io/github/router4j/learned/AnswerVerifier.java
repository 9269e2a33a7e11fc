package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The learned answer verifier (FrugalGPT's answer scorer): P(answer good | prompt, answer) from the
 * unit-length sentence embeddings of prompt and answer and the {@link AnswerFeatures} of the answer
 * (length, refusal, hedging, final-answer format, recomputed arithmetic), each column standardised,
 * then a Smile logistic regression or gradient tree boosting (or the MLP) as in {@link ClassifierRouter}.
 * Trained from the {@code answer} fields of recorded results. Immutable and thread-safe.
 *
 * <p>JSON: {@code {"format": "router4j-answer-verifier", "version": 1, "algorithm": ..., "embedding": true,
 * "embeddingDimension": 384, "features": [AnswerFeatures.NAMES], "mean": [...], "scale": [...],
 * "threshold": 0.5, "classifier": {...}}}: the columns are the prompt embedding, the answer embedding
 * (both when {@code embedding}) and the features; {@code classifier} is written as by
 * {@link ClassifierRouter}'s {@code classifiers} entries (load gradient-boosting files only from
 * sources you trust).
 */
public final class AnswerVerifier {

    public static final String FORMAT = "router4j-answer-verifier";

    private final ClassifierRouter.Algorithm algorithm;
    private final boolean embedding;
    private final int embeddingDimension;
    private final double[] mean;
    private final double[] scale;
    private final BinaryClassifier classifier;
    private final double threshold;

    private AnswerVerifier(ClassifierRouter.Algorithm algorithm, boolean embedding, int embeddingDimension,
                           double[] mean, double[] scale, BinaryClassifier classifier, double threshold) {
        this.algorithm = algorithm;
        this.embedding = embedding;
        this.embeddingDimension = embeddingDimension;
        this.mean = mean;
        this.scale = scale;
        this.classifier = classifier;
        this.threshold = Json.threshold(threshold);
    }

    /**
     * One labelled answer.
     *
     * @param promptEmbedding the prompt's embedding, or null for a verifier without embeddings
     * @param answerEmbedding the answer's embedding, or null likewise
     * @param good            whether the answer was good (recorded quality at least 0.5)
     */
    public record Example(String prompt, float[] promptEmbedding, String answer, float[] answerEmbedding,
                          boolean good) {
        public Example {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * Examples read from recorded results, and how many results were left out for lack of an answer.
     */
    public record Examples(List<Example> examples, int withoutAnswer) {
        public Examples {
            examples = List.copyOf(examples);
        }
    }

    /**
     * The answers of {@code models} in {@code data} as examples (good = quality at least 0.5); results
     * without an {@code answer} are skipped and counted.
     *
     * @param embedder the embedding of a text, or null for a verifier without embeddings
     */
    public static Examples examples(RecordedResults data, List<String> models, Function<String, float[]> embedder) {
        List<Example> out = new ArrayList<>();
        int skipped = 0;
        for (RecordedRequest r : data.requests()) {
            for (String model : models) {
                Optional<String> answer = r.result(model).flatMap(m -> m.answer());
                if (answer.isEmpty()) {
                    skipped += r.has(model) ? 1 : 0;
                    continue;
                }
                out.add(new Example(r.prompt(), embedder == null ? null : embedder.apply(r.prompt()), answer.get(),
                        embedder == null ? null : embedder.apply(answer.get()), r.quality(model) >= 0.5));
            }
        }
        return new Examples(out, skipped);
    }

    /**
     * Trains on {@code examples} with the classifier settings of {@code options} (algorithm, penalty,
     * trees, seed, threshold; {@code useEmbedding} decides whether the embeddings are used).
     */
    public static AnswerVerifier train(List<Example> examples, ClassifierRouter.Options options) {
        Objects.requireNonNull(options, "options");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("answer verifier: no example to learn from (no recorded answer)");
        }
        boolean embedding = options.useEmbedding();
        int dim = 0;
        if (embedding) {
            Example first = examples.get(0);
            if (first.promptEmbedding() == null || first.answerEmbedding() == null) {
                throw new IllegalArgumentException("answer verifier: examples have no embeddings; train with"
                        + " useEmbedding(false) or give an embedder");
            }
            dim = first.promptEmbedding().length;
        }
        int width = 2 * dim + AnswerFeatures.NAMES.size();
        AnswerVerifier raw = new AnswerVerifier(options.algorithm(), embedding, dim, new double[width],
                FeatureEncoder.ones(width),
                null, 0.5);
        double[][] x = new double[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < x.length; i++) {
            Example e = examples.get(i);
            x[i] = raw.encode(e.prompt(), e.promptEmbedding(), e.answer(), e.answerEmbedding());
            y[i] = e.good() ? 1 : 0;
        }
        double[][] standard = FeatureEncoder.standardisation(x, width);
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = (row[j] - standard[0][j]) * standard[1][j];
            }
        }
        return new AnswerVerifier(options.algorithm(), embedding, dim, standard[0], standard[1],
                BinaryClassifier.train(x, y, options), options.threshold());
    }

    /** Whether {@link #pGood} needs the embeddings of prompt and answer. */
    public boolean usesEmbeddings() {
        return embedding;
    }

    public ClassifierRouter.Algorithm algorithm() {
        return algorithm;
    }

    /** The P(good) at or above which the answer is accepted. */
    public double threshold() {
        return threshold;
    }

    public AnswerVerifier withThreshold(double threshold) {
        return new AnswerVerifier(algorithm, embedding, embeddingDimension, mean, scale, classifier, threshold);
    }

    /**
     * P(the answer is good).
     *
     * @param promptEmbedding ignored (may be null) when {@link #usesEmbeddings()} is false
     * @param answerEmbedding likewise
     */
    public double pGood(String prompt, float[] promptEmbedding, String answer, float[] answerEmbedding) {
        return classifier.probability(encode(prompt, promptEmbedding, answer, answerEmbedding));
    }

    private double[] encode(String prompt, float[] promptEmbedding, String answer, float[] answerEmbedding) {
        double[] x = new double[mean.length];
        int j = 0;
        if (embedding) {
            j = put(x, j, promptEmbedding, "prompt");
            j = put(x, j, answerEmbedding, "answer");
        }
        for (double v : AnswerFeatures.of(prompt, answer)) {
            x[j] = (v - mean[j]) * scale[j];
            j++;
        }
        return x;
    }

    private int put(double[] x, int j, float[] vector, String what) {
        if (vector == null) {
            throw new IllegalArgumentException("answer verifier: needs the " + what + " embedding");
        }
        Vectors.requireDimension(vector, embeddingDimension, "answer verifier");
        for (float v : Vectors.normalized(vector)) {
            x[j] = (v - mean[j]) * scale[j];
            j++;
        }
        return j;
    }

    /** The JSON document described on this class. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", Json.VERSION);
        root.put("algorithm", algorithm.name());
        root.put("embedding", embedding);
        root.put("embeddingDimension", embeddingDimension);
        ArrayNode names = root.putArray("features");
        AnswerFeatures.NAMES.forEach(names::add);
        Json.put(root, "mean", mean);
        Json.put(root, "scale", scale);
        root.put("threshold", threshold);
        classifier.write(root.putObject("classifier"));
        return Json.write(root);
    }

    public void save(Path file) {
        Json.writeFile(file, toJson(), "answer verifier");
    }

    public static AnswerVerifier load(Path file) {
        return Json.readFile(file, "answer verifier", AnswerVerifier::load);
    }

    public static AnswerVerifier fromJson(String json) {
        return load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "JSON");
    }

    /** Reads a verifier; {@code source} names the stream in errors. */
    public static AnswerVerifier load(InputStream in, String source) {
        Json json = Json.parse(in, source);
        String format = json.text("format");
        if (!FORMAT.equals(format)) {
            throw json.error("format", "must be \"" + FORMAT + "\", got \"" + format + '"');
        }
        if (json.integer("version") != Json.VERSION) {
            throw json.error("version", "must be " + Json.VERSION);
        }
        if (!json.strings("features").equals(AnswerFeatures.NAMES)) {
            throw json.error("features", "must be " + AnswerFeatures.NAMES + " (this version's answer features)");
        }
        ClassifierRouter.Algorithm algorithm;
        try {
            algorithm = ClassifierRouter.Algorithm.valueOf(json.text("algorithm"));
        } catch (IllegalArgumentException e) {
            throw json.error("algorithm", "must be one of " + java.util.Arrays.toString(ClassifierRouter.Algorithm.values()));
        }
        boolean embedding = json.node("embedding").asBoolean();
        int dim = embedding ? json.integer("embeddingDimension") : 0;
        int width = 2 * dim + AnswerFeatures.NAMES.size();
        return new AnswerVerifier(algorithm, embedding, dim, json.doubles("mean", width), json.doubles("scale", width),
                BinaryClassifier.read(json.child("classifier"), width), json.number("threshold"));
    }
}
