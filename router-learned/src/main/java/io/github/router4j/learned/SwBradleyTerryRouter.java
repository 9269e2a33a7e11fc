package io.github.router4j.learned;

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

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 * {@code count} and {@code dimension}, {@code lists} and {@code probes} (only when the index is on; the index itself is
 * rebuilt from the embeddings on loading), {@code annFrom}, {@code ef} and {@code ann} (the approximate-neighbour
 * settings; a file without {@code ann} loads as {@code hnsw}), {@code annIndex} (the index: the graph's adjacency
 * lists per level and, for {@code hnsw-pq}, the codebooks and codes, base64 of little-endian int32, float32 and
 * bytes; a file without it rebuilds the index on loading), {@code embeddings} (count x dimension unit-length vectors, row-major) and
 * {@code quality} (count x models, {@code NaN} = missing), both base64 of little-endian float32.
 */
public final class SwBradleyTerryRouter implements LearnedRouter {

    public static final String TYPE = "sw-bt";
    private static final double BOUND = 30;
    private static final int BLOCK = 64;

    private final List<String> models;
    private final int count;
    private final int dimension;
    private final float[] embeddings;
    private final float[] quality;
    private final Options options;
    private final double threshold;
    private final InvertedIndex index;
    private final NeighbourIndex ann;

    private SwBradleyTerryRouter(List<String> models, int count, int dimension, float[] embeddings, float[] quality,
                                 Options options, double threshold, InvertedIndex index, NeighbourIndex ann) {
        this.models = List.copyOf(models);
        this.count = count;
        this.dimension = dimension;
        this.embeddings = embeddings;
        this.quality = quality;
        this.options = options;
        this.threshold = Json.threshold(threshold);
        this.index = index;
        this.ann = ann;
    }

    /** With the approximate-neighbour index read from {@code saved} when given, built otherwise. */
    private static SwBradleyTerryRouter of(List<String> models, int count, int dimension, float[] embeddings,
                                           float[] quality, Options options, double threshold, Json saved) {
        InvertedIndex index = options.probes() > 0
                ? InvertedIndex.build(embeddings, count, dimension, options.lists()) : null;
        boolean approximate = index == null && options.annFrom() > 0 && count >= options.annFrom()
                && options.neighbours() > 0 && options.neighbours() < count;
        boolean quantized = options.ann() == Options.Ann.HNSW_PQ;
        NeighbourIndex ann = !approximate ? null
                : saved != null ? HnswIndex.read(saved, embeddings, count, dimension, quantized)
                : HnswIndex.build(embeddings, count, dimension, quantized);
        return new SwBradleyTerryRouter(models, count, dimension, embeddings, quality, options, threshold, index,
                ann);
    }

    /** Whether neighbours come from an approximate-neighbour graph (large sets) rather than an exact scan. */
    public boolean usesAnn() {
        return ann != null;
    }

    /** The same router searching its graph {@code ef} candidates wide (the graph is shared, not rebuilt). */
    public SwBradleyTerryRouter withSearchWidth(int ef) {
        Options o = new Options(options.gamma(), options.neighbours(), options.lambda(), options.threshold(),
                options.lists(), options.probes(), options.annFrom(), ef, options.ann());
        return new SwBradleyTerryRouter(models, count, dimension, embeddings, quality, o, threshold, index, ann);
    }

    /** Heap bytes of the approximate-neighbour index, 0 without one (the embeddings themselves are not counted). */
    public long annBytes() {
        return ann == null ? 0 : ann.bytes();
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
        return of(set.models(), set.size(), d, flat, q, options, options.threshold(), null);
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

    /** Each model's predicted share of wins against the other models (see {@link LearnedRouter#winShares}). */
    @Override
    public double[] predictQuality(RoutingRequest request) {
        return LearnedRouter.winShares(coefficients(request));
    }

    /**
     * The mean recorded quality of every model over the neighbours of {@code query} (unweighted; {@code NaN} for a
     * model with no result among them): the k-nearest-neighbour prediction.
     */
    double[] neighbourQuality(float[] query) {
        Vectors.requireDimension(query, dimension, TYPE);
        Nearest nearest = nearest(Vectors.normalized(query));
        int m = models.size();
        double[] sum = new double[m];
        int[] n = new int[m];
        for (int j = 0; j < nearest.size; j++) {
            int off = nearest.rows[j] * m;
            for (int a = 0; a < m; a++) {
                float qa = quality[off + a];
                if (!Float.isNaN(qa)) {
                    sum[a] += qa;
                    n[a]++;
                }
            }
        }
        for (int a = 0; a < m; a++) {
            sum[a] = n[a] == 0 ? Double.NaN : sum[a] / n[a];
        }
        return sum;
    }

    /**
     * The Bradley–Terry coefficients fitted for this request, one per model (natural-log odds scale; only
     * differences matter, the weak model's is 0 for two models).
     */
    public double[] coefficients(RoutingRequest request) {
        double[][] wins = wins(request.embedding());
        return wins.length == 2 ? fitTwo(wins[1][0], wins[0][1]) : fitMany(wins);
    }

    /**
     * The similarity-weighted wins {@code [a][b]} of model a over model b among the neighbours of {@code query},
     * normalised to the number of recorded prompts used. Exact: the {@code neighbours} most similar prompts (and any
     * tied with the last of them) by one scan with a bounded heap, summed in the order of the recorded prompts.
     * With the index ({@code probes > 0}) the same, but among the prompts of the {@code probes} nearest lists only.
     */
    double[][] wins(float[] query) {
        Vectors.requireDimension(query, dimension, TYPE);
        float[] q = Vectors.normalized(query);
        Nearest nearest = nearest(q);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < nearest.size; j++) {
            max = Math.max(max, nearest.sims[j]);
        }
        int m = models.size();
        double[][] wins = new double[m][m];
        double logGamma = Math.log(options.gamma());
        double total = 0;
        for (int j = 0; j < nearest.size; j++) {
            float s = nearest.sims[j];
            double w = Math.exp(logGamma * (1 + (max > 0 ? s / max : 0)));
            int off = nearest.rows[j] * m;
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
        }
        if (total > 0) {
            double norm = nearest.size / total;
            for (double[] row : wins) {
                for (int b = 0; b < m; b++) {
                    row[b] *= norm;
                }
            }
        }
        return wins;
    }

    /** The recorded prompts (row indexes, ascending) that take part in the decision for {@code query}. */
    public int[] neighbourRows(float[] query) {
        Vectors.requireDimension(query, dimension, TYPE);
        Nearest nearest = nearest(Vectors.normalized(query));
        return Arrays.copyOf(nearest.rows, nearest.size);
    }

    private Nearest nearest(float[] q) {
        int k = options.neighbours();
        if (index != null) {
            int[] lists = index.nearestLists(q, options.probes());
            int candidates = index.size(lists);
            TopK top = new TopK(k > 0 && k < candidates ? k : candidates);
            index.scan(q, lists, top::offer);
            return top.result();
        }
        if (ann != null) {
            NeighbourIndex.Neighbours found = ann.search(q, k, options.ef());
            return new Nearest(found.rows(), found.similarities(), found.rows().length);
        }
        return k > 0 && k < count ? nearest(q, k) : all(q);
    }

    /** The exact neighbours (the full scan), whatever index is configured: the reference for recall. */
    public int[] exactNeighbourRows(float[] query) {
        Vectors.requireDimension(query, dimension, TYPE);
        float[] q = Vectors.normalized(query);
        int k = options.neighbours();
        Nearest nearest = k > 0 && k < count ? nearest(q, k) : all(q);
        return Arrays.copyOf(nearest.rows, nearest.size);
    }

    /** Recorded prompts (row indexes, ascending) with their similarity to the query. */
    private record Nearest(int[] rows, float[] sims, int size) {
    }

    private Nearest all(float[] q) {
        int[] rows = new int[count];
        float[] sims = new float[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        Vectors.dotRows(q, embeddings, 0, count, sims);
        return new Nearest(rows, sims, count);
    }

    /** The {@code k} most similar rows plus every row tied with the k-th similarity, in ascending row order. */
    private Nearest nearest(float[] q, int k) {
        TopK top = new TopK(k);
        float[] block = new float[BLOCK];
        for (int first = 0; first < count; first += BLOCK) {
            int rows = Math.min(BLOCK, count - first);
            Vectors.dotRows(q, embeddings, first, rows, block);
            for (int r = 0; r < rows; r++) {
                top.offer(block[r], first + r);
            }
        }
        return top.result();
    }

    /** A bounded min-heap of the {@code k} most similar rows offered, plus every row tied with the k-th. */
    private static final class TopK implements InvertedIndex.Sink {
        private final int k;
        private final float[] heapSim;
        private final int[] heapRow;
        private int size;
        private int[] ties = new int[8];
        private int tieCount;
        private float tieValue = Float.NaN;

        TopK(int k) {
            this.k = k;
            this.heapSim = new float[k];
            this.heapRow = new int[k];
        }

        @Override
        public void offer(float s, int row) {
            if (size < k) {
                siftUp(heapSim, heapRow, size++, s, row);
            } else if (s == heapSim[0]) {
                ties = append(ties, tieCount++, row);
                tieValue = s;
            } else if (s > heapSim[0]) {
                float poppedSim = heapSim[0];
                int poppedRow = heapRow[0];
                siftDown(heapSim, heapRow, k, s, row);
                if (tieCount > 0 && heapSim[0] > tieValue) {
                    tieCount = 0;
                }
                if (poppedSim == heapSim[0]) {
                    ties = append(ties, tieCount++, poppedRow);
                    tieValue = poppedSim;
                }
            }
        }

        /** The rows kept, in ascending row order. */
        Nearest result() {
            int n = size + tieCount;
            long[] packed = new long[n];
            for (int j = 0; j < size; j++) {
                packed[j] = (long) heapRow[j] << 32 | (Float.floatToRawIntBits(heapSim[j]) & 0xffffffffL);
            }
            for (int j = 0; j < tieCount; j++) {
                packed[size + j] = (long) ties[j] << 32 | (Float.floatToRawIntBits(tieValue) & 0xffffffffL);
            }
            Arrays.sort(packed);
            int[] rows = new int[n];
            float[] sims = new float[n];
            for (int j = 0; j < n; j++) {
                rows[j] = (int) (packed[j] >>> 32);
                sims[j] = Float.intBitsToFloat((int) packed[j]);
            }
            return new Nearest(rows, sims, n);
        }
    }

    private static int[] append(int[] a, int at, int value) {
        int[] out = at < a.length ? a : Arrays.copyOf(a, 2 * a.length);
        out[at] = value;
        return out;
    }

    private static void siftUp(float[] sim, int[] row, int at, float s, int r) {
        int i = at;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (sim[parent] <= s) {
                break;
            }
            sim[i] = sim[parent];
            row[i] = row[parent];
            i = parent;
        }
        sim[i] = s;
        row[i] = r;
    }

    /** Replaces the root of the min-heap with {@code (s, r)} and restores the heap order. */
    private static void siftDown(float[] sim, int[] row, int size, float s, int r) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && sim[child + 1] < sim[child]) {
                child++;
            }
            if (s <= sim[child]) {
                break;
            }
            sim[i] = sim[child];
            row[i] = row[child];
            i = child;
        }
        sim[i] = s;
        row[i] = r;
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

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public SwBradleyTerryRouter withThreshold(double threshold) {
        return new SwBradleyTerryRouter(models, count, dimension, embeddings, quality, options, threshold, index,
                ann);
    }

    /** The settings this router was trained with. */
    public Options settings() {
        return options;
    }

    @Override
    public String toJson() {
        return Json.write(toJsonNode(TYPE));
    }

    /** The JSON of the recorded comparisons under another type name (the k-nearest-neighbour router's). */
    ObjectNode toJsonNode(String type) {
        ObjectNode root = Json.header(type, models, threshold);
        root.put("gamma", options.gamma());
        root.put("neighbours", options.neighbours());
        root.put("lambda", options.lambda());
        if (options.probes() > 0) {
            root.put("lists", options.lists());
            root.put("probes", options.probes());
        }
        root.put("annFrom", options.annFrom());
        root.put("ef", options.ef());
        root.put("ann", options.ann().id());
        root.put("count", count);
        root.put("dimension", dimension);
        root.put("embeddings", Json.base64(embeddings));
        root.put("quality", Json.base64(quality));
        if (ann != null) {
            ann.write(root.putObject("annIndex"));
        }
        return root;
    }

    static SwBradleyTerryRouter read(Json json) {
        return read(json, TYPE);
    }

    static SwBradleyTerryRouter read(Json json, String type) {
        json.requireType(type);
        List<String> models = json.strings("models");
        int count = json.integer("count");
        int dimension = json.integer("dimension");
        double threshold = json.number("threshold");
        Options options = new Options(json.number("gamma"), json.integer("neighbours"), json.number("lambda"),
                threshold, json.has("lists") ? json.integer("lists") : 0,
                json.has("probes") ? json.integer("probes") : 0,
                json.has("annFrom") ? json.integer("annFrom") : Options.DEFAULT_ANN_FROM,
                json.has("ef") ? json.integer("ef") : Options.DEFAULT_EF,
                json.has("ann") ? Options.Ann.of(json) : Options.Ann.HNSW);
        return of(models, count, dimension, json.base64Floats("embeddings", count * dimension),
                json.base64Floats("quality", count * models.size()), options, threshold,
                json.has("annIndex") ? json.child("annIndex") : null);
    }

    public static Options.Builder options() {
        return new Options.Builder();
    }

    /**
     * Settings. Defaults: {@code gamma} 10 (RouteLLM), {@code neighbours} 100 (0 = all recorded prompts),
     * {@code lambda} 0.01 (prior precision on the coefficients, in units of one comparison), threshold 0.5, and no
     * index ({@code probes} 0: every recorded prompt is scanned exactly). With {@code probes > 0} the recorded
     * prompts are grouped into {@code lists} k-means lists (0 = about sqrt(count)), built when the router is trained
     * or loaded, and a request looks for its neighbours only in the {@code probes} lists nearest to it: much faster,
     * approximate unless {@code probes >= lists}. Without it, training sets of at least {@code annFrom} prompts
     * (default 20,000; 0 = never) find their neighbours in a Lucene HNSW graph (degree 16, build beam 100) searched
     * {@code ef} wide (default 200), walked on product-quantised codes with the {@code ef} best re-scored exactly
     * ({@code ann} {@link Ann#HNSW_PQ}, the default) or on the stored embeddings ({@link Ann#HNSW}); built when the
     * router is trained or loaded. Smaller sets are scanned exactly.
     */
    public record Options(double gamma, int neighbours, double lambda, double threshold, int lists, int probes,
                          int annFrom, int ef, Ann ann) {

        /** The approximate-neighbour index used from {@code annFrom} prompts on. */
        public enum Ann {
            /** Lucene's HNSW graph (degree 16, build beam 100) walked on the stored floats. */
            HNSW("hnsw"),
            /**
             * The same graph walked on product-quantised codes (jvector's product quantisation, one byte per two
             * dimensions), the {@code ef} best candidates re-scored on the stored floats.
             */
            HNSW_PQ("hnsw-pq");

            private final String id;

            Ann(String id) {
                this.id = id;
            }

            /** The name in the router's JSON. */
            public String id() {
                return id;
            }

            /** The index named {@code id} ({@code hnsw} or {@code hnsw-pq}). */
            public static Ann of(String id) {
                for (Ann a : values()) {
                    if (a.id.equals(id)) {
                        return a;
                    }
                }
                throw new IllegalArgumentException("unknown neighbour index '" + id + "', expected hnsw or hnsw-pq");
            }

            static Ann of(Json json) {
                String id = json.text("ann");
                try {
                    return of(id);
                } catch (IllegalArgumentException e) {
                    throw json.error("ann", "must be hnsw or hnsw-pq, got '" + id + "'");
                }
            }
        }

        /** Training sets of at least this many prompts search an HNSW graph by default. */
        public static final int DEFAULT_ANN_FROM = 20_000;
        /** Default HNSW search width. */
        public static final int DEFAULT_EF = 180;
        /** Default approximate-neighbour index. */
        public static final Ann DEFAULT_ANN = Ann.HNSW_PQ;

        public Options {
            if (!(gamma >= 1) || neighbours < 0 || !(lambda > 0) || lists < 0 || probes < 0 || annFrom < 0
                    || ef < 1 || ann == null) {
                throw new IllegalArgumentException("sw-bt: need gamma >= 1, neighbours >= 0, lambda > 0, lists >= 0,"
                        + " probes >= 0, annFrom >= 0, ef >= 1, an ann index; got " + this);
            }
            Json.threshold(threshold);
        }

        /** With the k-means index settings and the default HNSW settings. */
        public Options(double gamma, int neighbours, double lambda, double threshold, int lists, int probes) {
            this(gamma, neighbours, lambda, threshold, lists, probes, DEFAULT_ANN_FROM, DEFAULT_EF, DEFAULT_ANN);
        }

        /** Without the k-means index. */
        public Options(double gamma, int neighbours, double lambda, double threshold) {
            this(gamma, neighbours, lambda, threshold, 0, 0);
        }

        public static final class Builder {
            private double gamma = 10;
            private int neighbours = 100;
            private double lambda = 0.01;
            private double threshold = 0.5;
            private int lists;
            private int probes;
            private int annFrom = DEFAULT_ANN_FROM;
            private int ef = DEFAULT_EF;
            private Ann ann = DEFAULT_ANN;

            public Builder gamma(double gamma) { this.gamma = gamma; return this; }

            public Builder neighbours(int neighbours) { this.neighbours = neighbours; return this; }

            public Builder lambda(double lambda) { this.lambda = lambda; return this; }

            public Builder threshold(double threshold) { this.threshold = threshold; return this; }

            /** The approximate index: {@code lists} k-means lists (0 = about sqrt(count)), {@code probes} scanned. */
            public Builder index(int lists, int probes) { this.lists = lists; this.probes = probes; return this; }

            /** Turns the approximate index on with about sqrt(count) lists; 0 = off. */
            public Builder probes(int probes) { this.probes = probes; return this; }

            /**
             * The HNSW graph (Lucene) for training sets of at least {@code annFrom} prompts (0 = never; default
             * 20,000), searched {@code ef} candidates wide (default 200).
             */
            public Builder hnsw(int annFrom, int ef) { this.annFrom = annFrom; this.ef = ef; return this; }

            /** Which approximate-neighbour index large training sets use. */
            public Builder ann(Ann ann) { this.ann = ann; return this; }

            public Options build() {
                return new Options(gamma, neighbours, lambda, threshold, lists, probes, annFrom, ef, ann);
            }
        }
    }

    @Override
    public String toString() {
        return "SwBradleyTerryRouter{models=" + models + ", examples=" + count + ", options=" + options
                + ", threshold=" + threshold + ", dimension=" + dimension + '}';
    }
}
