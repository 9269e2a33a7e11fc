package io.github.router4j.langchain4j.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a self-evaluation vote from a model's reply, leniently: the JSON object
 * {@code {"rationale": ..., "judgement": true|false}} (also inside a code fence or prose, also
 * with {@code "judgment"} or {@code "verdict"} and values like {@code "correct"}), else a labelled
 * verdict in text ({@code Verdict: Incorrect}, {@code judgement = true}), else a reply whose last
 * line says only correct/incorrect. Anything else is unparsable (empty).
 */
final class VerdictParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] KEYS = {"judgement", "judgment", "verdict", "correct", "is_correct"};
    private static final Pattern LABELLED = Pattern.compile(
            "(?i)\\b(?:judge?ment|verdict|decision|evaluation)\\b\\W{0,5}\\s*(true|false|correct|incorrect|yes|no|wrong|right)\\b");
    private static final Pattern LAST_LINE = Pattern.compile(
            "(?i)^\\W*(true|false|correct|incorrect|wrong|right)\\W*$");

    private VerdictParser() {
    }

    static Optional<Boolean> parse(String reply) {
        if (reply == null || reply.isBlank()) {
            return Optional.empty();
        }
        Optional<Boolean> json = fromJson(reply);
        if (json.isPresent()) {
            return json;
        }
        Matcher m = LABELLED.matcher(reply);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last != null) {
            return word(last);
        }
        String[] lines = reply.strip().split("\\R");
        Matcher tail = LAST_LINE.matcher(lines[lines.length - 1].strip());
        return tail.matches() ? word(tail.group(1)) : Optional.empty();
    }

    private static Optional<Boolean> fromJson(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(reply.substring(start, end + 1));
        } catch (Exception e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (String key : KEYS) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isBoolean()) {
                return Optional.of(v.booleanValue());
            }
            if (v.isTextual()) {
                return word(v.asText().trim());
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> word(String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "true", "correct", "yes", "right" -> Optional.of(true);
            case "false", "incorrect", "no", "wrong" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
