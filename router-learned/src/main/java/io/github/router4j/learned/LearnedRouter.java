package io.github.router4j.learned;

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
 * <p>Implementations are immutable and thread-safe, and save to a JSON file that
 * {@link LearnedRouters#load(Path)} reads back.
 */
public interface LearnedRouter extends Router {

    /** The type name used in JSON and YAML, e.g. {@code classifier}, {@code sw-bt}, {@code mf}. */
    String type();

    /** The training models, cheap to strong; the router compares the first with the last. */
    List<String> models();

    /** P(strong tier needed) for this request, in [0, 1]; higher means more in need of the strong tier. */
    double strongProbability(RoutingRequest request);

    double threshold();

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
