package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Router;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentInterpolationTest {

    private static final String TIERS = """
            tiers:
              - {name: a, model: {ref: a}, price: {input: 1, output: 2}}
            """;

    /** Records the text a test router factory reads from {@code strategy.router.value}. */
    private static String valueOf(String yamlValue, Map<String, String> env) {
        AtomicReference<String> seen = new AtomicReference<>();
        RouterConfig.loader().environment(env).routerFactory(probe(seen))
                .fromString(TIERS + "strategy:\n  router: {type: probe, value: " + yamlValue + "}\n");
        return seen.get();
    }

    /** A router type that hands the text of its {@code value} parameter to {@code seen}. */
    private static RouterFactory probe(AtomicReference<String> seen) {
        return new RouterFactory() {
            @Override
            public String type() {
                return "probe";
            }

            @Override
            public Router create(ConfigNode params, ConfigContext context) {
                seen.set(params.get("value").asText());
                return (request, tiers) -> io.github.router4j.core.Route.to(0, "probe");
            }
        };
    }

    @Test
    void aSetVariableReplacesThePlaceholder() {
        assertThat(valueOf("\"${HOST}\"", Map.of("HOST", "example.org"))).isEqualTo("example.org");
    }

    @Test
    void theDefaultAppliesWhenTheVariableIsUnset() {
        assertThat(valueOf("\"${HOST:localhost}\"", Map.of())).isEqualTo("localhost");
        assertThat(valueOf("\"${URL:http://localhost:8080/v1}\"", Map.of())).isEqualTo("http://localhost:8080/v1");
        assertThat(valueOf("\"${EMPTY:}\"", Map.of())).isEmpty();
    }

    @Test
    void aSetVariableWinsOverTheDefault() {
        assertThat(valueOf("\"${HOST:localhost}\"", Map.of("HOST", "example.org"))).isEqualTo("example.org");
    }

    @Test
    void placeholdersMayBeEmbeddedAndRepeated() {
        assertThat(valueOf("\"http://${HOST}:${PORT:80}/v1\"", Map.of("HOST", "h"))).isEqualTo("http://h:80/v1");
    }

    @Test
    void aDoubledDollarKeepsThePlaceholderLiteral() {
        assertThat(valueOf("\"$${HOST}\"", Map.of("HOST", "h"))).isEqualTo("${HOST}");
    }

    @Test
    void numbersAndDurationsMayComeFromTheEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of("COOLDOWN", "45s", "PRICE", "0.25"));
        RouterConfig config = RouterConfig.loader().environment(env).fromString("""
                tiers:
                  - {name: a, model: {ref: a}, price: {input: "${PRICE}", output: "${OUT_PRICE:1.5}"}}
                fallback: {cooldown: "${COOLDOWN}"}
                """);

        assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.tiers().get(0).inputPricePerMillion()).isEqualTo(0.25);
        assertThat(config.tiers().get(0).outputPricePerMillion()).isEqualTo(1.5);
    }

    @Test
    void aMissingVariableWithoutDefaultFailsAtItsPath() {
        assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of()).fromString("""
                tiers:
                  - name: a
                    model:
                      provider: openai
                      model-name: gpt-4o-mini
                      api-key: ${OPENAI_API_KEY}
                    price: {input: 1, output: 2}
                """))
                .isInstanceOf(RouterConfigException.class)
                .hasMessage("tiers[0].model.api-key: environment variable OPENAI_API_KEY is not set and the"
                        + " placeholder has no default; set it, or write ${OPENAI_API_KEY:default} (string line 6,"
                        + " column 16)");
    }

    @Test
    void aMalformedPlaceholderIsAnError() {
        assertThatThrownBy(() -> valueOf("\"${BAD NAME}\"", Map.of()))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("strategy.router.value: bad placeholder '${BAD NAME}'");
        assertThatThrownBy(() -> valueOf("\"${UNCLOSED\"", Map.of()))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("strategy.router.value: unterminated placeholder");
    }

    @Test
    void anErrorAboutAnInterpolatedValueNamesThePlaceholderButNeverShowsTheEnvironmentValue() {
        assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of("COOLDOWN", "soon")).fromString(
                TIERS + "fallback: {cooldown: \"${COOLDOWN}\"}\n"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("fallback.cooldown: expected a duration such as 500ms, 30s, 2m, 1h or PT30S,"
                        + " got a value from ${COOLDOWN} (hidden: it came from the environment)")
                .hasMessageNotContaining("soon");
    }

    @Test
    void anErrorAboutADefaultValueShowsItSinceItWasWrittenInTheYaml() {
        assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of()).fromString(
                TIERS + "fallback: {cooldown: \"${COOLDOWN:soon}\"}\n"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessageStartingWith("fallback.cooldown: expected a duration such as 500ms, 30s, 2m, 1h or PT30S,"
                        + " got \"soon\" (from ${COOLDOWN:soon})");
    }

    @Test
    void theProcessEnvironmentIsTheDefaultSource() {
        String path = System.getenv("PATH");
        org.junit.jupiter.api.Assumptions.assumeTrue(path != null);
        AtomicReference<String> seen = new AtomicReference<>();
        RouterConfig.loader().routerFactory(probe(seen))
                .fromString(TIERS + "strategy:\n  router: {type: probe, value: \"${PATH}\"}\n");

        assertThat(seen.get()).isEqualTo(path);
    }
}
