package io.github.router4j.core.routing;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Routes by simple rules on the routing text and the request's needs, checked in order; the first
 * rule that matches picks the tier, otherwise the default tier answers. Immutable.
 *
 * <pre>{@code
 * Router router = RuleBasedRouter.builder()
 *         .whenRequires(TierCapability.IMAGES, "strong")
 *         .whenContainsAny(List.of("prove", "step by step"), "strong")
 *         .whenLongerThan(2000, "strong")
 *         .otherwise("cheap")
 *         .build();
 * }</pre>
 */
public final class RuleBasedRouter implements Router {

    private record Rule(String description, Predicate<RoutingRequest> test, TierRef tier) {
    }

    private final List<Rule> rules;
    private final TierRef otherwise;

    private RuleBasedRouter(Builder builder) {
        this.rules = List.copyOf(builder.rules);
        this.otherwise = builder.otherwise;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Route route(RoutingRequest request, List<TierInfo> tiers) {
        for (Rule rule : rules) {
            if (rule.test().test(request)) {
                TierInfo tier = rule.tier().resolve(tiers);
                return Route.to(tier.index(), rule.description() + " -> '" + tier.name() + "'");
            }
        }
        TierInfo tier = otherwise.resolve(tiers);
        return Route.to(tier.index(), "no rule matched -> '" + tier.name() + "'");
    }

    @Override
    public String toString() {
        return "RuleBasedRouter{rules=" + rules.stream().map(r -> r.description() + " -> " + r.tier()).toList()
                + ", otherwise=" + otherwise + '}';
    }

    /** Builder for {@link RuleBasedRouter}; rules are checked in the order they are added. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private TierRef otherwise = TierRef.at(0);

        private Builder() {
        }

        /** Routing text longer than {@code characters} characters goes to {@code tier}. */
        public Builder whenLongerThan(int characters, String tier) {
            return whenLongerThan(characters, TierRef.named(tier));
        }

        public Builder whenLongerThan(int characters, int tier) {
            return whenLongerThan(characters, TierRef.at(tier));
        }

        private Builder whenLongerThan(int characters, TierRef tier) {
            if (characters < 0) {
                throw new IllegalArgumentException("characters must be >= 0, was " + characters);
            }
            rules.add(new Rule("longer than " + characters + " characters",
                    r -> r.text().length() > characters, tier));
            return this;
        }

        /** Routing text containing any keyword (case-insensitive) goes to {@code tier}. */
        public Builder whenContainsAny(Collection<String> keywords, String tier) {
            return whenContainsAny(keywords, TierRef.named(tier));
        }

        public Builder whenContainsAny(Collection<String> keywords, int tier) {
            return whenContainsAny(keywords, TierRef.at(tier));
        }

        private Builder whenContainsAny(Collection<String> keywords, TierRef tier) {
            List<String> lower = keywords.stream().map(k -> {
                if (k == null || k.isBlank()) {
                    throw new IllegalArgumentException("keywords must not be blank: " + keywords);
                }
                return k.toLowerCase(Locale.ROOT);
            }).toList();
            if (lower.isEmpty()) {
                throw new IllegalArgumentException("keywords must not be empty");
            }
            rules.add(new Rule("contains one of " + lower, r -> {
                String text = r.text().toLowerCase(Locale.ROOT);
                return lower.stream().anyMatch(text::contains);
            }, tier));
            return this;
        }

        /** A request that needs {@code capability} goes to {@code tier}. */
        public Builder whenRequires(TierCapability capability, String tier) {
            return whenRequires(capability, TierRef.named(tier));
        }

        public Builder whenRequires(TierCapability capability, int tier) {
            return whenRequires(capability, TierRef.at(tier));
        }

        private Builder whenRequires(TierCapability capability, TierRef tier) {
            Objects.requireNonNull(capability, "capability");
            rules.add(new Rule("requires " + capability, r -> r.requiredCapabilities().contains(capability), tier));
            return this;
        }

        /** The tier when no rule matches; default: the cheapest. */
        public Builder otherwise(String tier) {
            this.otherwise = TierRef.named(tier);
            return this;
        }

        public Builder otherwise(int tier) {
            this.otherwise = TierRef.at(tier);
            return this;
        }

        public RuleBasedRouter build() {
            return new RuleBasedRouter(this);
        }
    }
}
