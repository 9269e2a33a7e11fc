package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What an answer depends on besides its question, as text for a judge (self-evaluation, LLM judge):
 * the system message, the earlier turns of the conversation, the information sent with the question
 * (e.g. retrieved documents) and the tool calls and results that led to the answer, oldest first.
 * Capped at a number of characters: whole entries are cut oldest first (the system message last),
 * and an entry that alone exceeds the cap keeps its beginning. The question and the answer are not
 * part of it; judges show them separately and always in full.
 */
public final class Transcript {

    /** Default cap on the characters of a transcript. */
    public static final int DEFAULT_MAX_CHARS = 4000;

    private record Entry(String text, boolean system) {
    }

    private Transcript() {
    }

    /**
     * @param messages the request's messages
     * @param question the routing text of the request (the user's own question)
     * @param maxChars the cap; 0 gives an empty transcript
     * @return the transcript, or "" when there is nothing besides the question
     */
    public static String of(List<ChatMessage> messages, String question, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, was " + maxChars);
        }
        int questionIndex = questionIndex(messages, question);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message instanceof SystemMessage system && !system.text().isBlank()) {
                entries.add(new Entry("System: " + system.text(), true));
            } else if (message instanceof UserMessage user) {
                String text = RequestAnalysis.textOf(user);
                if (i != questionIndex) {
                    entries.add(new Entry("User: " + text, false));
                } else if (!text.strip().equals(question.strip())) {
                    entries.add(new Entry("The question as sent, with the information given with it:\n" + text, false));
                }
            } else if (message instanceof AiMessage ai) {
                if (ai.text() != null && !ai.text().isBlank()) {
                    entries.add(new Entry("Assistant: " + ai.text(), false));
                }
                if (ai.hasToolExecutionRequests()) {
                    for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                        entries.add(new Entry("Assistant called tool " + call.name() + "(" + call.arguments() + ")", false));
                    }
                }
            } else if (message instanceof ToolExecutionResultMessage result) {
                entries.add(new Entry("Tool " + result.toolName() + " returned: " + result.text(), false));
            }
        }
        return capped(entries, maxChars);
    }

    private static int questionIndex(List<ChatMessage> messages, String question) {
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                if (lastUser < 0) {
                    lastUser = i;
                }
                if (!question.isBlank() && RequestAnalysis.textOf(user).contains(question.strip())) {
                    return i;
                }
            }
        }
        return lastUser;
    }

    private static String capped(List<Entry> entries, int maxChars) {
        List<Entry> kept = new ArrayList<>(entries);
        while (!kept.isEmpty() && length(kept) > maxChars) {
            int cut = 0;
            for (int i = 0; i < kept.size(); i++) {
                if (!kept.get(i).system()) {
                    cut = i;
                    break;
                }
            }
            if (kept.size() == 1) {
                String text = kept.get(0).text();
                return maxChars <= 3 ? "" : text.substring(0, maxChars - 3) + "...";
            }
            kept.remove(cut);
        }
        return String.join("\n", kept.stream().map(Entry::text).toList());
    }

    private static int length(List<Entry> entries) {
        return entries.stream().mapToInt(e -> e.text().length()).sum() + Math.max(0, entries.size() - 1);
    }
}
