package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Router;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.routing.RuleBasedRouter;

/**
 * {@code type: rules}: rules checked in order, the first match picks the tier, else {@code otherwise}
 * (default: the cheapest tier). Each rule has one condition and a {@code tier}:
 *
 * <pre>{@code
 * router:
 *   type: rules
 *   rules:
 *     - requires: images                 # a capability the request needs
 *       tier: strong
 *     - contains-any: [prove, "step by step"]   # case-insensitive keywords in the user's request
 *       tier: strong
 *     - longer-than: 2000                # characters of the user's request
 *       tier: strong
 *   otherwise: cheap
 * }</pre>
 */
public final class RulesRouterFactory implements RouterFactory {

    private static final String[] CONDITIONS = {"requires", "contains-any", "longer-than"};

    @Override
    public String type() {
        return "rules";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "rules", "otherwise");
        RuleBasedRouter.Builder builder = RuleBasedRouter.builder();
        for (ConfigNode rule : params.get("rules").elements()) {
            rule.expectFields("tier", CONDITIONS[0], CONDITIONS[1], CONDITIONS[2]);
            int tier = context.tierIndex(rule.get("tier"));
            long conditions = java.util.Arrays.stream(CONDITIONS).filter(rule::has).count();
            if (conditions != 1) {
                throw rule.error("expected exactly one condition (requires, contains-any or longer-than) and a tier,"
                        + " got " + conditions + " conditions");
            }
            if (rule.has("requires")) {
                builder.whenRequires(rule.get("requires").asEnum(TierCapability.class), tier);
            } else if (rule.has("contains-any")) {
                ConfigNode keywords = rule.get("contains-any");
                var words = keywords.asTextList();
                if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
                    throw keywords.expected("a non-empty list of non-blank keywords");
                }
                builder.whenContainsAny(words, tier);
            } else {
                builder.whenLongerThan(rule.get("longer-than").asIntIn(0, Integer.MAX_VALUE), tier);
            }
        }
        if (params.has("otherwise")) {
            builder.otherwise(context.tierIndex(params.get("otherwise")));
        }
        return builder.build();
    }
}
