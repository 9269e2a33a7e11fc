package io.github.router4j.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.RecordedRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label-aware baseline for MMLU: learns, per subject (the request attribute
 * {@code subject}), the strong model's mean quality advantage over the weak one on training data,
 * and scores a request by its subject's advantage, so the subjects where the strong model helps
 * most go to it first. Unknown subjects get the overall mean advantage. Saves to and loads from
 * JSON: {@code {"attribute": "subject", "advantage": {"anatomy": 0.15, ...}, "fallback": 0.12}}.
 */
public final class SubjectPriorRouter implements Router, StrongScorer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON form. */
    record Model(String attribute, @JsonDeserialize(as = TreeMap.class) Map<String, Double> advantage,
                 double fallback) {
    }

    private final String attribute;
    private final Map<String, Double> advantage;
    private final double fallback;
    private final double threshold;

    private SubjectPriorRouter(String attribute, Map<String, Double> advantage, double fallback, double threshold) {
        this.attribute = attribute;
        this.advantage = Map.copyOf(advantage);
        this.fallback = fallback;
        this.threshold = threshold;
    }

    /** Learns the per-label advantage of {@code strong} over {@code weak} from {@code training}. */
    public static SubjectPriorRouter train(List<RecordedRequest> training, String attribute, String weak,
                                           String strong) {
        Map<String, double[]> sums = new HashMap<>();
        double total = 0;
        int n = 0;
        for (RecordedRequest r : training) {
            if (!r.has(weak) || !r.has(strong)) {
                continue;
            }
            double a = r.quality(strong) - r.quality(weak);
            total += a;
            n++;
            r.attribute(attribute).ifPresent(label -> {
                double[] s = sums.computeIfAbsent(label, k -> new double[2]);
                s[0] += a;
                s[1]++;
            });
        }
        if (n == 0) {
            throw new IllegalArgumentException("no training request has results for both '" + weak + "' and '"
                    + strong + "'");
        }
        Map<String, Double> advantage = new TreeMap<>();
        sums.forEach((label, s) -> advantage.put(label, s[0] / s[1]));
        return new SubjectPriorRouter(attribute, advantage, total / n, 0.0);
    }

    /** The same learned advantages with another routing threshold. */
    public SubjectPriorRouter withThreshold(double threshold) {
        return new SubjectPriorRouter(attribute, advantage, fallback, threshold);
    }

    @Override
    public double strongScore(RoutingRequest request) {
        Object label = request.attributes().get(attribute);
        Double a = label == null ? null : advantage.get(label.toString());
        return a == null ? fallback : a;
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        return StrongScorer.route(strongScore(request), threshold, tiers, "subject-prior");
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    new Model(attribute, new TreeMap<>(advantage), fallback));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SubjectPriorRouter fromJson(String json) {
        try {
            Model m = JSON.readValue(json, Model.class);
            if (m.attribute() == null || m.advantage() == null) {
                throw new IllegalArgumentException("subject-prior JSON needs 'attribute' and 'advantage'");
            }
            return new SubjectPriorRouter(m.attribute(), m.advantage(), m.fallback(), 0.0);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed subject-prior JSON: " + e.getOriginalMessage(), e);
        }
    }
}
