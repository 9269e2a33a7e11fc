package io.github.router4j.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Turns the {@code router4j:} section of the application's properties into tiered model beans (see
 * {@link Router4jProperties} for the format), with Micrometer meters when a {@code MeterRegistry}
 * bean exists and {@code router4j.metrics.enabled} is not {@code false}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
public class Router4jAutoConfiguration {

    @Bean
    static TieredModelsRegistrar router4jTieredModelsRegistrar() {
        return new TieredModelsRegistrar();
    }
}
