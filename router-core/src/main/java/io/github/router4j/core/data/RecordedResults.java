package io.github.router4j.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A recorded-results data set and its JSONL file format, one request per line:
 * <pre>{@code
 * {"id": "q1", "prompt": "What is 2+2?",
 *  "models": {"small": {"quality": 0.0, "cost": 0.00002, "answer": "5", "observation": 0.4},
 *             "large": {"quality": 1.0, "cost": 0.0009}},
 *  "attributes": {"subject": "arithmetic"}}
 * }</pre>
 * {@code id}, {@code prompt} and {@code models} are required, and each model's {@code quality}
 * (0/1 or a score in [0, 1]); {@code cost} (dollars for that request), {@code answer} (the model's
 * text), {@code observation} (its self-evaluation share in [0, 1]) and {@code attributes} (labels
 * such as a benchmark subject) are optional. A model may be missing from a line. Blank lines are
 * skipped; ids must be unique. Errors name the file and line.
 */
public final class RecordedResults implements Iterable<RecordedRequest> {

    private static final String WHAT = "request";
    private static final Set<String> REQUEST_KEYS = Set.of("id", "prompt", "models", "attributes");
    private static final Set<String> RESULT_KEYS = Set.of("quality", "cost", "answer", "observation");

    private final String source;
    private final List<RecordedRequest> requests;

    public RecordedResults(String source, List<RecordedRequest> requests) {
        this.source = Objects.requireNonNull(source, "source");
        this.requests = List.copyOf(requests);
        Set<String> ids = new HashSet<>();
        for (RecordedRequest r : this.requests) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException(source + ": duplicate request id '" + r.id() + "'");
            }
        }
    }

    /** Where the data came from (a file name), for messages. */
    public String source() {
        return source;
    }

    public List<RecordedRequest> requests() {
        return requests;
    }

    public int size() {
        return requests.size();
    }

    public RecordedRequest get(int i) {
        return requests.get(i);
    }

    @Override
    public Iterator<RecordedRequest> iterator() {
        return requests.iterator();
    }

    /** Every model name that occurs, in order of first appearance. */
    public List<String> modelNames() {
        Set<String> names = new LinkedHashSet<>();
        requests.forEach(r -> names.addAll(r.models().keySet()));
        return List.copyOf(names);
    }

    /** Mean quality of {@code model} over the requests that have a result for it. */
    public double meanQuality(String model) {
        return requests.stream().filter(r -> r.has(model)).mapToDouble(r -> r.quality(model)).average()
                .orElseThrow(() -> new IllegalArgumentException(source + ": no results for model '" + model
                        + "'; models are " + modelNames()));
    }

    /** The requests matching {@code keep}, same source. */
    public RecordedResults filter(Predicate<RecordedRequest> keep) {
        return new RecordedResults(source, requests.stream().filter(keep).toList());
    }

    /** The requests that have a result for every one of {@code models}; fails when a name is unknown. */
    public RecordedResults withModels(Collection<String> models) {
        List<String> known = modelNames();
        for (String m : models) {
            if (!known.contains(m)) {
                throw new IllegalArgumentException(source + ": unknown model '" + m + "'; models are " + known);
            }
        }
        return filter(r -> r.models().keySet().containsAll(models));
    }

    /** The requests at {@code indices}, in that order. */
    public RecordedResults subset(int[] indices) {
        List<RecordedRequest> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(requests.get(i));
        }
        return new RecordedResults(source, out);
    }

    /** This data set followed by {@code other}'s requests (ids must stay unique). */
    public RecordedResults concat(RecordedResults other) {
        List<RecordedRequest> all = new ArrayList<>(requests);
        all.addAll(other.requests);
        return new RecordedResults(source + "+" + other.source, all);
    }

    /** Reads a recorded-results JSONL file (UTF-8). */
    public static RecordedResults read(Path file) {
        return fromLines(JsonLines.read(file, WHAT), file.toString());
    }

    /**
     * Reads recorded-results JSONL.
     *
     * @param source name used in error messages
     * @throws DataFileException naming the line on malformed JSON, a missing or mistyped field, a
     *                           quality outside [0, 1], a duplicate id, or an empty input
     */
    public static RecordedResults read(Reader reader, String source) {
        return fromLines(JsonLines.read(reader, source, WHAT), source);
    }

    private static RecordedResults fromLines(List<JsonLines.Line> lines, String source) {
        List<RecordedRequest> requests = new ArrayList<>(lines.size());
        Set<String> ids = new HashSet<>();
        for (JsonLines.Line line : lines) {
            RecordedRequest r = parse(line);
            if (!ids.add(r.id())) {
                throw line.error("duplicate id '" + r.id() + "'");
            }
            requests.add(r);
        }
        return new RecordedResults(source, requests);
    }

    private static RecordedRequest parse(JsonLines.Line line) {
        JsonNode node = line.node();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!REQUEST_KEYS.contains(key)) {
                throw line.error("unknown key '" + key + "'; expected " + REQUEST_KEYS);
            }
        }
        String id = line.text("id");
        String prompt = line.text("prompt");
        JsonNode models = node.get("models");
        if (models == null || !models.isObject()) {
            throw line.error("'models' must be an object of model name -> result");
        }
        Map<String, ModelResult> results = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            results.put(e.getKey(), parseResult(e.getValue(), "models." + e.getKey(), line));
        }
        Map<String, Object> attributes = Map.of();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw line.error("'attributes' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> converted = JsonLines.JSON.convertValue(attrs, LinkedHashMap.class);
            attributes = converted;
        }
        return new RecordedRequest(id, prompt, results, attributes);
    }

    private static ModelResult parseResult(JsonNode node, String path, JsonLines.Line line) {
        if (!node.isObject()) {
            throw line.error(path + ": expected an object with 'quality'");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RESULT_KEYS.contains(key)) {
                throw line.error(path + ": unknown key '" + key + "'; expected " + RESULT_KEYS);
            }
        }
        JsonNode q = node.get("quality");
        if (q == null || q.isNull()) {
            throw line.error(path + ".quality is required");
        }
        double quality = number(q, path + ".quality", line);
        if (!(quality >= 0 && quality <= 1)) {
            throw line.error(path + ".quality must be in [0, 1], got " + q);
        }
        OptionalDouble cost = optionalNumber(node.get("cost"), path + ".cost", line);
        if (cost.isPresent() && !(cost.getAsDouble() >= 0)) {
            throw line.error(path + ".cost must be >= 0, got " + node.get("cost"));
        }
        OptionalDouble observation = optionalNumber(node.get("observation"), path + ".observation", line);
        if (observation.isPresent() && !(observation.getAsDouble() >= 0 && observation.getAsDouble() <= 1)) {
            throw line.error(path + ".observation must be in [0, 1], got " + node.get("observation"));
        }
        JsonNode a = node.get("answer");
        if (a != null && !a.isNull() && !a.isTextual()) {
            throw line.error(path + ".answer must be a string, got " + a.getNodeType());
        }
        Optional<String> answer = a == null || a.isNull() ? Optional.empty() : Optional.of(a.asText());
        return new ModelResult(quality, cost, answer, observation);
    }

    private static double number(JsonNode v, String path, JsonLines.Line line) {
        if (v.isBoolean()) {
            return v.asBoolean() ? 1.0 : 0.0;
        }
        if (!v.isNumber()) {
            throw line.error(path + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static OptionalDouble optionalNumber(JsonNode v, String path, JsonLines.Line line) {
        return v == null || v.isNull() ? OptionalDouble.empty() : OptionalDouble.of(number(v, path, line));
    }

    /** Writes this data set as recorded-results JSONL (UTF-8), one request per line. */
    public void write(Path file) {
        JsonLines.write(file, requests, RecordedResults::toJson);
    }

    public void write(Writer writer) {
        JsonLines.write(writer, requests, RecordedResults::toJson);
    }

    /** One request as a JSON object of this format. */
    public static ObjectNode toJson(RecordedRequest r) {
        ObjectNode node = JsonLines.JSON.createObjectNode();
        node.put("id", r.id());
        node.put("prompt", r.prompt());
        ObjectNode models = node.putObject("models");
        r.models().forEach((name, result) -> {
            ObjectNode m = models.putObject(name);
            m.put("quality", result.quality());
            result.cost().ifPresent(c -> m.put("cost", c));
            result.answer().ifPresent(a -> m.put("answer", a));
            result.observation().ifPresent(o -> m.put("observation", o));
        });
        if (!r.attributes().isEmpty()) {
            node.set("attributes", JsonLines.JSON.valueToTree(r.attributes()));
        }
        return node;
    }
}
