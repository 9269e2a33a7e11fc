package io.github.router4j.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts, before the call, the quality (in [0, 1]) each tier would reach on a request: the belief an N-tier
 * policy chooses from. Learned implementations live in router4j-learned; {@code NaN} marks a tier the predictor
 * knows nothing about (such a tier is never chosen by {@link io.github.router4j.core.routing.PredictedQualityRouter}).
 */
@FunctionalInterface
public interface QualityPredictor {

    /** One predicted quality per tier, in the order of {@code tiers}. */
    double[] predictQuality(RoutingRequest request, List<TierInfo> tiers);

    /** The same quality for every request, looked up by tier name. */
    static QualityPredictor constant(Map<String, Double> qualityByTier) {
        Map<String, Double> copy = Map.copyOf(new HashMap<>(qualityByTier));
        return (request, tiers) -> {
            double[] q = new double[tiers.size()];
            for (int i = 0; i < q.length; i++) {
                Double v = copy.get(tiers.get(i).name());
                if (v == null) {
                    throw new IllegalArgumentException("no quality configured for tier '" + tiers.get(i).name()
                            + "'; configured: " + copy.keySet());
                }
                q[i] = v;
            }
            return q;
        };
    }

    /**
     * Maps a learned model's per-model values to tiers: by tier name when every tier names a model,
     * otherwise by position when there are as many models as tiers.
     */
    static double[] byTier(List<String> models, double[] perModel, List<TierInfo> tiers) {
        double[] out = new double[tiers.size()];
        for (int i = 0; i < out.length; i++) {
            int model = models.indexOf(tiers.get(i).name());
            if (model < 0) {
                return byPosition(models, perModel, tiers);
            }
            out[i] = perModel[model];
        }
        return out;
    }

    private static double[] byPosition(List<String> models, double[] perModel, List<TierInfo> tiers) {
        if (tiers.size() != models.size()) {
            throw new IllegalArgumentException("the quality model knows models " + models
                    + " but the tiers are " + tiers.stream().map(TierInfo::name).toList()
                    + "; name the tiers like the models or use as many tiers as models");
        }
        double[] out = new double[tiers.size()];
        System.arraycopy(perModel, 0, out, 0, out.length);
        return out;
    }
}
