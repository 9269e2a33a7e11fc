package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import io.github.router4j.langchain4j.FallbackOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterConfigTest {

    static final String TWO_TIERS = """
            tiers:
              - name: cheap
                model:
                  provider: openai
                  base-url: http://127.0.0.1:1/v1
                  model-name: small
                  api-key: sk-test
                  timeout: 5s
                  temperature: 0.2
                price: {input: 0.15, output: 0.6}
                capabilities: [tools, response-format-json]
              - name: strong
                model: {ref: strongModel}
                price: {input: 2.5, output: 10}
            strategy:
              router:
                type: rules
                rules:
                  - contains-any: [prove, "step by step"]
                    tier: strong
                  - longer-than: 200
                    tier: strong
                  - requires: images
                    tier: strong
                otherwise: cheap
              acceptance:
                type: accept-all
            fallback:
              order: stronger-only
              cooldown: 2m
            """;

    @Test
    void readsTiersPricesCapabilitiesStrategyAndFallback() {
        RouterConfig config = RouterConfig.fromString(TWO_TIERS);

        assertThat(config.tiers()).extracting(TierInfo::name).containsExactly("cheap", "strong");
        TierInfo cheap = config.tiers().get(0);
        assertThat(cheap.index()).isZero();
        assertThat(cheap.inputPricePerMillion()).isEqualTo(0.15);
        assertThat(cheap.outputPricePerMillion()).isEqualTo(0.6);
        assertThat(cheap.capabilities()).containsExactlyInAnyOrder(TierCapability.TOOLS,
                TierCapability.RESPONSE_FORMAT_JSON);
        assertThat(config.tiers().get(1).index()).isEqualTo(1);
        assertThat(config.routerType()).contains("rules");
        assertThat(config.acceptanceType()).contains("accept-all");
        assertThat(config.fallbackOrder()).isEqualTo(FallbackOrder.STRONGER_ONLY);
        assertThat(config.cooldown()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.source()).isEqualTo("string");
    }

    @Test
    void theRulesRouterRoutesAsConfigured() {
        RouterConfig config = RouterConfig.fromString(TWO_TIERS);
        List<TierInfo> tiers = config.tiers();
        Router router = config.router().orElseThrow();

        Route hard = router.route(RoutingRequest.of("Prove it STEP BY STEP"), tiers);
        Route easy = router.route(RoutingRequest.of("What is 2 + 2?"), tiers);
        Route image = router.route(RoutingRequest.builder().text("look")
                .requiredCapabilities(Set.of(TierCapability.IMAGES)).build(), tiers);
        Route longText = router.route(RoutingRequest.of("x".repeat(201)), tiers);

        assertThat(hard.tier()).isEqualTo(1);
        assertThat(easy.tier()).isZero();
        assertThat(easy.reason()).contains("no rule matched");
        assertThat(image.tier()).isEqualTo(1);
        assertThat(longText.tier()).isEqualTo(1);
    }

    @Test
    void withoutStrategyOrFallbackTheDefaultsApply() {
        RouterConfig config = RouterConfig.fromString("""
                tiers:
                  - name: only
                    model: {ref: m}
                    price: {input: 0, output: 0}
                """);

        assertThat(config.routerType()).isEmpty();
        assertThat(config.router()).isEmpty();
        assertThat(config.acceptanceType()).isEmpty();
        assertThat(config.fallbackOrder()).isEqualTo(FallbackOrder.STRONGER_THEN_WEAKER);
        assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tiers().get(0).capabilities()).containsExactlyInAnyOrder(TierCapability.TOOLS,
                TierCapability.RESPONSE_FORMAT_JSON, TierCapability.IMAGES);
    }

    @Test
    void routingTextRemovesTheConfiguredContentInjectorTemplates() {
        String tiers = """
                tiers:
                  - {name: a, model: {ref: a}, price: {input: 1, output: 1}}
                """;
        RouterConfig custom = RouterConfig.fromString(tiers + """
                strategy:
                  routing-text:
                    content-injector-templates: ["Docs: {{contents}}\\nQ: {{userMessage}}"]
                """);
        RouterConfig none = RouterConfig.fromString(tiers + "strategy: {routing-text: {content-injector-templates: []}}");
        String langchain4jDefault = "Open?\n\nAnswer using the following information:\nHours 9-17";

        assertThat(custom.routingText().extract("Docs: Hours 9-17\nQ: Open?")).isEqualTo("Open?");
        assertThat(RouterConfig.fromString(tiers).routingText().extract(langchain4jDefault)).isEqualTo("Open?");
        assertThat(none.routingText().extract(langchain4jDefault)).isEqualTo(langchain4jDefault);
        assertThatThrownBy(() -> RouterConfig.fromString(tiers
                + "strategy: {routing-text: {content-injector-templates: [\"{{contents}}\"]}}"))
                .hasMessageStartingWith("strategy.routing-text.content-injector-templates[0]: ")
                .hasMessageContaining("containing {{userMessage}}");
    }

    @Test
    void contextMessagesAreCheckedAtTheirPath() {
        String tiers = """
                tiers:
                  - {name: a, model: {ref: a}, price: {input: 1, output: 1}}
                """;
        RouterConfig.fromString(tiers + "strategy: {context-messages: 2}");
        assertThatThrownBy(() -> RouterConfig.fromString(tiers + "strategy: {context-messages: -1}"))
                .hasMessageContaining("strategy.context-messages");
    }

    @Test
    void fixedAndCheapestFirstRoutersAreBuiltIn() {
        String tiers = """
                tiers:
                  - {name: a, model: {ref: a}, price: {input: 1, output: 1}, capabilities: []}
                  - {name: b, model: {ref: b}, price: {input: 2, output: 2}, capabilities: [images]}
                """;
        RouterConfig fixed = RouterConfig.fromString(tiers + "strategy: {router: {type: fixed, tier: b}}");
        RouterConfig cheapest = RouterConfig.fromString(tiers + "strategy: {router: {type: cheapest-first}}");

        RoutingRequest image = RoutingRequest.builder().text("a picture")
                .requiredCapabilities(Set.of(TierCapability.IMAGES)).build();
        assertThat(fixed.router().orElseThrow().route(RoutingRequest.of("hi"), fixed.tiers()).tier()).isEqualTo(1);
        assertThat(cheapest.router().orElseThrow().route(RoutingRequest.of("hi"), cheapest.tiers()).tier()).isZero();
        assertThat(cheapest.router().orElseThrow().route(image, cheapest.tiers()).tier()).isEqualTo(1);
    }

    @Test
    void loadsFromAFileAndResolvesFilesNextToIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keywords.txt"), "prove\n");
        Path yaml = dir.resolve("router.yaml");
        Files.writeString(yaml, """
                tiers:
                  - {name: a, model: {ref: a}, price: {input: 1, output: 1}}
                  - {name: b, model: {ref: b}, price: {input: 2, output: 2}}
                strategy:
                  router: {type: keywords-file, file: keywords.txt}
                """);

        RouterConfig config = RouterConfig.loader().routerFactory(new KeywordsFileRouterFactory()).load(yaml);

        assertThat(config.source()).isEqualTo(yaml.toString());
        assertThat(config.router().orElseThrow().route(RoutingRequest.of("please prove"), config.tiers()).tier())
                .isEqualTo(1);
    }

    @Test
    void loadsFromTheClasspathAndResolvesResourcesNextToIt() {
        RouterConfig config = RouterConfig.loader().routerFactory(new KeywordsFileRouterFactory())
                .fromClasspath("config/router.yaml");

        assertThat(config.source()).isEqualTo("classpath:config/router.yaml");
        assertThat(config.router().orElseThrow().route(RoutingRequest.of("a proof"), config.tiers()).tier())
                .isEqualTo(1);
        assertThat(config.router().orElseThrow().route(RoutingRequest.of("hello"), config.tiers()).tier())
                .isZero();
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        assertThatThrownBy(() -> RouterConfig.load(dir.resolve("nope.yaml")))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageContaining("router configuration file not found")
                .hasMessageContaining("nope.yaml");
        assertThatThrownBy(() -> RouterConfig.fromClasspath("nope.yaml"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessage("no classpath resource 'nope.yaml'");
    }

    @Test
    void aFileAFactoryCannotFindIsReportedAtItsPath(@TempDir Path dir) {
        assertThatThrownBy(() -> RouterConfig.loader().routerFactory(new KeywordsFileRouterFactory())
                .baseDirectory(dir).fromString("""
                        tiers:
                          - {name: a, model: {ref: a}, price: {input: 1, output: 1}}
                        strategy:
                          router: {type: keywords-file, file: missing.txt}
                        """))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("strategy.router.file: cannot read file " + dir.resolve("missing.txt"))
                .hasMessageContaining("line 4");
    }

    @Test
    void theSummaryNamesTiersAndStrategyButNoSecret() {
        RouterConfig config = RouterConfig.loader().environment(Map.of("KEY", "sk-very-secret"))
                .fromString(TWO_TIERS.replace("api-key: sk-test", "api-key: ${KEY}"));

        assertThat(config.toString())
                .contains("cheap (provider openai, $0.15/$0.6 per M)", "strong (ref strongModel", "router=rules",
                        "fallback=stronger-only")
                .doesNotContain("sk-very-secret");
    }

    /** A test router reading its keyword list from a file named relative to the YAML. */
    static final class KeywordsFileRouterFactory implements RouterFactory {
        @Override
        public String type() {
            return "keywords-file";
        }

        @Override
        public Router create(ConfigNode params, ConfigContext context) {
            List<String> keywords = context.readString(params.get("file")).lines().filter(l -> !l.isBlank()).toList();
            return (request, tiers) -> keywords.stream().anyMatch(request.text()::contains)
                    ? Route.to(tiers.size() - 1, "keyword") : Route.to(0, "no keyword");
        }
    }
}
