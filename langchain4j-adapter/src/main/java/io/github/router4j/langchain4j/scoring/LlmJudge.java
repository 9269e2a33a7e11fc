package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.scoring.Score;
import io.github.router4j.langchain4j.Transcript;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a yes/no question about an answer into a probability with a judge model. Two ways:
 * <ul>
 *   <li>sampling (default): the judge answers {@code samples} times at {@code temperature}; the score is
 *   the share of "yes" among the answers that said yes or no (others are left out and reported);</li>
 *   <li>token log-probabilities ({@code logProbabilities(true)}, OpenAI models only): one call at
 *   temperature 0 for one token with the top log-probabilities; P(yes) / (P(yes) + P(no)) over the
 *   "yes"/"no" tokens. When the provider returns no log-probabilities the judge falls back to sampling.</li>
 * </ul>
 * Immutable and thread-safe; {@link SpecScorer} runs the samples of all sub-dimensions concurrently.
 */
public final class LlmJudge {

    static final String DEFAULT_SYSTEM_PROMPT = "You are a strict, fair evaluator of answers written by an AI"
            + " assistant. You answer the question you are asked with exactly one word: Yes or No.";
    static final String DEFAULT_USER_PROMPT = """
            Application: {{application}}

            {{context}}Request:
            {{input}}

            Answer to evaluate:
            {{output}}

            Question: {{question}}
            Reply with exactly one word, Yes or No.""";

    private final ChatModel model;
    private final int samples;
    private final double temperature;
    private final boolean logProbabilities;
    private final String systemPrompt;
    private final String userPrompt;
    private final int contextChars;

    private LlmJudge(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.samples = b.samples;
        this.temperature = b.temperature;
        this.logProbabilities = b.logProbabilities;
        this.systemPrompt = b.systemPrompt;
        this.userPrompt = b.userPrompt;
        this.contextChars = b.contextChars;
    }

    /** Cap on the characters of context (conversation, tool calls and results) the judge reads. */
    public int contextChars() {
        return contextChars;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int samples() {
        return samples;
    }

    /** Whether one call with token log-probabilities replaces the samples. */
    boolean usesLogProbabilities() {
        return logProbabilities && model instanceof OpenAiChatModel;
    }

    ChatRequest request(String application, String question, String input, String output, boolean forLogProbs) {
        return request(application, question, input, "", output, forLogProbs);
    }

    /** @param context what the answer depends on besides the request ({@link io.github.router4j.langchain4j.Transcript}) */
    ChatRequest request(String application, String question, String input, String context, String output,
                        boolean forLogProbs) {
        String contextBlock = context.isBlank() ? "" : "Conversation, information and tool results the answer depends on:\n"
                + context + "\n\n";
        String user = userPrompt.replace("{{application}}", application).replace("{{context}}", contextBlock)
                .replace("{{input}}", input).replace("{{output}}", output).replace("{{question}}", question);
        ChatRequestParameters parameters = forLogProbs
                ? OpenAiChatRequestParameters.builder().temperature(0.0).maxOutputTokens(1).logprobs(true).topLogprobs(10).build()
                : ChatRequestParameters.builder().temperature(temperature).maxOutputTokens(5).build();
        return ChatRequest.builder().messages(SystemMessage.from(systemPrompt), UserMessage.from(user))
                .parameters(parameters).build();
    }

    /** One sampled vote: true = yes, false = no, empty = neither. */
    Optional<Boolean> vote(ChatRequest request, ChatRequestOptions options, Consumer<TokenUsage> usage) {
        ChatResponse response = model.chat(request, options);
        usage.accept(response.tokenUsage());
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
        return parseVote(text);
    }

    /** P(yes) from the first token's log-probabilities, or empty when the provider returned none. */
    Optional<Double> logProbabilityOfYes(ChatRequest request, ChatRequestOptions options, Consumer<TokenUsage> usage) {
        ChatResponse response = model.chat(request, options);
        usage.accept(response.tokenUsage());
        if (!(response.metadata() instanceof OpenAiChatResponseMetadata metadata) || metadata.logProbs() == null
                || metadata.logProbs().isEmpty()) {
            return Optional.empty();
        }
        LogProb first = metadata.logProbs().get(0);
        List<LogProb> candidates = first.topLogprobs() == null || first.topLogprobs().isEmpty()
                ? List.of(first) : first.topLogprobs();
        double yes = 0;
        double no = 0;
        for (LogProb p : candidates) {
            Optional<Boolean> v = parseVote(p.token() == null ? "" : p.token());
            if (v.isPresent() && p.logprob() != null) {
                if (v.get()) {
                    yes += Math.exp(p.logprob());
                } else {
                    no += Math.exp(p.logprob());
                }
            }
        }
        return yes + no > 0 ? Optional.of(yes / (yes + no)) : Optional.empty();
    }

    /** The share of yes votes among counted votes, with an explanation. */
    static Score fromVotes(int yes, int no, int uncounted, List<String> errors) {
        int counted = yes + no;
        String tail = (uncounted > 0 ? ", " + uncounted + " unclear" : "")
                + (errors.isEmpty() ? "" : ", " + errors.size() + " failed (" + errors.get(0) + ")");
        if (counted == 0) {
            return Score.failed("judge gave no yes/no verdict" + tail);
        }
        return Score.of((double) yes / counted, yes + "/" + counted + " yes" + tail);
    }

    static Optional<Boolean> parseVote(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("^[^a-z]+", "");
        if (t.startsWith("yes")) {
            return Optional.of(true);
        }
        if (t.startsWith("no")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Builder for {@link LlmJudge}. */
    public static final class Builder {
        private ChatModel model;
        private int samples = 5;
        private double temperature = 1.0;
        private boolean logProbabilities;
        private String systemPrompt = DEFAULT_SYSTEM_PROMPT;
        private String userPrompt = DEFAULT_USER_PROMPT;
        private int contextChars = Transcript.DEFAULT_MAX_CHARS;

        private Builder() {
        }

        /** The judge model, e.g. a tier's model ({@code tier.model()}). */
        public Builder model(ChatModel model) {
            this.model = model;
            return this;
        }

        /** Yes/no answers per question (default 5). */
        public Builder samples(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("samples: expected a whole number >= 1, got " + samples);
            }
            this.samples = samples;
            return this;
        }

        /** Sampling temperature (default 1.0). */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature: expected a number in [0, 2], got " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /** Use token log-probabilities where the provider returns them (default false). */
        public Builder logProbabilities(boolean logProbabilities) {
            this.logProbabilities = logProbabilities;
            return this;
        }

        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
            return this;
        }

        /**
         * Cap on the context the judge reads with the request: the system message, earlier turns,
         * information sent with the question, tool calls and results, cut oldest first
         * ({@link Transcript}); default {@value Transcript#DEFAULT_MAX_CHARS}, 0 = none.
         */
        public Builder contextChars(int contextChars) {
            if (contextChars < 0) {
                throw new IllegalArgumentException("contextChars: expected a whole number >= 0, got " + contextChars);
            }
            this.contextChars = contextChars;
            return this;
        }

        /**
         * User prompt with {@code {{application}}, {{input}}, {{output}}, {{question}}} placeholders, and
         * optionally {@code {{context}}} (replaced by a labelled context block, or nothing when there is none).
         */
        public Builder userPrompt(String userPrompt) {
            for (String p : List.of("{{input}}", "{{output}}", "{{question}}")) {
                if (!userPrompt.contains(p)) {
                    throw new IllegalArgumentException("userPrompt: missing the placeholder " + p);
                }
            }
            this.userPrompt = userPrompt;
            return this;
        }

        public LlmJudge build() {
            return new LlmJudge(this);
        }
    }
}
