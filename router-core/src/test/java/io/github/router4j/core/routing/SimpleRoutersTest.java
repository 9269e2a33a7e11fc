package io.github.router4j.core.routing;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimpleRoutersTest {

    private final List<TierInfo> tiers = List.of(
            new TierInfo("cheap", 0, 0.5, 1.5, Set.of(TierCapability.TOOLS)),
            new TierInfo("mid", 1, 2, 6, Set.of(TierCapability.TOOLS, TierCapability.IMAGES)),
            new TierInfo("strong", 2, 10, 30, Set.of(TierCapability.TOOLS, TierCapability.IMAGES)));

    private static RoutingRequest needing(TierCapability... caps) {
        return RoutingRequest.builder().text("describe this").requiredCapabilities(Set.of(caps)).build();
    }

    @Test
    void fixed_tier_router_routes_everything_to_one_tier_by_name_or_position() {
        assertThat(FixedTierRouter.named("mid").route(RoutingRequest.of("x"), tiers).tier()).isEqualTo(1);
        assertThat(FixedTierRouter.at(2).route(RoutingRequest.of("x"), tiers).reason()).isEqualTo("fixed tier 'strong'");
        assertThatThrownBy(() -> FixedTierRouter.named("huge").route(RoutingRequest.of("x"), tiers))
                .hasMessage("unknown tier 'huge'; tiers are cheap, mid, strong");
        assertThatThrownBy(() -> FixedTierRouter.at(3).route(RoutingRequest.of("x"), tiers))
                .hasMessageContaining("tier index 3 is out of range: there are 3 tiers");
    }

    @Test
    void cheapest_first_picks_the_cheapest_tier_that_supports_the_request() {
        CheapestFirstRouter router = new CheapestFirstRouter();

        assertThat(router.route(RoutingRequest.of("x"), tiers).tier()).isZero();
        assertThat(router.route(needing(TierCapability.IMAGES), tiers).tier()).isEqualTo(1);
        assertThat(router.route(needing(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA), tiers).reason())
                .contains("no tier supports [RESPONSE_FORMAT_JSON_SCHEMA]");
    }

    @Test
    void rule_based_router_applies_the_first_matching_rule_in_order() {
        RuleBasedRouter router = RuleBasedRouter.builder()
                .whenRequires(TierCapability.IMAGES, "mid")
                .whenContainsAny(List.of("Prove", "step by step"), "strong")
                .whenLongerThan(40, 1)
                .otherwise("cheap")
                .build();

        assertThat(router.route(RoutingRequest.of("please PROVE that 2 is prime"), tiers).reason())
                .isEqualTo("contains one of [prove, step by step] -> 'strong'");
        assertThat(router.route(needing(TierCapability.IMAGES), tiers).tier()).isEqualTo(1);
        assertThat(router.route(RoutingRequest.of("a".repeat(41)), tiers).tier()).isEqualTo(1);
        assertThat(router.route(RoutingRequest.of("a".repeat(40)), tiers).tier()).isZero();
        assertThat(router.route(RoutingRequest.of("hello"), tiers).reason()).isEqualTo("no rule matched -> 'cheap'");
    }

    @Test
    void rule_based_router_rejects_bad_rules() {
        assertThatThrownBy(() -> RuleBasedRouter.builder().whenContainsAny(List.of(), "strong"))
                .hasMessage("keywords must not be empty");
        assertThatThrownBy(() -> RuleBasedRouter.builder().whenContainsAny(List.of(" "), "strong"))
                .hasMessageContaining("keywords must not be blank");
        assertThatThrownBy(() -> RuleBasedRouter.builder().whenLongerThan(-1, "strong"))
                .hasMessage("characters must be >= 0, was -1");
    }
}
