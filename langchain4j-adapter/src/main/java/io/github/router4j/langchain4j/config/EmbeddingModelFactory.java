package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Builds the {@link EmbeddingModel} of the YAML's {@code embedding-model:} mapping (used by
 * routers that read {@code RoutingRequest.embedding()}), selected by {@code provider:}. Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.github.router4j.langchain4j.config.EmbeddingModelFactory}. The
 * model is built once per loaded configuration and shared by every router built from it.
 * Implementations need a public no-argument constructor and must be stateless.
 */
public interface EmbeddingModelFactory {

    /** The {@code provider:} value this factory serves. */
    String provider();

    EmbeddingModel create(ConfigNode model, ConfigContext context);
}
