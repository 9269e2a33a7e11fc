package io.github.router4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * LangChain4j's listener protocol for the tiered models, which add the routing information to the
 * listener attributes before the response or error is reported.
 */
final class ListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerSupport.class);

    private final List<ChatModelListener> listeners;
    private final ModelProvider provider;
    final ChatRequest request;
    final Map<Object, Object> attributes;

    private ListenerSupport(List<ChatModelListener> listeners, ModelProvider provider, ChatRequest request,
                            Map<Object, Object> attributes) {
        this.listeners = listeners;
        this.provider = provider;
        this.request = request;
        this.attributes = attributes;
    }

    /** Merges the default parameters into the request (as {@code ChatModel.chat} does) and reports it. */
    static ListenerSupport start(ChatRequest request, ChatRequestOptions options, ChatRequestParameters defaults,
                                 List<ChatModelListener> listeners, ModelProvider provider) {
        ChatRequest merged = ChatRequest.builder().messages(request.messages())
                .parameters(defaults.overrideWith(request.parameters())).build();
        ChatRequestOptions effective = options == null ? ChatRequestOptions.EMPTY : options;
        ListenerSupport support = new ListenerSupport(listeners, provider, merged,
                new ConcurrentHashMap<>(effective.listenerAttributes()));
        support.each(l -> l.onRequest(new ChatModelRequestContext(merged, provider, support.attributes)));
        return support;
    }

    /** The caller's listener attributes, passed on to each tier. */
    ChatRequestOptions tierOptions() {
        return ChatRequestOptions.builder().listenerAttributes(Map.copyOf(attributes)).build();
    }

    void onResponse(ChatResponse response, RoutingInfo info) {
        attributes.put(RoutingInfo.LISTENER_ATTRIBUTE, info);
        each(l -> l.onResponse(new ChatModelResponseContext(response, request, provider, attributes)));
    }

    void onError(Throwable error, RoutingInfo info) {
        if (info != null) {
            attributes.put(RoutingInfo.LISTENER_ATTRIBUTE, info);
        }
        each(l -> l.onError(new ChatModelErrorContext(error, request, provider, attributes)));
    }

    private void each(Consumer<ChatModelListener> call) {
        for (ChatModelListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("chat model listener failed; ignored", e);
            }
        }
    }
}
