package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One tier of a {@link TieredChatModel}: an ordinary LangChain4j model with a name, its prices and
 * what it can do. Immutable.
 * <p>
 * When no capabilities are given, the tier is assumed to support tools, JSON mode and images, and a
 * JSON schema response format only when its model reports {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}
 * (the same rule LangChain4j AI Services apply).
 */
public final class Tier {

    private final String name;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final double inputPricePerMillion;
    private final double outputPricePerMillion;
    private final Set<TierCapability> capabilities;
    private final Duration firstTokenTimeout;
    private final Duration interTokenTimeout;
    private final TierInfo info;

    private Tier(Builder builder, int index) {
        this.name = builder.name;
        this.model = builder.model;
        this.streamingModel = builder.streamingModel;
        this.inputPricePerMillion = builder.inputPricePerMillion;
        this.outputPricePerMillion = builder.outputPricePerMillion;
        this.capabilities = builder.capabilities != null ? Set.copyOf(builder.capabilities) : defaultCapabilities(builder);
        this.firstTokenTimeout = builder.firstTokenTimeout;
        this.interTokenTimeout = builder.interTokenTimeout;
        this.info = new TierInfo(name, index, inputPricePerMillion, outputPricePerMillion, capabilities);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    /** The blocking model; {@code null} for a tier built only for streaming. */
    public ChatModel model() {
        return model;
    }

    public Optional<StreamingChatModel> streamingModel() {
        return Optional.ofNullable(streamingModel);
    }

    public double inputPricePerMillion() {
        return inputPricePerMillion;
    }

    public double outputPricePerMillion() {
        return outputPricePerMillion;
    }

    public Set<TierCapability> capabilities() {
        return capabilities;
    }

    /** Streaming: how long the tier may take to deliver its first token before the next tier is tried. */
    public Optional<Duration> firstTokenTimeout() {
        return Optional.ofNullable(firstTokenTimeout);
    }

    /** Streaming: how long the tier may go silent between tokens before the stream ends with an error. */
    public Optional<Duration> interTokenTimeout() {
        return Optional.ofNullable(interTokenTimeout);
    }

    /** Position in the tiered model, 0 = cheapest (0 until the tier is part of a tiered model). */
    public int index() {
        return info.index();
    }

    /** What router-core's decisions know about this tier. */
    public TierInfo info() {
        return info;
    }

    Tier atIndex(int index) {
        return index == info.index() ? this : new Tier(toBuilder(), index);
    }

    public Builder toBuilder() {
        Builder b = new Builder().name(name).model(model).streamingModel(streamingModel)
                .inputPricePerMillion(inputPricePerMillion).outputPricePerMillion(outputPricePerMillion)
                .firstTokenTimeout(firstTokenTimeout).interTokenTimeout(interTokenTimeout);
        b.capabilities = capabilities;
        return b;
    }

    @Override
    public String toString() {
        return "Tier{" + name + ", index=" + index() + ", $" + inputPricePerMillion + "/$" + outputPricePerMillion
                + " per M tokens, capabilities=" + capabilities + '}';
    }

    private static Set<TierCapability> defaultCapabilities(Builder b) {
        Set<TierCapability> caps = EnumSet.of(TierCapability.TOOLS, TierCapability.RESPONSE_FORMAT_JSON, TierCapability.IMAGES);
        Set<Capability> declared = b.model != null ? b.model.supportedCapabilities() : b.streamingModel.supportedCapabilities();
        if (declared != null && declared.contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA)) {
            caps.add(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        return caps;
    }

    /** Builder for {@link Tier}. */
    public static final class Builder {
        private String name;
        private ChatModel model;
        private StreamingChatModel streamingModel;
        private double inputPricePerMillion;
        private double outputPricePerMillion;
        private Set<TierCapability> capabilities;
        private Duration firstTokenTimeout;
        private Duration interTokenTimeout;

        private Builder() {
        }

        /** Unique name, shown in routing information. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder model(ChatModel model) {
            this.model = model;
            return this;
        }

        /** The model {@link TieredStreamingChatModel} streams from. */
        public Builder streamingModel(StreamingChatModel streamingModel) {
            this.streamingModel = streamingModel;
            return this;
        }

        /** Dollars per million input tokens. */
        public Builder inputPricePerMillion(double price) {
            this.inputPricePerMillion = price;
            return this;
        }

        /** Dollars per million output tokens. */
        public Builder outputPricePerMillion(double price) {
            this.outputPricePerMillion = price;
            return this;
        }

        /** What the tier supports; replaces the default (see {@link Tier}). */
        public Builder capabilities(Set<TierCapability> capabilities) {
            this.capabilities = capabilities == null ? null
                    : capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
            return this;
        }

        /**
         * Streaming: a tier that has delivered nothing (no token, thinking or tool-call fragment) this
         * long after the call is given up and the request goes to the next tier, invisibly to the
         * handler; its late output is ignored. Default: none (the model's own timeout applies, which
         * for streaming covers only the wait for the response headers).
         */
        public Builder firstTokenTimeout(Duration timeout) {
            this.firstTokenTimeout = positive(timeout, "firstTokenTimeout");
            return this;
        }

        /**
         * Streaming: once a tier has delivered something, a silence this long between deliveries ends
         * the stream with a {@code TimeoutException} to the handler (the answer is partly with the
         * user, so no other tier takes over). Default: none.
         */
        public Builder interTokenTimeout(Duration timeout) {
            this.interTokenTimeout = positive(timeout, "interTokenTimeout");
            return this;
        }

        private Duration positive(Duration timeout, String what) {
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                throw new IllegalArgumentException("tier '" + name + "': " + what + " must be positive, was " + timeout);
            }
            return timeout;
        }

        public Tier build() {
            Objects.requireNonNull(name, "tier name");
            if (model == null && streamingModel == null) {
                throw new IllegalArgumentException("tier '" + name + "': needs a model or a streamingModel");
            }
            return new Tier(this, 0);
        }
    }
}
