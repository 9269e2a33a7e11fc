package io.github.router4j.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.PairwisePreference;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elo ratings from pairwise preferences, to rank models and group them into tiers. Games are replayed in order:
 * the expected score of a against b is {@code 1 / (1 + 10^((R_b - R_a) / 400))}, and after the game
 * {@code R_a += K (S_a - E_a)} and {@code R_b -= K (S_a - E_a)}, with {@code S_a} = 1 (a wins), 0.5 (tie) or 0.
 * Immutable.
 *
 * <p>JSON (type {@code elo}): {@code format}, {@code version}, {@code type}, {@code kFactor}, {@code initialRating},
 * {@code ratings} (model name to rating).
 */
public final class EloRatings {

    public static final String TYPE = "elo";

    private final double kFactor;
    private final double initialRating;
    private final Map<String, Double> ratings;

    private EloRatings(double kFactor, double initialRating, Map<String, Double> ratings) {
        this.kFactor = kFactor;
        this.initialRating = initialRating;
        this.ratings = Map.copyOf(ratings);
    }

    /** Replays {@code games} in order with the given K-factor, every model starting at {@code initialRating}. */
    public static EloRatings fit(Iterable<PairwisePreference> games, double kFactor, double initialRating) {
        if (!(kFactor > 0)) {
            throw new IllegalArgumentException("kFactor must be > 0, was " + kFactor);
        }
        Map<String, Double> r = new HashMap<>();
        for (PairwisePreference g : games) {
            double ra = r.getOrDefault(g.modelA(), initialRating);
            double rb = r.getOrDefault(g.modelB(), initialRating);
            double scoreA = switch (g.winner()) {
                case A -> 1;
                case B -> 0;
                case TIE -> 0.5;
            };
            double delta = kFactor * (scoreA - expected(ra, rb));
            r.put(g.modelA(), ra + delta);
            r.put(g.modelB(), rb - delta);
        }
        return new EloRatings(kFactor, initialRating, r);
    }

    /** K = 32, initial rating 1000. */
    public static EloRatings fit(Iterable<PairwisePreference> games) {
        return fit(games, 32, 1000);
    }

    /** Ratings as given (e.g. from a leaderboard). */
    public static EloRatings of(Map<String, Double> ratings) {
        return new EloRatings(32, 1000, ratings);
    }

    static double expected(double ra, double rb) {
        return 1 / (1 + Math.pow(10, (rb - ra) / 400));
    }

    public Map<String, Double> ratings() {
        return ratings;
    }

    public double rating(String model) {
        Double r = ratings.get(model);
        if (r == null) {
            throw new IllegalArgumentException("no Elo rating for '" + model + "'; rated: " + ratings.keySet());
        }
        return r;
    }

    /** Expected score of a against b. */
    public double expectedScore(String modelA, String modelB) {
        return expected(rating(modelA), rating(modelB));
    }

    /** Models from the highest rating to the lowest. */
    public List<String> ranking() {
        return ratings.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Groups the models into {@code count} tiers by cutting the rating ladder at its {@code count - 1} largest gaps;
     * tiers are ordered like router tiers, weakest group first, so the last group is "strong".
     */
    public List<List<String>> tiers(int count) {
        List<String> ascending = new ArrayList<>(ranking());
        Collections.reverse(ascending);
        if (count < 1 || count > ascending.size()) {
            throw new IllegalArgumentException("cannot group " + ascending.size() + " models into " + count + " tiers");
        }
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < ascending.size(); i++) {
            cuts.add(i);
        }
        cuts.sort(Comparator.comparingDouble((Integer i) -> ratings.get(ascending.get(i)) - ratings.get(ascending.get(i - 1)))
                .reversed());
        List<Integer> chosen = new ArrayList<>(cuts.subList(0, count - 1));
        chosen.sort(null);
        List<List<String>> groups = new ArrayList<>();
        int from = 0;
        for (int cut : chosen) {
            groups.add(List.copyOf(ascending.subList(from, cut)));
            from = cut;
        }
        groups.add(List.copyOf(ascending.subList(from, ascending.size())));
        return List.copyOf(groups);
    }

    /**
     * A query-independent router: the cheapest eligible tier whose expected score against the best-rated eligible
     * tier is at least {@code minExpectedScore} (at most 0.5; tiers are matched to ratings by name).
     */
    public Router router(double minExpectedScore) {
        if (!(minExpectedScore >= 0 && minExpectedScore <= 0.5)) {
            throw new IllegalArgumentException("minExpectedScore must be in [0, 0.5], was " + minExpectedScore);
        }
        return (RoutingRequest request, List<TierInfo> tiers) -> {
            List<TierInfo> eligible = tiers.stream().filter(t -> t.supports(request.requiredCapabilities())).toList();
            if (eligible.isEmpty()) {
                eligible = tiers;
            }
            TierInfo best = eligible.stream().max(Comparator.comparingDouble(t -> rating(t.name()))).orElseThrow();
            for (TierInfo t : eligible) {
                double e = expectedScore(t.name(), best.name());
                if (e >= minExpectedScore) {
                    return Route.to(t.index(), String.format("elo: %s rated %.0f, expected score %.3f against %s >= %.3f",
                            t.name(), rating(t.name()), e, best.name(), minExpectedScore), e);
                }
            }
            return Route.to(best.index(), "elo: best-rated tier " + best.name());
        };
    }

    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", Json.FORMAT);
        root.put("version", Json.VERSION);
        root.put("type", TYPE);
        root.put("kFactor", kFactor);
        root.put("initialRating", initialRating);
        ObjectNode r = root.putObject("ratings");
        ranking().forEach(m -> r.put(m, ratings.get(m)));
        return Json.write(root);
    }

    public void save(Path file) {
        Json.writeFile(file, toJson(), "Elo ratings");
    }

    public static EloRatings load(Path file) {
        return Json.readFile(file, "Elo ratings", EloRatings::load);
    }

    public static EloRatings load(InputStream in, String source) {
        Json json = Json.parse(in, source);
        json.requireType(TYPE);
        JsonNode r = json.node("ratings");
        if (!r.isObject() || r.isEmpty()) {
            throw json.error("ratings", "must be a non-empty object of model name to rating");
        }
        Map<String, Double> ratings = new LinkedHashMap<>();
        r.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw json.error("ratings", "value for '" + e.getKey() + "' must be a number");
            }
            ratings.put(e.getKey(), e.getValue().doubleValue());
        });
        return new EloRatings(json.number("kFactor"), json.number("initialRating"), ratings);
    }

    @Override
    public String toString() {
        return "EloRatings" + ratings;
    }
}
