package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Router;
import io.github.router4j.core.routing.CheapestFirstRouter;

/** {@code type: cheapest-first}: the cheapest tier that supports the request; failures escalate. */
public final class CheapestFirstRouterFactory implements RouterFactory {

    @Override
    public String type() {
        return "cheapest-first";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        return new CheapestFirstRouter();
    }
}
