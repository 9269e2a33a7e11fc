package io.github.router4j.micrometer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;

import java.time.Duration;

/** Real OpenAI clients against the local server, failing fast as tiers should. */
final class LocalModels {

    private LocalModels() {
    }

    static ChatModel chatModel(LocalOpenAiServer server, String name) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
