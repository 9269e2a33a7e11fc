package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A configuration is checked entirely before any tier's model (an HTTP client with its threads) is
 * built: a mistake in the last of 5,000 tiers, in the router or in the fallback builds nothing.
 */
class CheckBeforeBuildTest {

    private static final int TIERS = 5_000;

    /** The built-in openai provider, counting the models it builds. */
    private static final class CountingOpenAi implements ChatModelFactory {
        final OpenAiChatModelFactory openAi = new OpenAiChatModelFactory();
        final AtomicInteger built = new AtomicInteger();

        @Override
        public String provider() {
            return "openai";
        }

        @Override
        public void validate(ConfigNode model, ConfigContext context) {
            openAi.validate(model, context);
        }

        @Override
        public ChatModel createChatModel(ConfigNode model, ConfigContext context) {
            built.incrementAndGet();
            return openAi.createChatModel(model, context);
        }
    }

    private final CountingOpenAi factory = new CountingOpenAi();

    private static String tiers(int count, String lastModelExtra, String lastPrice) {
        StringBuilder yaml = new StringBuilder("tiers:\n");
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            yaml.append("  - {name: t").append(i).append(", model: {provider: openai, base-url: \"http://127.0.0.1:9/v1\",")
                    .append(" api-key: k, model-name: m").append(i).append(last ? lastModelExtra : "").append("}, price: ")
                    .append(last ? lastPrice : "{input: 1, output: 2}").append("}\n");
        }
        return yaml.toString();
    }

    private RouterConfigException failure(String yaml) {
        return catchThrowableOfType(RouterConfigException.class,
                () -> RouterConfig.loader().environment(Map.of()).chatModelFactory(factory).fromString(yaml));
    }

    @Test
    void aBadPriceOnTheLastOf5000TiersBuildsNoModel() {
        RouterConfigException e = failure(tiers(TIERS, "", "{input: -1, output: 2}"));

        assertThat(e.path()).isEqualTo("tiers[4999].price.input");
        assertThat(factory.built).hasValue(0);
    }

    @Test
    void aBadModelFieldOnTheLastOf5000TiersBuildsNoModel() {
        RouterConfigException e = failure(tiers(TIERS, ", temperature: 7", "{input: 1, output: 2}"));

        assertThat(e.path()).isEqualTo("tiers[4999].model.temperature");
        assertThat(factory.built).hasValue(0);
    }

    @Test
    void anUnknownModelFieldOnTheLastOf5000TiersBuildsNoModel() {
        RouterConfigException e = failure(tiers(TIERS, ", temprature: 0.5", "{input: 1, output: 2}"));

        assertThat(e.path()).isEqualTo("tiers[4999].model.temprature");
        assertThat(e).hasMessageContaining("did you mean 'temperature'?");
        assertThat(factory.built).hasValue(0);
    }

    @Test
    void aBadRouterOrFallbackAfter5000TiersBuildsNoModel() {
        String ok = tiers(TIERS, "", "{input: 1, output: 2}");

        assertThat(failure(ok + "strategy: {router: {type: fixed, tier: nope}}\n").path()).isEqualTo("strategy.router.tier");
        assertThat(failure(ok + "fallback: {cooldown: soon}\n").path()).isEqualTo("fallback.cooldown");
        assertThat(failure(ok + "strategy: {acceptance: {type: magic}}\n").path()).isEqualTo("strategy.acceptance.type");
        assertThat(factory.built).hasValue(0);
    }

    @Test
    void aValidConfigurationBuildsEachProviderModelOnce() {
        RouterConfig config = RouterConfig.loader().environment(Map.of()).chatModelFactory(factory)
                .fromString(tiers(3, "", "{input: 1, output: 2}"));

        config.toChatModel();
        config.toChatModel();

        assertThat(factory.built).hasValue(3);
        assertThat(config.tiers()).hasSize(3);
    }
}
