package io.github.router4j.langchain4j.config;

import io.github.router4j.langchain4j.AcceptanceStep;

/**
 * Builds the post-call {@link AcceptanceStep} named by {@code strategy.acceptance.type}. Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.router4j.langchain4j.config.AcceptanceStepFactory}. Built in:
 * {@code accept-all}.
 *
 * <p>Called when the router is built ({@link RouterConfig#toChatModel(ModelRegistry)}), so the
 * context resolves model references (a judge: {@code context.chatModel(params.get("judge"))}).
 * {@code params} is the {@code strategy.acceptance} mapping (its {@code type} already read); read
 * every parameter through it, so that errors name the YAML path and unread fields are reported as
 * unknown. Implementations need a public no-argument constructor and must be stateless.
 */
public interface AcceptanceStepFactory {

    /** The {@code type:} value this factory serves, e.g. {@code accept-all}. */
    String type();

    AcceptanceStep create(ConfigNode params, ConfigContext context);
}
