package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** API keys and other secrets never appear in error messages or summaries. */
class SecretsTest {

    private static final String SECRET = "sk-proj-THIS-MUST-NOT-LEAK";

    private static String openAiTier(String extra) {
        return """
                tiers:
                  - name: a
                    model:
                      provider: openai
                      model-name: gpt-4o-mini
                      api-key: ${OPENAI_API_KEY}
                      custom-headers: {X-Api-Token: "%s"}
                """.formatted(SECRET) + extra;
    }

    @Test
    void anErrorNextToAnApiKeyDoesNotShowIt() {
        Throwable e = catchThrowable(() -> RouterConfig.loader().environment(Map.of("OPENAI_API_KEY", SECRET))
                .fromString(openAiTier("    price: {input: -1, output: 2}\n")));

        assertThat(e).isInstanceOf(RouterConfigException.class).hasMessageContaining("tiers[0].price.input");
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void anErrorAboutASecretValueHidesTheValue() {
        Throwable e = catchThrowable(() -> RouterConfig.loader().environment(Map.of())
                .routerFactory(new RouterFactory() {
                    @Override
                    public String type() {
                        return "needs-number-token";
                    }

                    @Override
                    public Router create(ConfigNode params, ConfigContext context) {
                        params.get("token").asDouble();
                        return (request, tiers) -> Route.to(0, "x");
                    }
                })
                .fromString("tiers:\n  - {name: a, model: {ref: a}, price: {input: 1, output: 2}}\n"
                        + "strategy: {router: {type: needs-number-token, token: \"" + SECRET + "\"}}\n"));

        assertThat(e).hasMessageStartingWith("strategy.router.token: expected a number, got a value (hidden: secret)");
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void theConfigSummaryAndNodesHideSecrets() {
        RouterConfig config = RouterConfig.loader().environment(Map.of("OPENAI_API_KEY", SECRET))
                .fromString(openAiTier("    price: {input: 1, output: 2}\n"));

        assertThat(config.toString()).doesNotContain(SECRET);
        YamlDocument document = YamlDocument.parse(openAiTier(""), "string", Map.of("OPENAI_API_KEY", SECRET)::get);
        assertThat(document.rootNode().toString())
                .contains("model-name: \"gpt-4o-mini\"", "api-key: a value (hidden: secret)")
                .doesNotContain(SECRET);
    }

    @Test
    void aMissingKeyIsNamedButNeverGuessed() {
        assertThatThrownBy(() -> RouterConfig.loader().environment(Map.of())
                .fromString(openAiTier("    price: {input: 1, output: 2}\n")))
                .hasMessageContaining("OPENAI_API_KEY is not set")
                .hasMessageNotContaining(SECRET);
    }
}
