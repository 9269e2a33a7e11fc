package io.github.router4j.langchain4j.config;

import io.github.router4j.langchain4j.AcceptanceStep;

/** {@code type: accept-all}: every answer is accepted; tiers change only when a call fails. */
public final class AcceptAllFactory implements AcceptanceStepFactory {

    @Override
    public String type() {
        return "accept-all";
    }

    @Override
    public AcceptanceStep create(ConfigNode params, ConfigContext context) {
        return AcceptanceStep.acceptAll();
    }
}
