package io.github.router4j.core.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.Evidence;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One calibrated P(good) from several signals about an answer (the pre-call router's score, a learned
 * verifier's P(good), the self-evaluation share or the meta-verifier's P(good), code scores): logistic
 * stacking, {@code P(good) = sigmoid(b + Σ w_i · s_i)}, fitted by Newton's method (iteratively
 * reweighted least squares) with a small L2 penalty on the weights. Fit it on signals that the models
 * behind them did not train on (out-of-fold), so its probabilities are calibrated. Immutable and
 * thread-safe.
 */
public final class StackedPGood {

    /** The {@code format} of the JSON file. */
    public static final String FORMAT = "router4j-stacked-p-good";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> signals;
    private final double[] weights;
    private final double intercept;

    private StackedPGood(List<String> signals, double[] weights, double intercept) {
        this.signals = List.copyOf(signals);
        this.weights = weights;
        this.intercept = intercept;
    }

    /** A stack with given weights, e.g. read from a file. */
    public static StackedPGood of(List<String> signals, double[] weights, double intercept) {
        if (signals.size() != weights.length) {
            throw new IllegalArgumentException("one weight per signal: " + signals.size() + " signals, "
                    + weights.length + " weights");
        }
        return new StackedPGood(signals, weights.clone(), intercept);
    }

    /**
     * Fits the stack.
     *
     * @param signals names of the columns of {@code x}
     * @param x       one row of signal values per labelled answer (finite numbers)
     * @param good    whether each answer was good
     * @param l2      penalty on the squared weights (not the intercept), e.g. 1e-3
     */
    public static StackedPGood fit(List<String> signals, double[][] x, boolean[] good, double l2) {
        Objects.requireNonNull(signals, "signals");
        int n = x.length;
        int p = signals.size();
        if (n == 0 || good.length != n) {
            throw new IllegalArgumentException("need one label per row and at least one row: " + n + " rows, "
                    + good.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " signals, expected " + p);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " has a non-finite signal: " + Arrays.toString(x[i]));
                }
            }
        }
        double[] beta = new double[p + 1];
        for (int iteration = 0; iteration < 100; iteration++) {
            RealMatrix hessian = new Array2DRowRealMatrix(p + 1, p + 1);
            RealVector gradient = new ArrayRealVector(p + 1);
            for (int i = 0; i < n; i++) {
                double[] row = withBias(x[i]);
                double mu = sigmoid(dot(beta, row));
                double w = Math.max(mu * (1 - mu), 1e-9);
                double residual = (good[i] ? 1 : 0) - mu;
                for (int a = 0; a <= p; a++) {
                    gradient.addToEntry(a, residual * row[a]);
                    for (int b = 0; b <= p; b++) {
                        hessian.addToEntry(a, b, w * row[a] * row[b]);
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                gradient.addToEntry(a, -l2 * n * beta[a]);
                hessian.addToEntry(a, a, l2 * n);
            }
            hessian.addToEntry(p, p, 1e-9);
            RealVector step = new LUDecomposition(hessian).getSolver().solve(gradient);
            double change = 0;
            for (int a = 0; a <= p; a++) {
                beta[a] += step.getEntry(a);
                change = Math.max(change, Math.abs(step.getEntry(a)));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return new StackedPGood(signals, Arrays.copyOf(beta, p), beta[p]);
    }

    private static double[] withBias(double[] x) {
        double[] row = Arrays.copyOf(x, x.length + 1);
        row[x.length] = 1;
        return row;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The log-odds of a probability, clipped to [1e-6, 1 − 1e-6]: the usual way to stack a probability. */
    public static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    /**
     * P(good) from an answer's evidence, each signal read under its name (e.g. the keys that evidence sources
     * write, such as {@code self_evaluation.share}).
     *
     * @throws IllegalArgumentException when the evidence lacks one of the signals
     */
    public double pGood(Evidence evidence) {
        double[] values = new double[signals.size()];
        for (int i = 0; i < values.length; i++) {
            String name = signals.get(i);
            values[i] = evidence.get(name).orElseThrow(() -> new IllegalArgumentException("stacked P(good) needs the"
                    + " signal '" + name + "', which the answer's evidence lacks; it has " + evidence.asMap().keySet()));
        }
        return pGood(values);
    }

    /** P(good) from one value per signal, in the order of {@link #signals()}. */
    public double pGood(double[] values) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " signals " + signals + ", got "
                    + values.length);
        }
        return sigmoid(intercept + dot(weights, values));
    }

    /**
     * The stack as JSON: {@code {"format": "router4j-stacked-p-good", "version": 1, "signals": [names],
     * "weights": [one per signal], "intercept": b}}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode names = root.putArray("signals");
        signals.forEach(names::add);
        ArrayNode w = root.putArray("weights");
        for (double x : weights) {
            w.add(x);
        }
        root.put("intercept", intercept);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static StackedPGood load(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@link #toJson()}'s format; {@code source} names the document in errors. */
    public static StackedPGood fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
            throw new IllegalArgumentException(source + ": not a " + FORMAT + " file, version 1");
        }
        JsonNode names = root.path("signals");
        JsonNode w = root.path("weights");
        if (!names.isArray() || !w.isArray() || !root.path("intercept").isNumber()) {
            throw new IllegalArgumentException(source + ": expected 'signals' and 'weights' arrays and a number 'intercept'");
        }
        List<String> signalNames = new ArrayList<>();
        names.forEach(n -> signalNames.add(n.asText()));
        double[] weightValues = new double[w.size()];
        for (int i = 0; i < weightValues.length; i++) {
            weightValues[i] = w.get(i).asDouble();
        }
        try {
            return of(signalNames, weightValues, root.get("intercept").asDouble());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    public List<String> signals() {
        return signals;
    }

    /** The weight of each signal, in the order of {@link #signals()}. */
    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StackedPGood{intercept=").append(String.format("%.4f", intercept));
        for (int i = 0; i < weights.length; i++) {
            s.append(", ").append(signals.get(i)).append('=').append(String.format("%.4f", weights[i]));
        }
        return s.append('}').toString();
    }
}
