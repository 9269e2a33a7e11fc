package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A ChatModel answering from a script and recording what it received; for unit tests of routing logic. */
final class ScriptedChatModel implements ChatModel {

    final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    private final Function<ChatRequest, ChatResponse> script;

    ScriptedChatModel(Function<ChatRequest, ChatResponse> script) {
        this.script = script;
    }

    static ScriptedChatModel answering(String text) {
        return new ScriptedChatModel(r -> response(text, 10, 5));
    }

    static ScriptedChatModel failing(RuntimeException error) {
        return new ScriptedChatModel(r -> {
            throw error;
        });
    }

    static ChatResponse response(String text, int in, int out) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(in, out)).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        received.add(request);
        return script.apply(request);
    }
}
