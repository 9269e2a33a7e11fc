package io.github.router4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A streaming handler that collects the tokens and completes a future with the answer or the error. */
public class CollectingHandler implements StreamingChatResponseHandler {

    public final List<String> tokens = new CopyOnWriteArrayList<>();
    public final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    @Override
    public void onPartialResponse(String partial) {
        tokens.add(partial);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /** The answer, waiting at most 20 s. */
    public ChatResponse answer() throws Exception {
        return done.get(20, TimeUnit.SECONDS);
    }
}
