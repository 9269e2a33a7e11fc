package io.github.router4j.langchain4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configuration tree built elsewhere (Spring properties) loads like YAML, with errors under its prefix. */
class RouterConfigTreeTest {

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void loadsATreeAndReportsErrorsUnderThePrefixWithoutALine() throws Exception {
        RouterConfig config = RouterConfig.loader().fromTree(tree("""
                {"tiers": [{"name": "cheap", "model": {"ref": "a"}, "price": {"input": "0.5", "output": 1}}],
                 "fallback": {"cooldown": "10s"}}"""), "spring", "router4j");
        assertThat(config.tiers().get(0).inputPricePerMillion()).isEqualTo(0.5);
        assertThat(config.cooldown()).hasSeconds(10);

        assertThatThrownBy(() -> RouterConfig.loader().fromTree(tree("""
                {"tiers": [{"name": "a", "model": {"ref": "a"}, "price": {"input": 1, "output": 1}},
                           {"name": "b", "model": {"ref": "b"}, "price": {"input": -1, "output": 1}}]}"""),
                "spring", "router4j"))
                .isInstanceOf(RouterConfigException.class)
                .hasMessage("router4j.tiers[1].price.input: expected a number >= 0, got -1")
                .extracting(e -> ((RouterConfigException) e).path()).isEqualTo("router4j.tiers[1].price.input");
    }

    @Test
    void filesNamedInTheConfigurationOpenThroughTheResourceOpener() {
        List<String> opened = new ArrayList<>();
        assertThatThrownBy(() -> RouterConfig.loader()
                .resourceOpener(location -> {
                    opened.add(location);
                    throw new FileNotFoundException("no such resource");
                })
                .fromTree(tree("""
                        {"tiers": [{"name": "a", "model": {"ref": "a"}, "price": {"input": 1, "output": 1}},
                                   {"name": "b", "model": {"ref": "b"}, "price": {"input": 2, "output": 2}}],
                         "strategy": {"router": {"type": "difficulty-spec", "spec": "file:/srv/difficulty.yaml"}}}"""),
                        "spring", "router4j"))
                .hasMessage("router4j.strategy.router.spec: cannot read 'file:/srv/difficulty.yaml':"
                        + " FileNotFoundException no such resource");
        assertThat(opened).containsExactly("file:/srv/difficulty.yaml");
    }
}
