package io.github.router4j.core.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a trace, shared by both stores. A trace is one object
 * {@code {"id", "time", "embedding", "prompt"?, "steps": [{"tier", "index", "outcome", "features", "verdict"}], "good"?}},
 * the embedding as base64 of little-endian float32 values; feedback is
 * {@code {"feedback": id, "good": true|false, "time"}}.
 */
final class TraceJson {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /** A parsed record: a trace, or feedback on one. */
    sealed interface Entry permits TraceEntry, FeedbackEntry {
    }

    record TraceEntry(RoutingTrace trace) implements Entry {
    }

    record FeedbackEntry(String requestId, boolean good) implements Entry {
    }

    private TraceJson() {
    }

    static void writeTrace(RoutingTrace trace, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", trace.requestId());
            g.writeStringField("time", trace.time().toString());
            g.writeStringField("embedding", encode(trace.promptEmbedding()));
            if (trace.prompt().isPresent()) {
                g.writeStringField("prompt", trace.prompt().get());
            }
            g.writeArrayFieldStart("steps");
            for (RoutingTrace.Step step : trace.steps()) {
                g.writeStartObject();
                g.writeStringField("tier", step.tier());
                g.writeNumberField("index", step.index());
                g.writeStringField("outcome", step.outcome().name());
                writeNumbers(g, "features", step.features());
                writeNumbers(g, "verdict", step.verdict());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (trace.good().isPresent()) {
                g.writeBooleanField("good", trace.good().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeFeedback(String requestId, boolean good, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("feedback", requestId);
            g.writeBooleanField("good", good);
            g.writeStringField("time", Instant.now().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNumbers(JsonGenerator g, String name, Map<String, Double> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Parses one record; the message of the {@link IllegalArgumentException} says what is wrong. */
    static Entry parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        if (node.has("feedback")) {
            return new FeedbackEntry(text(node, "feedback"), bool(node, "good"));
        }
        return new TraceEntry(trace(node));
    }

    static RoutingTrace trace(JsonNode node) {
        List<RoutingTrace.Step> steps = new ArrayList<>();
        JsonNode array = node.get("steps");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("'steps' must be an array");
        }
        for (JsonNode s : array) {
            String outcome = text(s, "outcome");
            RoutingTrace.Outcome parsed;
            try {
                parsed = RoutingTrace.Outcome.valueOf(outcome);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown step outcome '" + outcome + "'");
            }
            steps.add(new RoutingTrace.Step(text(s, "tier"), s.path("index").asInt(), parsed, numbers(s.get("features")),
                    numbers(s.get("verdict"))));
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'time' is not an ISO-8601 instant: " + node.get("time").asText());
        }
        JsonNode prompt = node.get("prompt");
        JsonNode good = node.get("good");
        return new RoutingTrace(text(node, "id"), time, decode(text(node, "embedding")),
                prompt == null || prompt.isNull() ? Optional.empty() : Optional.of(prompt.asText()),
                steps, good == null || good.isNull() ? Optional.empty() : Optional.of(bool(node, "good")));
    }

    private static Map<String, Double> numbers(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        }
        return out;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return v.asBoolean();
    }

    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'embedding' is not base64: " + e.getMessage());
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("'embedding' has " + bytes.length + " bytes, not a whole number of floats");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
