package io.github.router4j.spring;

import io.github.router4j.langchain4j.config.RouterConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad {@code router4j:} section at start-up as the one line that names the property. */
public final class RouterConfigFailureAnalyzer extends AbstractFailureAnalyzer<RouterConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RouterConfigException cause) {
        return new FailureAnalysis("Invalid router4j configuration: " + cause.getMessage(),
                "Fix the property named above (the router4j section mirrors the router YAML format, see"
                        + " docs/spring-boot.md).", cause);
    }
}
