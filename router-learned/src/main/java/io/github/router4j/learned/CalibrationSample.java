package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Recorded requests as an N-tier policy sees them, saved next to a trained router so that the policy's λ or ε can be
 * calibrated when the router is configured, with the configured tiers' prices: every request's estimated input
 * tokens (characters / 4), the router's predicted quality for every model, and the recorded quality ({@code NaN}
 * where a model has no result). Stored in the router's JSON file under the key {@code calibration}:
 * {@code {"count": n, "inputTokens": [...], "predicted": base64 float32 n x models, "quality": base64 float32}}.
 *
 * @param models      the router's models, in its order
 * @param inputTokens estimated input tokens per request
 * @param predicted   predicted quality, requests x models
 * @param quality     recorded quality, requests x models
 */
public record CalibrationSample(List<String> models, int[] inputTokens, double[][] predicted, double[][] quality) {

    private static final String KEY = "calibration";

    public CalibrationSample {
        models = List.copyOf(models);
        if (inputTokens.length == 0 || predicted.length != inputTokens.length || quality.length != inputTokens.length) {
            throw new IllegalArgumentException("a calibration sample needs the same non-empty number of token counts,"
                    + " predictions and qualities");
        }
    }

    /** {@code routerJson} with this sample added under {@code calibration}. */
    public String addTo(String routerJson) {
        Json json = Json.parse(new ByteArrayInputStream(routerJson.getBytes(StandardCharsets.UTF_8)), "router JSON");
        ObjectNode root = (ObjectNode) json.root();
        ObjectNode node = root.putObject(KEY);
        int n = inputTokens.length;
        int m = models.size();
        node.put("count", n);
        var tokens = node.putArray("inputTokens");
        for (int t : inputTokens) {
            tokens.add(t);
        }
        node.put("predicted", Json.base64(flatten(predicted, m)));
        node.put("quality", Json.base64(flatten(quality, m)));
        return Json.write(root);
    }

    /** The sample saved in a router's JSON, if there is one; {@code source} names the file in errors. */
    public static Optional<CalibrationSample> read(InputStream in, String source) {
        Json json = Json.parse(in, source);
        if (!json.has(KEY)) {
            return Optional.empty();
        }
        List<String> models = json.strings("models");
        Json c = json.child(KEY);
        int n = c.integer("count");
        double[] tokens = c.doubles("inputTokens", n);
        int[] inputTokens = new int[n];
        for (int i = 0; i < n; i++) {
            inputTokens[i] = (int) tokens[i];
        }
        return Optional.of(new CalibrationSample(models, inputTokens,
                unflatten(c.base64Floats("predicted", n * models.size()), n, models.size()),
                unflatten(c.base64Floats("quality", n * models.size()), n, models.size())));
    }

    private static float[] flatten(double[][] rows, int m) {
        float[] out = new float[rows.length * m];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static double[][] unflatten(float[] flat, int n, int m) {
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i][j] = flat[i * m + j];
            }
        }
        return out;
    }
}
