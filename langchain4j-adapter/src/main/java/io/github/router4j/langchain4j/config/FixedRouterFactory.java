package io.github.router4j.langchain4j.config;

import io.github.router4j.core.Router;
import io.github.router4j.core.routing.FixedTierRouter;

/** {@code type: fixed}: every request goes to {@code tier: <name>}. */
public final class FixedRouterFactory implements RouterFactory {

    @Override
    public String type() {
        return "fixed";
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        return FixedTierRouter.at(context.tierIndex(params.get("tier")));
    }
}
