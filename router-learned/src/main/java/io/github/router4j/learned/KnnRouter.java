package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;

import java.util.List;
import java.util.Objects;

/**
 * The k-nearest-neighbour baseline: a request's predicted quality for each model is the mean recorded quality of
 * that model over the {@code neighbours} most similar recorded prompts (cosine similarity of sentence embeddings;
 * a model with no result among them gets {@code NaN}). The neighbour search is {@link SwBradleyTerryRouter}'s:
 * exact for small sets, the approximate index for large ones. P(strong needed) = {@code (1 + q_strong - q_weak) / 2}.
 *
 * <p>JSON (type {@code knn}): the same keys as {@link SwBradleyTerryRouter} ({@code gamma} is not used).
 */
public final class KnnRouter implements LearnedRouter {

    public static final String TYPE = "knn";

    private final SwBradleyTerryRouter neighbours;

    private KnnRouter(SwBradleyTerryRouter neighbours) {
        this.neighbours = neighbours;
    }

    /** Keeps the recorded results; {@code options} sets the number of neighbours, the index and the threshold. */
    public static KnnRouter train(TrainingSet set, SwBradleyTerryRouter.Options options) {
        Objects.requireNonNull(options, "options");
        return new KnnRouter(SwBradleyTerryRouter.train(set, options));
    }

    /** The numbers of neighbours {@link #tuned} tries. */
    public static final List<Integer> NEIGHBOURS = List.of(10, 20, 50, 100, 200);

    /**
     * The k-nearest-neighbour predictor with its number of neighbours (from {@link #NEIGHBOURS}) and its
     * {@link QualityShrinkage} toward the training means chosen together by {@code folds}-fold cross-validation on
     * {@code set}, repeated {@code repeats} times ({@link QualityShrinkage#tune}); {@code options} gives every other
     * setting.
     */
    public static QualityShrinkage.Tuned tuned(TrainingSet set, SwBradleyTerryRouter.Options options, int folds,
                                               int repeats, long seed) {
        Objects.requireNonNull(options, "options");
        List<java.util.function.Function<TrainingSet, ? extends LearnedRouter>> candidates = NEIGHBOURS.stream()
                .<java.util.function.Function<TrainingSet, ? extends LearnedRouter>>map(k -> s -> train(s,
                        new SwBradleyTerryRouter.Options(options.gamma(), k, options.lambda(), options.threshold(),
                                options.lists(), options.probes(), options.annFrom(), options.ef(), options.ann())))
                .toList();
        return QualityShrinkage.tune(set, candidates, folds, repeats, seed);
    }

    /** The number of recorded prompts each prediction averages over (0 = all). */
    public int neighbours() {
        return neighbours.settings().neighbours();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> models() {
        return neighbours.models();
    }

    @Override
    public double[] predictQuality(RoutingRequest request) {
        return neighbours.neighbourQuality(request.embedding());
    }

    @Override
    public double strongProbability(RoutingRequest request) {
        double[] q = predictQuality(request);
        double weak = q[0];
        double strong = q[q.length - 1];
        return Double.isNaN(weak) || Double.isNaN(strong) ? 0.5 : (1 + strong - weak) / 2;
    }

    @Override
    public double threshold() {
        return neighbours.threshold();
    }

    @Override
    public KnnRouter withThreshold(double threshold) {
        return new KnnRouter(neighbours.withThreshold(threshold));
    }

    @Override
    public String toJson() {
        return Json.write(neighbours.toJsonNode(TYPE));
    }

    static KnnRouter read(Json json) {
        return new KnnRouter(SwBradleyTerryRouter.read(json, TYPE));
    }

    @Override
    public String toString() {
        return "KnnRouter{models=" + models() + ", examples=" + neighbours.size() + '}';
    }
}
