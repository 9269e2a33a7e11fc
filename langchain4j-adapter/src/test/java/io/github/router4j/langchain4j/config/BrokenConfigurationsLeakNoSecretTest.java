package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import io.github.router4j.core.Router;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fifty broken configurations, each carrying a sentinel secret through an environment variable, a
 * secret-named field, a list, a {@code .env} file or a factory's own exception: every one fails with
 * a one-line {@link RouterConfigException}, and neither its message, its {@code toString()}, its
 * causes nor its printed stack trace contains the sentinel.
 */
class BrokenConfigurationsLeakNoSecretTest {

    static final String SENTINEL = "sk-proj-SENTINEL-9f27c4e1";
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", SENTINEL, "BASE_URL", "http://127.0.0.1:9");

    @TempDir
    static Path dir;

    private static final String OK_TIER = "  - {name: ok, model: {ref: ok}, price: {input: 1, output: 2}}\n";

    /** One openai tier whose model mapping gets {@code field}; the key is always in the environment. */
    private static String openAi(String field) {
        return """
                tiers:
                  - name: a
                    model:
                      provider: openai
                      base-url: ${BASE_URL}
                      model-name: gpt-4o-mini
                      api-key: ${OPENAI_API_KEY}
                      %s
                    price: {input: 1, output: 2}
                """.formatted(field);
    }

    private static String withRouter(String router) {
        return "tiers:\n" + OK_TIER + "strategy:\n  router: " + router + "\n";
    }

    static Stream<Named<Load>> brokenConfigurations() {
        List<Named<Load>> cases = new ArrayList<>();
        // the environment value in fields that are not secret-named
        for (String field : List.of("timeout", "temperature", "top-p", "max-tokens", "max-retries", "seed",
                "log-requests", "response-format", "presence-penalty")) {
            cases.add(yaml(field + ": ${OPENAI_API_KEY}", openAi(field + ": \"${OPENAI_API_KEY}\"")));
        }
        cases.add(yaml("base-url: ${OPENAI_API_KEY}", openAi("").replace("${BASE_URL}", "${OPENAI_API_KEY}")));
        cases.add(yaml("base-url: ftp://${OPENAI_API_KEY}", openAi("").replace("${BASE_URL}", "\"ftp://${OPENAI_API_KEY}\"")));
        cases.add(yaml("supported-capabilities: [${OPENAI_API_KEY}]", openAi("supported-capabilities: [\"${OPENAI_API_KEY}\"]")));
        cases.add(yaml("custom-headers as a list of the key", openAi("custom-headers: [\"${OPENAI_API_KEY}\"]")));
        cases.add(yaml("Authorization header literal and a bad temperature",
                openAi("custom-headers: {Authorization: \"Bearer " + SENTINEL + "\"}\n      temperature: 9")));
        cases.add(yaml("header from the environment and an unknown field",
                openAi("custom-headers: {X-Custom: \"${OPENAI_API_KEY}\"}\n      temprature: 1")));
        cases.add(yaml("literal api-key and a negative price",
                openAi("").replace("${OPENAI_API_KEY}", SENTINEL).replace("input: 1", "input: -1")));
        // the environment value in lists and structure
        cases.add(yaml("tiers: [${OPENAI_API_KEY}]", "tiers: [\"${OPENAI_API_KEY}\"]\n"));
        cases.add(yaml("second tier is ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "  - \"${OPENAI_API_KEY}\"\n"));
        cases.add(yaml("model: ${OPENAI_API_KEY}", "tiers:\n  - {name: a, model: \"${OPENAI_API_KEY}\", price: {input: 1, output: 2}}\n"));
        cases.add(yaml("price: ${OPENAI_API_KEY}", "tiers:\n  - {name: a, model: {ref: a}, price: \"${OPENAI_API_KEY}\"}\n"));
        cases.add(yaml("price.input: ${OPENAI_API_KEY}", "tiers:\n  - {name: a, model: {ref: a}, price: {input: \"${OPENAI_API_KEY}\", output: 1}}\n"));
        cases.add(yaml("capabilities: [${OPENAI_API_KEY}]", "tiers:\n  - {name: a, model: {ref: a}, price: {input: 1, output: 1}, capabilities: [\"${OPENAI_API_KEY}\"]}\n"));
        cases.add(yaml("duplicate tier name from the environment", "tiers:\n"
                + "  - {name: \"${OPENAI_API_KEY}\", model: {ref: a}, price: {input: 1, output: 1}}\n"
                + "  - {name: \"${OPENAI_API_KEY}\", model: {ref: b}, price: {input: 1, output: 1}}\n"));
        cases.add(yaml("provider: ${OPENAI_API_KEY}", "tiers:\n  - {name: a, model: {provider: \"${OPENAI_API_KEY}\"}, price: {input: 1, output: 1}}\n"));
        cases.add(yaml("document: ${OPENAI_API_KEY}", "\"${OPENAI_API_KEY}\"\n"));
        cases.add(yaml("router type: ${OPENAI_API_KEY}", withRouter("{type: \"${OPENAI_API_KEY}\"}")));
        cases.add(yaml("fixed router tier: ${OPENAI_API_KEY}", withRouter("{type: fixed, tier: \"${OPENAI_API_KEY}\"}")));
        cases.add(yaml("rules router otherwise: ${OPENAI_API_KEY}",
                withRouter("{type: rules, rules: [{contains-any: [\"${OPENAI_API_KEY}\"], tier: ok}], otherwise: \"${OPENAI_API_KEY}\"}")));
        cases.add(yaml("difficulty-spec file: ${OPENAI_API_KEY}", withRouter("{type: difficulty-spec, spec: \"${OPENAI_API_KEY}\", thresholds: [0.5]}")));
        cases.add(yaml("context-messages: ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "strategy: {context-messages: \"${OPENAI_API_KEY}\"}\n"));
        cases.add(yaml("acceptance type: ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "strategy: {acceptance: {type: \"${OPENAI_API_KEY}\"}}\n"));
        cases.add(yaml("fallback order: ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "fallback: {order: \"${OPENAI_API_KEY}\"}\n"));
        cases.add(yaml("fallback cooldown: ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "fallback: {cooldown: \"${OPENAI_API_KEY}\"}\n"));
        cases.add(yaml("embedding provider: ${OPENAI_API_KEY}", "tiers:\n" + OK_TIER + "embedding-model: {provider: \"${OPENAI_API_KEY}\"}\n"));
        // YAML syntax errors next to a key written in the file
        cases.add(yaml("missing comma in a flow mapping",
                "tiers:\n  - {name: a, model: {provider: openai, api-key: " + SENTINEL + " model-name: x}}\n"));
        cases.add(yaml("unclosed quote", "tiers:\n  - name: a\n    model: {api-key: \"" + SENTINEL + "}\n"));
        cases.add(yaml("mapping value where none is allowed", "tiers:\n  - name: a\n    api-key: " + SENTINEL + ": x\n"));
        cases.add(yaml("tab used for indentation", "tiers:\n  - name: a\n\tapi-key: " + SENTINEL + "\n"));
        cases.add(yaml("unclosed flow sequence", "tiers: [" + SENTINEL + "\n"));
        cases.add(yaml("two documents", "api-key: " + SENTINEL + "\n---\ntiers: []\n"));
        // .env files loaded as the configuration
        cases.add(file(".env file", "OPENAI_API_KEY=" + SENTINEL + "\nOTHER=1\n"));
        cases.add(file(".env file with export", "export OPENAI_API_KEY=" + SENTINEL + "\n"));
        cases.add(file(".env file with a secret of another name", "# local settings\nDB_URL=postgres://u:" + SENTINEL + "@h/db\n"));
        // factories that put the value into their own messages
        cases.add(Named.of("a router factory whose exception quotes the token", () -> loader()
                .routerFactory(routerFactory(params -> {
                    throw new IllegalStateException("bad token " + params.get("token").asText());
                }))
                .fromString(withRouter("{type: custom, token: " + SENTINEL + "}"))));
        cases.add(Named.of("a router factory whose exception's cause quotes an environment value", () -> loader()
                .routerFactory(routerFactory(params -> {
                    throw new IllegalStateException("cannot build",
                            new IllegalArgumentException("value " + params.get("value").asText()));
                }))
                .fromString(withRouter("{type: custom, value: \"${OPENAI_API_KEY}\"}"))));
        cases.add(Named.of("a router factory's own RouterConfigException quoting the value", () -> loader()
                .routerFactory(routerFactory(params -> {
                    throw RouterConfigException.at(params.path(), "unusable " + params.get("value").asText());
                }))
                .fromString(withRouter("{type: custom, value: \"${OPENAI_API_KEY}\"}"))));
        cases.add(Named.of("a router factory reading a password as a number", () -> loader()
                .routerFactory(routerFactory(params -> {
                    params.get("password").asDouble();
                    return null;
                }))
                .fromString(withRouter("{type: custom, password: " + SENTINEL + "}"))));
        cases.add(Named.of("a model factory whose exception quotes its api key", () -> loader()
                .chatModelFactory(new ChatModelFactory() {
                    @Override
                    public String provider() {
                        return "throwing";
                    }

                    @Override
                    public ChatModel createChatModel(ConfigNode model, ConfigContext context) {
                        throw new IllegalArgumentException("rejected key " + model.get("api-key").asText());
                    }
                })
                .fromString("tiers:\n  - {name: a, model: {provider: throwing, api-key: \"${OPENAI_API_KEY}\"},"
                        + " price: {input: 1, output: 1}}\n")));
        // build time
        cases.add(Named.of("ref: ${OPENAI_API_KEY} missing from the registry", () -> loader()
                .fromString("tiers:\n  - {name: a, model: {ref: \"${OPENAI_API_KEY}\"}, price: {input: 1, output: 1}}\n")
                .toChatModel(ModelRegistry.empty())));
        cases.add(Named.of("ref: ${OPENAI_API_KEY} without a streaming model", () -> loader()
                .fromString("tiers:\n  - {name: a, model: {ref: \"${OPENAI_API_KEY}\"}, price: {input: 1, output: 1}}\n")
                .toStreamingChatModel(ModelRegistry.empty())));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigurations")
    void failsWithAOneLineErrorThatNeverShowsTheSecret(Load load) {
        Throwable e = catchThrowable(load::run);

        assertThat(e).isInstanceOf(RouterConfigException.class);
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(everythingPrinted(e)).doesNotContain(SENTINEL);
    }

    @Test
    void thereAreFiftyOfThem() {
        assertThat(brokenConfigurations()).hasSize(50);
    }

    @Test
    void aConfigurationThatLoadsShowsNoSecretInItsSummaryOrNodes() {
        String yaml = "tiers:\n  - {name: \"${OPENAI_API_KEY}\", model: {ref: \"${OPENAI_API_KEY}\"}, price: {input: 1, output: 1}}\n";
        RouterConfig config = loader().fromString(yaml);

        assertThat(config.toString()).doesNotContain(SENTINEL).contains("***");
        assertThat(YamlDocument.parse(yaml, "string", ENV::get).rootNode().toString()).doesNotContain(SENTINEL);
    }

    static String everythingPrinted(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        StringBuilder all = new StringBuilder(out.toString());
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append('\n').append(t).append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage());
            for (Throwable s : t.getSuppressed()) {
                all.append('\n').append(s);
            }
        }
        return all.toString();
    }

    /** Loading (and building) one configuration. */
    @FunctionalInterface
    interface Load {
        Object run() throws Exception;
    }

    private static RouterConfig.Loader loader() {
        return RouterConfig.loader().environment(ENV).baseDirectory(dir);
    }

    private static Named<Load> yaml(String name, String yaml) {
        return Named.of(name, () -> loader().fromString(yaml).toChatModel(
                ModelRegistry.of(Map.of("ok", new dev.langchain4j.model.chat.ChatModel() { }))));
    }

    private static Named<Load> file(String name, String content) {
        return Named.of(name, () -> {
            Path file = Files.writeString(Files.createTempFile(dir, "config", ".env"), content);
            return loader().load(file);
        });
    }

    private interface RouterBody {
        Router create(ConfigNode params);
    }

    private static RouterFactory routerFactory(RouterBody body) {
        return new RouterFactory() {
            @Override
            public String type() {
                return "custom";
            }

            @Override
            public Router create(ConfigNode params, ConfigContext context) {
                return body.create(params);
            }
        };
    }
}
