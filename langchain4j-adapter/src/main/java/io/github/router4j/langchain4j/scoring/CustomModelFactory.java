package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.scoring.CustomModel;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;

/**
 * Builds the {@link CustomModel}s of a scoring strategy's {@code custom-models:} mapping. Found with
 * {@link java.util.ServiceLoader}: {@code router4j-learned} serves trained routers this way; list another
 * implementation in {@code META-INF/services/io.github.router4j.langchain4j.scoring.CustomModelFactory}.
 * Implementations need a public no-argument constructor and must be stateless.
 */
public interface CustomModelFactory {

    /**
     * The custom model registered as {@code id}; {@code entry} is its YAML value (a file name, or a mapping).
     * A bad entry fails with {@link ConfigNode#error(String)} so that the message names its YAML path.
     */
    CustomModel create(String id, ConfigNode entry, ConfigContext context);
}
