package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import io.github.router4j.core.TierCapability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What routing needs from a {@link ChatRequest}: the capabilities it needs, the user's substantive
 * request, and the tier a tool loop or a confirmation must stay on.
 *
 * @param routingText          the latest user request that is not a bare confirmation
 * @param context              earlier user and AI text before the routing text (tool traffic left out),
 *                             oldest first; empty unless context messages were asked for
 * @param requiredCapabilities tools, JSON modes, images the request needs
 * @param stickyTier           name of the tier whose tool call or question the last message answers
 * @param stickyReason         why the request is sticky, empty when it is not
 */
record RequestAnalysis(String routingText, String context, Set<TierCapability> requiredCapabilities, Optional<String> stickyTier,
                       String stickyReason) {

    private static final Set<String> CONFIRMATION_WORDS = Set.of("yes", "yeah", "yep", "yup", "y", "ok", "okay", "k",
            "sure", "go", "ahead", "do", "it", "that", "please", "proceed", "continue", "sounds", "good", "great",
            "fine", "thanks", "thank", "you", "right", "correct", "confirm", "confirmed", "agreed", "absolutely",
            "definitely", "of", "course", "alright", "all", "perfect", "lets", "let's", "no", "nope",
            "cool", "done", "fire", "away", "approved", "now", "then", "and");

    /** The default test for a bare confirmation: at most six words, all from a small vocabulary. */
    static final Predicate<String> BARE_CONFIRMATION = text -> {
        String normalized = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").trim();
        if (normalized.isEmpty()) {
            return true;
        }
        String[] words = normalized.split("\\s+");
        if (words.length > 6) {
            return false;
        }
        for (String w : words) {
            if (!CONFIRMATION_WORDS.contains(w)) {
                return false;
            }
        }
        return true;
    };

    static RequestAnalysis of(ChatRequest request, Predicate<String> isConfirmation) {
        return of(request, isConfirmation, 0);
    }

    /**
     * @param contextMessages how many earlier text messages (user requests and AI answers, never tool
     *                        calls or results) before the routing text go into {@link #context()}
     */
    static RequestAnalysis of(ChatRequest request, Predicate<String> isConfirmation, int contextMessages) {
        return of(request, isConfirmation, contextMessages, RoutingTextExtractor.defaults());
    }

    /** @param extractor what routing reads of each user message's text */
    static RequestAnalysis of(ChatRequest request, Predicate<String> isConfirmation, int contextMessages,
                              RoutingTextExtractor extractor) {
        List<ChatMessage> messages = request.messages();
        Set<TierCapability> required = requiredCapabilities(request);

        Optional<String> sticky = Optional.empty();
        String stickyReason = "";
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last) instanceof ToolExecutionResultMessage) {
            Optional<AiMessage> caller = lastAiMessageBefore(messages, last);
            sticky = caller.flatMap(RoutingInfo::tierOf);
            stickyReason = sticky.map(t -> "tool results answer a call by tier '" + t + "'").orElse("");
        }

        String routingText = null;
        String latestUserText = null;
        int routingIndex = -1;
        for (int i = last; i >= 0 && routingText == null; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                String text = routingTextOf(user, extractor);
                if (latestUserText == null) {
                    latestUserText = text;
                    if (isConfirmation.test(text) && sticky.isEmpty()) {
                        sticky = lastAiMessageBefore(messages, i).flatMap(RoutingInfo::tierOf);
                        stickyReason = sticky.map(t -> "'" + abbreviate(text) + "' confirms a message by tier '" + t + "'")
                                .orElse("");
                    }
                }
                if (!isConfirmation.test(text)) {
                    routingText = text;
                    routingIndex = i;
                }
            }
        }
        if (routingText == null) {
            routingText = latestUserText != null ? latestUserText : "";
        }
        String context = routingIndex > 0 ? context(messages, routingIndex, contextMessages, extractor) : "";
        return new RequestAnalysis(routingText, context, required, sticky, stickyReason);
    }

    private static String context(List<ChatMessage> messages, int before, int count, RoutingTextExtractor extractor) {
        List<String> parts = new ArrayList<>();
        for (int i = before - 1; i >= 0 && parts.size() < count; i--) {
            ChatMessage message = messages.get(i);
            if (message instanceof UserMessage user) {
                parts.add("User: " + routingTextOf(user, extractor));
            } else if (message instanceof AiMessage ai && !ai.hasToolExecutionRequests() && ai.text() != null) {
                parts.add("Assistant: " + ai.text());
            }
        }
        Collections.reverse(parts);
        return String.join("\n", parts);
    }

    static Set<TierCapability> requiredCapabilities(ChatRequest request) {
        Set<TierCapability> required = EnumSet.noneOf(TierCapability.class);
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            required.add(TierCapability.TOOLS);
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.type() == ResponseFormatType.JSON) {
            required.add(format.jsonSchema() != null
                    ? TierCapability.RESPONSE_FORMAT_JSON_SCHEMA : TierCapability.RESPONSE_FORMAT_JSON);
        }
        for (ChatMessage message : request.messages()) {
            if (message instanceof ToolExecutionResultMessage
                    || message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                required.add(TierCapability.TOOLS);
            } else if (message instanceof UserMessage user
                    && user.contents().stream().anyMatch(ImageContent.class::isInstance)) {
                required.add(TierCapability.IMAGES);
            }
        }
        return required;
    }

    private static Optional<AiMessage> lastAiMessageBefore(List<ChatMessage> messages, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (messages.get(i) instanceof AiMessage ai) {
                return Optional.of(ai);
            }
        }
        return Optional.empty();
    }

    private static String routingTextOf(UserMessage user, RoutingTextExtractor extractor) {
        String extracted = extractor.extract(textOf(user));
        return extracted == null ? "" : extracted;
    }

    static String textOf(UserMessage user) {
        return user.contents().stream().filter(TextContent.class::isInstance).map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
