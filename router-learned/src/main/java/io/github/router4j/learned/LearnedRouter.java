package io.github.router4j.learned;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.nio.file.Path;
import java.util.List;

/**
 * A two-tier threshold router learned from data (RouteLLM style): it predicts P(the strong tier is needed)
 * and sends the request to the strongest eligible tier when that probability reaches the threshold,
 * otherwise to the cheapest eligible tier. Sweep {@link #withThreshold(double)} to trade quality for cost;
 * {@link ThresholdCalibration} picks one for a target share of strong calls.
 *
 * <p>Trained on any number of models, it is also a {@link QualityPredictor} for every one of them
 * ({@link #predictQuality(RoutingRequest)}), which {@link io.github.router4j.core.routing.PredictedQualityRouter}
 * turns into an N-tier decision; {@link #forTiers(java.util.Map)} maps the training models to tier names.
 *
 * <p>Implementations are immutable and thread-safe, and save to a JSON file that
 * {@link LearnedRouters#load(Path)} reads back.
 */
public interface LearnedRouter extends Router, QualityPredictor {

    /** The type name used in JSON and YAML, e.g. {@code classifier}, {@code sw-bt}, {@code mf}. */
    String type();

    /** The training models, cheap to strong; the router compares the first with the last. */
    List<String> models();

    /** P(strong tier needed) for this request, in [0, 1]; higher means more in need of the strong tier. */
    double strongProbability(RoutingRequest request);

    double threshold();

    /**
     * The predicted quality of every training model on this request, in the order of {@link #models()}: P(good)
     * for the classifier and k-nearest-neighbour routers; for the pairwise routers (sw-bt, mf), each model's
     * predicted share of wins against the other models (a rating in [0, 1] that orders the models, not an
     * absolute quality).
     *
     * @throws UnsupportedOperationException when this router was trained to predict one probability only
     */
    default double[] predictQuality(RoutingRequest request) {
        throw new UnsupportedOperationException(type() + " predicts P(strong needed) only");
    }

    /** Per-tier predictions with tiers named like the training models (or as many tiers as models, in order). */
    @Override
    default double[] predictQuality(RoutingRequest request, List<TierInfo> tiers) {
        return QualityPredictor.byTier(models(), predictQuality(request), tiers);
    }

    /**
     * Per-tier predictions through a mapping of training model to tier name; a tier no model maps to gets
     * {@code NaN} (never chosen). Tier names are checked when routing: an unknown one fails with both lists.
     */
    default QualityPredictor forTiers(java.util.Map<String, String> modelToTier) {
        return ModelTierMapping.of(this, modelToTier);
    }

    /**
     * Each model's mean probability of beating each other model, from Bradley–Terry style ratings. One
     * {@code exp} per pair serves both directions: {@code sigmoid(d)} and {@code sigmoid(-d)} are {@code 1 / (1 + e)}
     * and {@code e / (1 + e)} with the same {@code e = exp(-|d|)}, exactly as {@link Vectors#sigmoid} computes each,
     * and every model's sum is still taken over the others in index order.
     */
    static double[] winShares(double[] ratings) {
        int m = ratings.length;
        double[] out = new double[m];
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                double d = ratings[a] - ratings[b];
                if (d >= 0) {
                    double e = Math.exp(-d);
                    out[a] += 1 / (1 + e);
                    out[b] += e / (1 + e);
                } else {
                    double e = Math.exp(d);
                    out[a] += e / (1 + e);
                    out[b] += 1 / (1 + e);
                }
            }
        }
        for (int a = 0; a < m; a++) {
            out[a] = m > 1 ? out[a] / (m - 1) : 0.5;
        }
        return out;
    }

    /** The same learned model with another threshold. */
    LearnedRouter withThreshold(double threshold);

    /** The learned model and threshold as a JSON document (format described in {@link LearnedRouters}). */
    String toJson();

    default void save(Path file) {
        Json.writeFile(file, toJson(), "router model");
    }

    @Override
    default Route route(RoutingRequest request, List<TierInfo> tiers) {
        double p = strongProbability(request);
        boolean strong = p >= threshold();
        int tier = strong ? strongestEligible(request, tiers) : cheapestEligible(request, tiers);
        return Route.to(tier, String.format("%s: P(strong needed)=%.3f %s threshold %.3f", type(), p,
                strong ? ">=" : "<", threshold()), p);
    }

    /** The cheapest tier supporting the request's capabilities, or 0 when none does. */
    static int cheapestEligible(RoutingRequest request, List<TierInfo> tiers) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).supports(request.requiredCapabilities())) {
                return i;
            }
        }
        return 0;
    }

    /** The strongest tier supporting the request's capabilities, or the last one when none does. */
    static int strongestEligible(RoutingRequest request, List<TierInfo> tiers) {
        for (int i = tiers.size() - 1; i >= 0; i--) {
            if (tiers.get(i).supports(request.requiredCapabilities())) {
                return i;
            }
        }
        return tiers.size() - 1;
    }
}
