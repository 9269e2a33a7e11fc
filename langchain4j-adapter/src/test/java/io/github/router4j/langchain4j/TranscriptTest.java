package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptTest {

    private static final ToolExecutionRequest CALL = ToolExecutionRequest.builder().id("1").name("weather")
            .arguments("{\"city\":\"Oslo\"}").build();
    private static final List<ChatMessage> AGENT = List.of(
            SystemMessage.from("You are a weather assistant."),
            UserMessage.from("Hi, I live in Oslo."),
            AiMessage.from("Nice to meet you."),
            UserMessage.from("What is the weather?"),
            AiMessage.from(CALL),
            ToolExecutionResultMessage.from(CALL, "-5°C, snow"));

    @Test
    void gives_the_system_message_earlier_turns_and_tool_calls_with_results_but_not_the_question() {
        assertThat(Transcript.of(AGENT, "What is the weather?", 10_000)).isEqualTo("""
                System: You are a weather assistant.
                User: Hi, I live in Oslo.
                Assistant: Nice to meet you.
                Assistant called tool weather({"city":"Oslo"})
                Tool weather returned: -5°C, snow""");
    }

    @Test
    void the_cap_cuts_the_oldest_turns_first_and_the_system_message_last() {
        String capped = Transcript.of(AGENT, "What is the weather?", 140);

        assertThat(capped).isEqualTo("""
                System: You are a weather assistant.
                Assistant called tool weather({"city":"Oslo"})
                Tool weather returned: -5°C, snow""");
        assertThat(Transcript.of(AGENT, "What is the weather?", 0)).isEmpty();
    }

    @Test
    void information_sent_with_the_question_is_shown_once_and_a_bare_question_adds_nothing() {
        List<ChatMessage> rag = List.of(UserMessage.from(
                "When are you open?\n\nAnswer using the following information:\nOpening hours: 9-17."));

        assertThat(Transcript.of(rag, "When are you open?", 1000))
                .startsWith("The question as sent, with the information given with it:\nWhen are you open?")
                .endsWith("Opening hours: 9-17.");
        assertThat(Transcript.of(List.of(UserMessage.from("When are you open?")), "When are you open?", 1000)).isEmpty();
    }
}
