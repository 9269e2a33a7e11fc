package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.router4j.core.RoutingRequest;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one request.
 *
 * @param chatRequest    the request as the tiers received it
 * @param routingRequest what the router saw
 * @param routingInfo    the decision, every tier call, the cost
 * @param response       the answer returned to the caller (with routing attributes), unless the request failed
 * @param failure        why the request failed, when it did
 */
public record RoutingEvent(ChatRequest chatRequest, RoutingRequest routingRequest, RoutingInfo routingInfo,
                           Optional<ChatResponse> response, Optional<Throwable> failure) {

    public RoutingEvent {
        Objects.requireNonNull(chatRequest, "chatRequest");
        Objects.requireNonNull(routingRequest, "routingRequest");
        Objects.requireNonNull(routingInfo, "routingInfo");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(failure, "failure");
    }
}
