package io.github.router4j.langchain4j.config;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every kind of bad configuration fails at load, naming the YAML path and what is expected. */
class RouterConfigValidationTest {

    private static final String TIER_A = "  - {name: a, model: {ref: a}, price: {input: 1, output: 2}}\n";
    private static final String TIER_B = "  - {name: b, model: {ref: b}, price: {input: 3, output: 4}}\n";
    private static final String TIERS = "tiers:\n" + TIER_A + TIER_B;

    private static AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
        return assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of()).fromString(yaml))
                .isInstanceOf(RouterConfigException.class);
    }

    private static RouterConfigException error(String yaml) {
        return catchThrowableOfType(RouterConfigException.class,
                () -> RouterConfig.loader().environment(Map.of()).fromString(yaml));
    }

    @Test
    void anEmptyDocumentSaysWhatIsExpected() {
        loading("").hasMessageContaining("the configuration is empty; expected a mapping with at least 'tiers:'");
    }

    @Test
    void missingTiers() {
        loading("strategy: {router: {type: cheapest-first}}\n")
                .hasMessageStartingWith("tiers: required field is missing; expected a list of tiers");
    }

    @Test
    void noTiers() {
        loading("tiers: []\n").hasMessageStartingWith("tiers: expected at least one tier, got an empty list");
    }

    @Test
    void tiersThatAreNotAList() {
        loading("tiers: {name: a}\n").hasMessageStartingWith("tiers: expected a list, got a mapping");
    }

    @Test
    void aTierWithoutName() {
        loading("tiers:\n  - {model: {ref: a}, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].name: required field is missing; expected a text value");
    }

    @Test
    void aTierWithoutModel() {
        loading("tiers:\n  - {name: a, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model: required field is missing; expected a mapping"
                        + " {provider: openai, ...} or {ref: nameInTheModelRegistry}");
    }

    @Test
    void aTierWithoutPrice() {
        loading("tiers:\n  - {name: a, model: {ref: a}}\n")
                .hasMessageStartingWith("tiers[0].price: required field is missing; expected a mapping {input:");
    }

    @Test
    void negativePrice() {
        RouterConfigException e = error("tiers:\n" + TIER_A + "  - {name: b, model: {ref: b}, price: {input: 3, output: -4}}\n");

        assertThat(e).hasMessage("tiers[1].price.output: expected a number >= 0, got -4 (string line 3, column 58)");
        assertThat(e.path()).isEqualTo("tiers[1].price.output");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(58);
    }

    @Test
    void aPriceThatIsNotANumber() {
        loading("tiers:\n  - name: a\n    model: {ref: a}\n    price:\n      input: cheap\n      output: 1\n")
                .hasMessage("tiers[0].price.input: expected a number >= 0, got \"cheap\" (string line 5, column 14)");
    }

    @Test
    void duplicateTierNames() {
        loading("tiers:\n" + TIER_A + TIER_A)
                .hasMessageStartingWith("tiers[1].name: duplicate tier name 'a'; tier names must be unique")
                .hasMessageContaining("line 3");
    }

    @Test
    void unknownTopLevelField() {
        loading(TIERS + "fallbak: {cooldown: 10s}\n")
                .hasMessageStartingWith("fallbak: unknown field 'fallbak'; expected one of: embedding-model, fallback,"
                        + " strategy, tiers (did you mean 'fallback'?)")
                .hasMessageContaining("line 4, column 1");
    }

    @Test
    void unknownFieldInATier() {
        loading("tiers:\n  - {name: a, model: {ref: a}, price: {input: 1, output: 2}, weight: 3}\n")
                .hasMessageStartingWith("tiers[0].weight: unknown field 'weight'; expected one of: capabilities,"
                        + " first-token-timeout, inter-token-timeout, model, name, price");
    }

    @Test
    void unknownFieldOfTheOpenAiProvider() {
        loading("""
                tiers:
                  - name: a
                    model:
                      provider: openai
                      model-name: gpt-4o-mini
                      bse-url: http://localhost:1/v1
                    price: {input: 1, output: 2}
                """)
                .hasMessageStartingWith("tiers[0].model.bse-url: unknown field 'bse-url'; expected one of:")
                .hasMessageContaining("base-url")
                .hasMessageContaining("(did you mean 'base-url'?)")
                .hasMessageContaining("line 6, column 7");
    }

    @Test
    void unknownFieldOfARouter() {
        loading(TIERS + "strategy:\n  router: {type: fixed, tier: b, threshold: 0.5}\n")
                .hasMessageStartingWith("strategy.router.threshold: unknown field 'threshold'; expected one of: tier, type");
    }

    @Test
    void unknownFieldOfTheRulesRouter() {
        loading(TIERS + "strategy:\n  router:\n    type: rules\n    rules:\n      - {contains: [x], tier: b}\n")
                .hasMessageStartingWith("strategy.router.rules[0].contains: unknown field 'contains'; expected one of:"
                        + " contains-any, longer-than, requires, tier (did you mean 'contains-any'?)");
    }

    @Test
    void aRuleNeedsExactlyOneCondition() {
        loading(TIERS + "strategy:\n  router:\n    type: rules\n    rules:\n      - {tier: b}\n")
                .hasMessageStartingWith("strategy.router.rules[0]: expected exactly one condition");
    }

    @Test
    void aRuleNamingAnUnknownTier() {
        loading(TIERS + "strategy:\n  router:\n    type: rules\n    rules:\n      - {longer-than: 10, tier: c}\n")
                .hasMessageStartingWith("strategy.router.rules[0].tier: expected a tier name (one of a, b), got \"c\"");
    }

    @Test
    void unknownRouterType() {
        loading(TIERS + "strategy:\n  router: {type: magic}\n")
                .hasMessageStartingWith("strategy.router.type: unknown router type 'magic'; known: ")
                .hasMessageContainingAll("cheapest-first", "fixed", "rules", "line 5, column 18");
    }

    @Test
    void aLearnedRouterWithoutItsModuleNamesTheArtifactToAdd() {
        loading(TIERS + "strategy:\n  router: {type: sw-bt, model: r.json}\n")
                .hasMessageStartingWith("strategy.router.type: router type 'sw-bt' needs the artifact"
                        + " io.github.router4j:router4j-learned on the classpath");
    }

    @Test
    void theInProcessEmbeddingModelWithoutItsModuleNamesTheArtifactToAdd() {
        loading(TIERS + "embedding-model: {provider: all-minilm-l6-v2-q}\n")
                .hasMessageStartingWith("embedding-model.provider: embedding provider 'all-minilm-l6-v2-q' needs the"
                        + " artifact io.github.router4j:router4j-embeddings-minilm");
    }

    @Test
    void routerWithoutType() {
        loading(TIERS + "strategy:\n  router: {tier: a}\n")
                .hasMessageStartingWith("strategy.router.type: required field is missing; expected a text value");
    }

    @Test
    void unknownAcceptanceType() {
        loading(TIERS + "strategy:\n  acceptance: {type: vibes}\n")
                .hasMessageStartingWith("strategy.acceptance.type: unknown acceptance type 'vibes'; known: ")
                .hasMessageContaining("accept-all");
    }

    @Test
    void unknownStrategyField() {
        loading(TIERS + "strategy:\n  routr: {type: fixed}\n")
                .hasMessageStartingWith("strategy.routr: unknown field 'routr'; expected one of: acceptance, context-messages, router, routing-text"
                        + " (did you mean 'router'?)");
    }

    @Test
    void unknownProvider() {
        loading("tiers:\n  - {name: a, model: {provider: acme, model-name: x}, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.provider: unknown model provider 'acme'; known: anthropic, gemini, openai");
    }

    @Test
    void providerAndRefTogether() {
        loading("tiers:\n  - {name: a, model: {provider: openai, ref: x}, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.provider: 'provider' and 'ref' exclude each other; keep one");
    }

    @Test
    void aModelWithNeitherProviderNorRef() {
        loading("tiers:\n  - {name: a, model: {model-name: x}, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model: expected 'provider' (a model built from this mapping) or 'ref'");
    }

    @Test
    void openAiWithoutModelName() {
        loading("tiers:\n  - {name: a, model: {provider: openai}, price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.model-name: required field is missing; expected a text value");
    }

    @Test
    void openAiTemperatureOutOfRange() {
        loading("tiers:\n  - {name: a, model: {provider: openai, model-name: x, temperature: high},"
                + " price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.temperature: expected a number in [0, 2], got \"high\"");
    }

    @Test
    void badBaseUrl() {
        loading("tiers:\n  - {name: a, model: {provider: openai, model-name: x, base-url: localhost:8080},"
                + " price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.base-url: expected an http:// or https:// URL, got \"localhost:8080\"");
    }

    @Test
    void badDurations() {
        loading(TIERS + "fallback: {cooldown: soon}\n")
                .hasMessageStartingWith("fallback.cooldown: expected a duration such as 500ms, 30s, 2m, 1h or PT30S,"
                        + " got \"soon\"");
        loading(TIERS + "fallback: {cooldown: -5s}\n")
                .hasMessageStartingWith("fallback.cooldown: expected a duration");
        loading("tiers:\n  - {name: a, model: {provider: openai, model-name: x, timeout: 10 parsecs},"
                + " price: {input: 1, output: 2}}\n")
                .hasMessageStartingWith("tiers[0].model.timeout: expected a duration");
    }

    @Test
    void goodDurations() {
        assertThat(RouterConfig.fromString(TIERS + "fallback: {cooldown: 500ms}\n").cooldown()).hasMillis(500);
        assertThat(RouterConfig.fromString(TIERS + "fallback: {cooldown: 1.5m}\n").cooldown()).hasSeconds(90);
        assertThat(RouterConfig.fromString(TIERS + "fallback: {cooldown: PT1H}\n").cooldown()).hasHours(1);
        assertThat(RouterConfig.fromString(TIERS + "fallback: {cooldown: 12}\n").cooldown()).hasSeconds(12);
    }

    @Test
    void unknownFallbackOrder() {
        loading(TIERS + "fallback: {order: random}\n")
                .hasMessageStartingWith("fallback.order: expected one of stronger-then-weaker, stronger-only,"
                        + " got \"random\"");
    }

    @Test
    void unknownCapability() {
        loading("tiers:\n  - {name: a, model: {ref: a}, price: {input: 1, output: 2}, capabilities: [telepathy]}\n")
                .hasMessageStartingWith("tiers[0].capabilities[0]: expected one of tools, response-format-json,"
                        + " response-format-json-schema, images, got \"telepathy\"");
    }

    @Test
    void duplicateYamlKeys() {
        loading("tiers:\n" + TIER_A + "tiers: []\n")
                .hasMessageStartingWith("tiers: duplicate field 'tiers'")
                .hasMessageContaining("line 3, column 1");
    }

    @Test
    void yamlSyntaxErrorsCarryLineAndColumn() {
        RouterConfigException e = error("tiers:\n  - name: a\n   model: [unclosed\n");

        assertThat(e.getMessage()).startsWith("not valid YAML: ");
        assertThat(e.line()).isPositive();
        assertThat(e.path()).isEmpty();
    }

    @Test
    void aYamlSyntaxErrorKeepsTheParsersExplanationAndPositionButNotItsExcerptOfTheSource() {
        RouterConfigException e = error("tiers:\n  - {name: a, model: {ref: a} price: {input: 1, output: 2}}\n");

        assertThat(e).hasMessage("not valid YAML: expected ',' or '}', but got <scalar> (while parsing a flow mapping that"
                + " started at line 2, column 5) (string line 2, column 31)");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(31);
        assertThat(e.getMessage()).doesNotContain("name: a").doesNotContain("^");
    }

    @Test
    void aTabUsedForIndentationIsNamedAtItsLine() {
        RouterConfigException e = error("tiers:\n  - name: a\n\tmodel: {ref: a}\n");

        assertThat(e.getMessage()).startsWith("not valid YAML: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation)");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(1);
    }

    @Test
    void aDocumentThatIsNotAMapping() {
        loading("- a\n- b\n").hasMessageStartingWith("expected a mapping with at least 'tiers:', got a list");
    }

    @Test
    void aRefMissingFromTheRegistryFailsWhenBuilding() {
        RouterConfig config = RouterConfig.fromString(TIERS);

        assertThatThrownBy(config::toChatModel)
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("tiers[0].model.ref: no ChatModel named 'a' in the ModelRegistry; it has none");
    }
}
