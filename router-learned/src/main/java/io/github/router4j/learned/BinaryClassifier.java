package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** P(label = 1 | features); Smile types stay inside this file. Immutable and thread-safe once built. */
abstract class BinaryClassifier {

    abstract double probability(double[] x);

    abstract void write(ObjectNode node);

    /**
     * {@code out[m] = classifiers.get(m).probability(x)}, identical results: logistic regressions four at a time
     * for instruction-level parallelism, each sum taken in the order {@link Logistic#probability} takes it.
     */
    static void probabilities(List<BinaryClassifier> classifiers, double[] x, double[] out) {
        int n = classifiers.size();
        int m = 0;
        while (m < n) {
            if (m + 3 < n && logistic(classifiers, m, 4, x.length)) {
                Logistic.four(classifiers, m, x, out);
                m += 4;
            } else {
                out[m] = classifiers.get(m).probability(x);
                m++;
            }
        }
    }

    private static boolean logistic(List<BinaryClassifier> classifiers, int from, int count, int features) {
        for (int m = from; m < from + count; m++) {
            if (!(classifiers.get(m) instanceof Logistic l) || l.w.length != features + 1) {
                return false;
            }
        }
        return true;
    }

    static BinaryClassifier train(double[][] x, int[] y, ClassifierRouter.Options options) {
        int positives = 0;
        for (int label : y) {
            positives += label;
        }
        if (positives == 0 || positives == y.length) {
            return new Constant(y.length == 0 ? 0.5 : (double) positives / y.length);
        }
        return switch (options.algorithm()) {
            case LOGISTIC_REGRESSION -> Logistic.train(x, y, options);
            case GRADIENT_BOOSTING -> Boosting.train(x, y, options);
            case MLP -> Perceptron.train(x, y, options);
        };
    }

    static BinaryClassifier read(Json json, int features) {
        String kind = json.text("kind");
        return switch (kind) {
            case "constant" -> new Constant(json.number("probability"));
            case "logistic-regression" -> new Logistic(json.doubles("weights", features + 1));
            case "gradient-boosting" -> new Boosting(Serialized.read(json, GradientTreeBoost.class), features);
            case "mlp" -> Perceptron.read(json, features);
            default -> throw json.error("kind", "must be constant, logistic-regression, gradient-boosting or mlp, got \""
                    + kind + '"');
        };
    }

    static final class Constant extends BinaryClassifier {
        private final double p;

        Constant(double p) {
            this.p = p;
        }

        @Override
        double probability(double[] x) {
            return p;
        }

        @Override
        void write(ObjectNode node) {
            node.put("kind", "constant");
            node.put("probability", p);
        }
    }

    /** Weights {@code w[0..p-1]} and intercept {@code w[p]}: P = sigmoid(w . x + w[p]). */
    static final class Logistic extends BinaryClassifier {
        private final double[] w;

        Logistic(double[] w) {
            this.w = w;
        }

        static Logistic train(double[][] x, int[] y, ClassifierRouter.Options options) {
            return new Logistic(LogisticRegression.binomial(x, y, options.lambda(), 1e-5, options.maxIterations())
                    .coefficients().clone());
        }

        @Override
        double probability(double[] x) {
            int p = w.length - 1;
            double z = w[p];
            for (int i = 0; i < p; i++) {
                z += w[i] * x[i];
            }
            return Vectors.sigmoid(z);
        }

        static void four(List<BinaryClassifier> classifiers, int m, double[] x, double[] out) {
            double[] w0 = ((Logistic) classifiers.get(m)).w;
            double[] w1 = ((Logistic) classifiers.get(m + 1)).w;
            double[] w2 = ((Logistic) classifiers.get(m + 2)).w;
            double[] w3 = ((Logistic) classifiers.get(m + 3)).w;
            int p = x.length;
            double z0 = w0[p], z1 = w1[p], z2 = w2[p], z3 = w3[p];
            for (int i = 0; i < p; i++) {
                double v = x[i];
                z0 += w0[i] * v;
                z1 += w1[i] * v;
                z2 += w2[i] * v;
                z3 += w3[i] * v;
            }
            out[m] = Vectors.sigmoid(z0);
            out[m + 1] = Vectors.sigmoid(z1);
            out[m + 2] = Vectors.sigmoid(z2);
            out[m + 3] = Vectors.sigmoid(z3);
        }

        @Override
        void write(ObjectNode node) {
            node.put("kind", "logistic-regression");
            Json.put(node, "weights", w);
        }
    }

    static final class Boosting extends BinaryClassifier {
        private final GradientTreeBoost model;
        private final StructType schema;

        Boosting(GradientTreeBoost model, int features) {
            this.model = model;
            this.schema = DataFrame.of(new double[1][features], names(features)).schema();
        }

        static Boosting train(double[][] x, int[] y, ClassifierRouter.Options options) {
            MathEx.setSeed(options.seed());
            DataFrame data = DataFrame.of(x, names(x[0].length)).merge(IntVector.of("label", y));
            GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("label"), data, options.trees(),
                    options.maxDepth(), options.maxNodes(), 5, options.shrinkage(), options.subsample());
            return new Boosting(model, x[0].length);
        }

        @Override
        double probability(double[] x) {
            double[] posteriori = new double[2];
            model.predict(Tuple.of(x, schema), posteriori);
            return posteriori[1];
        }

        @Override
        void write(ObjectNode node) {
            node.put("kind", "gradient-boosting");
            Serialized.write(node, model);
        }
    }

    /**
     * One hidden layer of ReLU units and a sigmoid output, trained by Adam on binary cross-entropy. Written here
     * rather than with Smile's MLP, which needs the native OpenBLAS library router4j keeps out.
     * Parameters: {@code w1} (hidden x inputs, row-major), {@code b1}, {@code w2}, {@code b2}.
     */
    static final class Perceptron extends BinaryClassifier {
        private final int hidden;
        private final int inputs;
        private final double[] w1;
        private final double[] b1;
        private final double[] w2;
        private final double b2;

        Perceptron(int hidden, int inputs, double[] w1, double[] b1, double[] w2, double b2) {
            this.hidden = hidden;
            this.inputs = inputs;
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
        }

        static Perceptron train(double[][] x, int[] y, ClassifierRouter.Options options) {
            int p = x[0].length;
            int h = options.hiddenUnits();
            Random random = new Random(options.seed());
            double[] w1 = new double[h * p];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = random.nextGaussian() * Math.sqrt(2.0 / p);
            }
            double[] b1 = new double[h];
            double[] w2 = new double[h];
            for (int i = 0; i < h; i++) {
                w2[i] = random.nextGaussian() * Math.sqrt(1.0 / h);
            }
            double[] b2 = new double[1];
            double[][] params = {w1, b1, w2, b2};
            double[][] grads = {new double[w1.length], new double[h], new double[h], new double[1]};
            Adam[] adams = {new Adam(w1.length), new Adam(h), new Adam(h), new Adam(1)};
            double decay = options.lambda() * 1e-4;
            int[] order = new int[x.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            double[] a = new double[h];
            int batch = 32;
            int step = 0;
            for (int epoch = 0; epoch < options.epochs(); epoch++) {
                Adam.shuffle(order, random);
                for (int start = 0; start < order.length; start += batch) {
                    int end = Math.min(order.length, start + batch);
                    for (double[] g : grads) {
                        java.util.Arrays.fill(g, 0);
                    }
                    for (int k = start; k < end; k++) {
                        double[] xi = x[order[k]];
                        double z = b2[0];
                        for (int u = 0; u < h; u++) {
                            a[u] = Math.max(0, dot(w1, u * p, xi, p) + b1[u]);
                            z += w2[u] * a[u];
                        }
                        double g = (Vectors.sigmoid(z) - y[order[k]]) / (end - start);
                        grads[3][0] += g;
                        for (int u = 0; u < h; u++) {
                            grads[2][u] += g * a[u];
                            if (a[u] > 0) {
                                double gu = g * w2[u];
                                grads[1][u] += gu;
                                int off = u * p;
                                for (int j = 0; j < p; j++) {
                                    grads[0][off + j] += gu * xi[j];
                                }
                            }
                        }
                    }
                    step++;
                    for (int t = 0; t < params.length; t++) {
                        adams[t].step(params[t], grads[t], options.learningRate(), t == 0 || t == 2 ? decay : 0, step);
                    }
                }
            }
            return new Perceptron(h, p, w1, b1, w2, b2[0]);
        }

        private static double dot(double[] w, int off, double[] x, int p) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += w[off + j] * x[j];
            }
            return s;
        }

        @Override
        double probability(double[] x) {
            double z = b2;
            for (int u = 0; u < hidden; u++) {
                z += w2[u] * Math.max(0, dot(w1, u * inputs, x, inputs) + b1[u]);
            }
            return Vectors.sigmoid(z);
        }

        @Override
        void write(ObjectNode node) {
            node.put("kind", "mlp");
            node.put("hidden", hidden);
            Json.put(node, "w1", w1);
            Json.put(node, "b1", b1);
            Json.put(node, "w2", w2);
            node.put("b2", b2);
        }

        static Perceptron read(Json json, int inputs) {
            int h = json.integer("hidden");
            return new Perceptron(h, inputs, json.doubles("w1", h * inputs), json.doubles("b1", h),
                    json.doubles("w2", h), json.number("b2"));
        }
    }

    private static String[] names(int features) {
        String[] names = new String[features];
        for (int i = 0; i < features; i++) {
            names[i] = "x" + i;
        }
        return names;
    }

    /**
     * Smile models without a public parameter API are kept as Java serialisation bytes, base64, key
     * {@code smile}. They are read back only through {@link #FILTER}: an allow-list of the Smile tree
     * and formula classes a gradient-boosting model is made of, plus size, depth and array limits, so
     * a crafted file cannot make the JVM instantiate any other class.
     */
    static final class Serialized {

        /** The largest serialised model accepted, in bytes (a 1,000-tree model is a few MB). */
        static final int MAX_BYTES = 256 * 1024 * 1024;
        static final int MAX_DEPTH = 500;
        static final int MAX_ARRAY = 50_000_000;
        static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(";",
                "maxbytes=" + MAX_BYTES, "maxdepth=" + MAX_DEPTH, "maxrefs=20000000", "maxarray=" + MAX_ARRAY,
                "smile.classification.GradientTreeBoost", "smile.regression.RegressionTree",
                "smile.base.cart.*", "smile.data.formula.*", "smile.data.type.*", "smile.data.measure.*",
                "java.lang.Enum", "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
                "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean", "java.lang.Character",
                "java.lang.String", "smile.util.IntSet", "java.util.HashMap", "java.util.Map$Entry", "!*"));

        static void write(ObjectNode node, Object model) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(model);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise " + model.getClass().getSimpleName(), e);
            }
            node.put("smile", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }

        static <T> T read(Json json, Class<T> type) {
            String text = json.text("smile");
            if (text.length() > MAX_BYTES / 3 * 4 + 4) {
                throw json.error("smile", "is larger than " + MAX_BYTES + " bytes, the most a model may have");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw json.error("smile", "is not valid base64: " + e.getMessage());
            }
            String[] refused = new String[1];
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(info -> {
                    ObjectInputFilter.Status status = FILTER.checkInput(info);
                    Class<?> c = info.serialClass();
                    if (info.depth() == 1 && c != null && !c.isArray() && !c.isAssignableFrom(type)) {
                        status = ObjectInputFilter.Status.REJECTED;
                    }
                    if (status == ObjectInputFilter.Status.REJECTED) {
                        refused[0] = (info.serialClass() == null ? "an object" : info.serialClass().getTypeName())
                                + " at depth " + info.depth() + (info.arrayLength() < 0 ? ""
                                : " (array length " + info.arrayLength() + ")");
                    }
                    return status;
                });
                Object o = in.readObject();
                if (!type.isInstance(o)) {
                    throw json.error("smile", "holds a " + o.getClass().getName() + ", expected " + type.getName());
                }
                return type.cast(o);
            } catch (InvalidClassException e) {
                throw json.error("smile", "refused: " + (refused[0] == null ? e.getMessage() : refused[0])
                        + " is not part of a Smile 2.6 " + type.getSimpleName() + " (only its tree classes, depth "
                        + MAX_DEPTH + ", " + MAX_BYTES / (1024 * 1024) + " MB and arrays of " + MAX_ARRAY
                        + " elements are read from router files)");
            } catch (IOException | ClassNotFoundException e) {
                throw json.error("smile", "cannot be read as a Smile 2.6 " + type.getSimpleName() + ": " + e);
            }
        }
    }
}
