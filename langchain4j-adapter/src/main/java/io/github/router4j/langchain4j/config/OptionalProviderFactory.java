package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * A model provider whose LangChain4j module is an optional dependency: {@link java.util.ServiceLoader}
 * instantiates it whether the module is there or not, so it checks for the module's classes before the
 * subclass links them, and otherwise fails naming the artifact to add.
 */
abstract class OptionalProviderFactory implements ChatModelFactory {

    private final String provider;
    private final String chatModelClass;
    private final String streamingChatModelClass;

    OptionalProviderFactory(String provider, String chatModelClass, String streamingChatModelClass) {
        this.provider = provider;
        this.chatModelClass = chatModelClass;
        this.streamingChatModelClass = streamingChatModelClass;
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final ChatModel createChatModel(ConfigNode model, ConfigContext context) {
        Factories.requireClass(model.get("provider"), "model provider", chatModelClass, getClass());
        return chatModel(model);
    }

    @Override
    public final StreamingChatModel createStreamingChatModel(ConfigNode model, ConfigContext context) {
        Factories.requireClass(model.get("provider"), "model provider", streamingChatModelClass, getClass());
        return streamingChatModel(model);
    }

    /** Builds the model; called only once the module's classes are known to be there. */
    abstract ChatModel chatModel(ConfigNode model);

    abstract StreamingChatModel streamingChatModel(ConfigNode model);
}
