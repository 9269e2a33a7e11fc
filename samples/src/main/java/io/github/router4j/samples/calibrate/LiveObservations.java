package io.github.router4j.samples.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.cascade.LabelledObservation;
import io.github.router4j.core.data.JsonLines;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.cascade.SelfEvaluation;
import io.github.router4j.samples.cli.ProgressBar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces labelled observations with a live tier: for each labelled question/answer pair, the
 * tier self-evaluates the answer k times ({@link SelfEvaluation}); the share of "correct" votes and
 * the label make one observation.
 *
 * <p>Input: JSON Lines {@code {"question": "...", "answer": "...", "good": true}}, optionally with
 * {@code "context"} (sent as a system message).
 */
final class LiveObservations {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Pair(String question, String context, String answer, boolean good) {
    }

    record Result(List<LabelledObservation> observations, int skipped, long inputTokens, long outputTokens) {
    }

    private LiveObservations() {
    }

    static List<Pair> readPairs(Path file) {
        List<Pair> pairs = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            String where = line.file() + ":" + line.number();
            JsonNode node = line.node();
            pairs.add(new Pair(text(node, "question", where, true), text(node, "context", where, false),
                    text(node, "answer", where, true), good(node, where)));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no question/answer pairs (expected one JSON object per line,"
                    + " e.g. {\"question\": \"What is 6 x 7?\", \"answer\": \"42\", \"good\": true})");
        }
        return pairs;
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": field \"" + field + "\" is missing");
            }
            return "";
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw new IllegalArgumentException(where + ": field \"" + field + "\": expected a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static boolean good(JsonNode node, String where) {
        JsonNode v = node.path("good");
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(where + ": field \"good\": expected true or false, got "
                    + (v.isMissingNode() ? "nothing" : v.toString()));
        }
        return v.booleanValue();
    }

    /**
     * Self-evaluates every pair on {@code tier}; pairs where no vote counted are skipped. When
     * {@code save} is not null each observation is written to it as a JSONL line with its votes.
     */
    static Result observe(List<Pair> pairs, Tier tier, SelfEvaluation evaluation, Writer save, PrintWriter log)
            throws IOException {
        List<LabelledObservation> observations = new ArrayList<>();
        AtomicLong in = new AtomicLong();
        AtomicLong out = new AtomicLong();
        int skipped = 0;
        try (ProgressBar progress = new ProgressBar("self-evaluating on " + tier.name(), pairs.size())) {
            for (Pair p : pairs) {
                Evidence e = evaluation.gather(context(p, tier, (t, usage) -> {
                    in.addAndGet(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount());
                    out.addAndGet(usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
                }));
                progress.step();
                if (e.get(Evidence.SELF_EVALUATION_SHARE).isEmpty()) {
                    skipped++;
                    continue;
                }
                LabelledObservation o = new LabelledObservation(e.get(Evidence.SELF_EVALUATION_SHARE).getAsDouble(), p.good());
                observations.add(o);
                if (save != null) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("observation", o.observation());
                    line.put("good", o.good());
                    line.put("votes", (int) e.get(Evidence.SELF_EVALUATION_VOTES).getAsDouble());
                    line.put("question", p.question());
                    save.write(JSON.writeValueAsString(line) + "\n");
                }
            }
        }
        if (skipped > 0) {
            log.println("skipped " + skipped + " pair(s): no self-evaluation vote could be read");
        }
        return new Result(observations, skipped, in.get(), out.get());
    }

    private static AcceptanceContext context(Pair p, Tier tier, java.util.function.BiConsumer<Tier, TokenUsage> usage) {
        List<ChatMessage> messages = new ArrayList<>();
        if (!p.context().isBlank()) {
            messages.add(SystemMessage.from(p.context()));
        }
        messages.add(UserMessage.from(p.question()));
        ChatRequest request = ChatRequest.builder().messages(messages).build();
        ChatResponse answer = ChatResponse.builder().aiMessage(AiMessage.from(p.answer())).build();
        return AcceptanceContext.of(request, answer, tier, List.of(tier), RoutingRequest.of(p.question()), usage);
    }
}
