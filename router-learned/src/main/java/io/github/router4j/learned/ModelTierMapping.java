package io.github.router4j.learned;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A learned router's per-model predictions delivered per tier through a model → tier-name mapping. */
final class ModelTierMapping implements QualityPredictor {

    private final LearnedRouter router;
    private final Map<String, Integer> modelByTier;

    private ModelTierMapping(LearnedRouter router, Map<String, Integer> modelByTier) {
        this.router = router;
        this.modelByTier = modelByTier;
    }

    static ModelTierMapping of(LearnedRouter router, Map<String, String> modelToTier) {
        if (modelToTier.isEmpty()) {
            throw new IllegalArgumentException("the model to tier mapping is empty; the router knows models "
                    + router.models());
        }
        Map<String, Integer> byTier = new LinkedHashMap<>();
        modelToTier.forEach((model, tier) -> {
            int index = router.models().indexOf(model);
            if (index < 0) {
                throw new IllegalArgumentException("model '" + model + "' in the tier mapping is unknown; the router"
                        + " knows " + router.models());
            }
            Integer earlier = byTier.put(tier, index);
            if (earlier != null) {
                throw new IllegalArgumentException("tier '" + tier + "' is mapped from both '"
                        + router.models().get(earlier) + "' and '" + model + "'");
            }
        });
        return new ModelTierMapping(router, Map.copyOf(byTier));
    }

    @Override
    public double[] predictQuality(RoutingRequest request, List<TierInfo> tiers) {
        int mapped = 0;
        for (TierInfo tier : tiers) {
            if (modelByTier.containsKey(tier.name())) {
                mapped++;
            }
        }
        if (mapped < modelByTier.size()) {
            requireKnownTiers(tiers);
        }
        double[] perModel = router.predictQuality(request);
        double[] out = new double[tiers.size()];
        for (int i = 0; i < out.length; i++) {
            Integer model = modelByTier.get(tiers.get(i).name());
            out[i] = model == null ? Double.NaN : perModel[model];
        }
        return out;
    }

    private void requireKnownTiers(List<TierInfo> tiers) {
        for (String tier : modelByTier.keySet()) {
            if (tiers.stream().noneMatch(t -> t.name().equals(tier))) {
                throw new IllegalArgumentException("unknown tier '" + tier + "' in the tier mapping; tiers are "
                        + tiers.stream().map(TierInfo::name).collect(Collectors.joining(", ")));
            }
        }
    }
}
