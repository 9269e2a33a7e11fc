package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Router;

/**
 * Builds the pre-call {@link Router} named by {@code strategy.router.type}. Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.router4j.langchain4j.config.RouterFactory}. Built in:
 * {@code fixed}, {@code rules}, {@code cheapest-first}.
 *
 * <p>{@code params} is the {@code strategy.router} mapping (its {@code type} already read); read
 * every parameter through it, so that errors name the YAML path and unread fields are reported as
 * unknown. Use the context for tier names and for files next to the YAML (trained artefacts).
 * Implementations need a public no-argument constructor and must be stateless.
 */
public interface RouterFactory {

    /** The {@code type:} value this factory serves, e.g. {@code rules}. */
    String type();

    Router create(ConfigNode params, ConfigContext context);
}
