package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;

/**
 * Turns a request into the classifier's input: the unit-length embedding and/or {@link TextFeatures},
 * each column standardised with the training mean and standard deviation.
 */
final class FeatureEncoder {

    private final boolean embedding;
    private final boolean textFeatures;
    private final int embeddingDimension;
    private final double[] mean;
    private final double[] scale;

    private FeatureEncoder(boolean embedding, boolean textFeatures, int embeddingDimension, double[] mean,
                           double[] scale) {
        this.embedding = embedding;
        this.textFeatures = textFeatures;
        this.embeddingDimension = embeddingDimension;
        this.mean = mean;
        this.scale = scale;
    }

    static FeatureEncoder fit(TrainingSet set, boolean embedding, boolean textFeatures) {
        if (!embedding && !textFeatures) {
            throw new IllegalArgumentException("classifier: use the embedding, text features or both");
        }
        int dim = embedding ? set.embeddingDimension("classifier") : 0;
        int width = dim + (textFeatures ? TextFeatures.NAMES.size() : 0);
        FeatureEncoder raw = new FeatureEncoder(embedding, textFeatures, dim, new double[width], ones(width));
        double[][] rows = new double[set.size()][];
        for (int i = 0; i < rows.length; i++) {
            TrainingExample e = set.examples().get(i);
            rows[i] = raw.encode(e.text(), e.embedding());
        }
        double[][] standard = standardisation(rows, width);
        double[] mean = standard[0];
        double[] scale = standard[1];
        return new FeatureEncoder(embedding, textFeatures, dim, mean, scale);
    }

    /** Per column of {@code rows}: {mean, 1 / standard deviation} (scale 1 for a constant column). */
    static double[][] standardisation(double[][] rows, int width) {
        double[] mean = new double[width];
        double[] sq = new double[width];
        for (double[] x : rows) {
            for (int j = 0; j < width; j++) {
                mean[j] += x[j];
                sq[j] += x[j] * x[j];
            }
        }
        int n = Math.max(1, rows.length);
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] /= n;
            double var = sq[j] / n - mean[j] * mean[j];
            scale[j] = var > 1e-12 ? 1 / Math.sqrt(var) : 1;
        }
        return new double[][] {mean, scale};
    }

    static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    int width() {
        return mean.length;
    }

    double[] encode(RoutingRequest request) {
        return encode(request.text(), embedding ? request.embedding() : null);
    }

    double[] encode(String text, float[] vector) {
        double[] x = new double[mean.length];
        int j = 0;
        if (embedding) {
            Vectors.requireDimension(vector, embeddingDimension, "classifier");
            float unitScale = Vectors.unitScale(vector);
            for (float v : vector) {
                float unit = unitScale == Vectors.ZERO_VECTOR ? 0 : v * unitScale;
                x[j] = (unit - mean[j]) * scale[j];
                j++;
            }
        }
        if (textFeatures) {
            for (double v : TextFeatures.of(text)) {
                x[j] = (v - mean[j]) * scale[j];
                j++;
            }
        }
        return x;
    }

    void write(ObjectNode node) {
        node.put("embedding", embedding);
        node.put("embeddingDimension", embeddingDimension);
        node.put("textFeatures", textFeatures);
        Json.put(node, "mean", mean);
        Json.put(node, "scale", scale);
    }

    static FeatureEncoder read(Json json) {
        boolean embedding = json.node("embedding").asBoolean();
        boolean text = json.node("textFeatures").asBoolean();
        int dim = embedding ? json.integer("embeddingDimension") : 0;
        int width = dim + (text ? TextFeatures.NAMES.size() : 0);
        return new FeatureEncoder(embedding, text, dim, json.doubles("mean", width), json.doubles("scale", width));
    }
}
