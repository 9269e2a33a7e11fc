package io.github.router4j.langchain4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One value of the router YAML, with its YAML path (e.g. {@code strategy.router.threshold}) so that
 * every error names where it is. Factories ({@link RouterFactory}, {@link AcceptanceStepFactory},
 * {@link ChatModelFactory}) read their parameters through it:
 *
 * <pre>{@code
 * double threshold = params.get("threshold").asDoubleIn(0, 1);       // required
 * int k = params.get("samples").asInt(8);                             // optional, default 8
 * Duration timeout = params.get("timeout").asDuration(Duration.ofSeconds(30));
 * }</pre>
 *
 * Fields a factory never asks for are reported as unknown fields once it returns, so factories do
 * not declare their fields separately. Strings have already been through {@code ${ENV:default}}
 * interpolation, and numbers, booleans and durations are also accepted as text (so
 * {@code ${TEMPERATURE:0.2}} works). Values of secret fields ({@code api-key}, anything named like a
 * key, token, password, secret, credential or authorization, or read with {@link #asSecret()}) and values
 * that came from an environment variable, in any field or list, are never shown in messages or
 * {@code toString()}: errors built with {@link #error} and {@link #expected} have them replaced.
 */
public final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");
    private static final Pattern ASSIGNMENTS = Pattern.compile("(?m)^\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_]*\\s*=");

    private final YamlDocument document;
    private final JsonNode node;
    private final String path;
    private final String key;

    ConfigNode(YamlDocument document, JsonNode node, String path, String key) {
        this.document = document;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.key = key;
    }

    /** The YAML path of this value, e.g. {@code tiers[0].model.base-url}; empty for the document. */
    public String path() {
        return path;
    }

    /** Whether the field is absent (or explicitly {@code null}). */
    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isList() {
        return node.isArray();
    }

    /**
     * The field {@code name} of this mapping (possibly {@linkplain #isMissing() missing}). Asking
     * marks the field as known. Fails when this value exists but is not a mapping.
     */
    public ConfigNode get(String name) {
        if (!isMissing() && !node.isObject()) {
            throw expected("a mapping with field '" + name + "'");
        }
        document.markKnown(path, name);
        return new ConfigNode(document, node.get(name), childPath(path, name), name);
    }

    /** Whether the field {@code name} is present and not null; marks it as known. */
    public boolean has(String name) {
        return !get(name).isMissing();
    }

    /** The field names of this mapping, in YAML order (does not mark them as known). */
    public Set<String> fieldNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** Every field of this mapping, in YAML order, all marked as known; empty when missing. */
    public Map<String, ConfigNode> fields() {
        if (isMissing()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw expected("a mapping");
        }
        Map<String, ConfigNode> fields = new LinkedHashMap<>();
        for (String name : fieldNames()) {
            fields.put(name, get(name));
        }
        return fields;
    }

    /** The elements of this list; empty when missing. */
    public List<ConfigNode> elements() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw expected("a list");
        }
        List<ConfigNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(document, node.get(i), path + "[" + i + "]", key));
        }
        return elements;
    }

    /** A required scalar as text. */
    public String asText() {
        requirePresent("a text value");
        if (!node.isValueNode()) {
            throw expected("a text value");
        }
        return node.asText();
    }

    public String asText(String defaultValue) {
        return isMissing() ? defaultValue : asText();
    }

    /** A required text value that is never shown in messages or {@code toString()} (an API key). */
    public String asSecret() {
        String value = asText();
        document.markSecret(path, value);
        return value;
    }

    /** A required text value that must be one of {@code allowed}. */
    public String asOneOf(String... allowed) {
        String value = asText();
        if (!Arrays.asList(allowed).contains(value)) {
            throw expected("one of " + String.join(", ", allowed));
        }
        return value;
    }

    public double asDouble() {
        requirePresent("a number");
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                double d = Double.parseDouble(node.asText().trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw expected("a number");
    }

    public double asDouble(double defaultValue) {
        return isMissing() ? defaultValue : asDouble();
    }

    /** A required number in {@code [min, max]}. */
    public double asDoubleIn(double min, double max) {
        String expected = "a number in [" + fmt(min) + ", " + fmt(max) + "]";
        requirePresent(expected);
        double d;
        try {
            d = asDouble();
        } catch (RouterConfigException e) {
            throw expected(expected);
        }
        if (d < min || d > max) {
            throw expected(expected);
        }
        return d;
    }

    public double asDoubleIn(double min, double max, double defaultValue) {
        return isMissing() ? defaultValue : asDoubleIn(min, max);
    }

    /** A required number &ge; 0 (a price, a weight). */
    public double asNonNegative() {
        requirePresent("a number >= 0");
        double d;
        try {
            d = asDouble();
        } catch (RouterConfigException e) {
            throw expected("a number >= 0");
        }
        if (d < 0) {
            throw expected("a number >= 0");
        }
        return d;
    }

    public int asInt() {
        requirePresent("a whole number");
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw expected("a whole number");
    }

    public int asInt(int defaultValue) {
        return isMissing() ? defaultValue : asInt();
    }

    /** A required whole number in {@code [min, max]}. */
    public int asIntIn(int min, int max) {
        String expected = "a whole number in [" + min + ", " + max + "]";
        requirePresent(expected);
        int i;
        try {
            i = asInt();
        } catch (RouterConfigException e) {
            throw expected(expected);
        }
        if (i < min || i > max) {
            throw expected(expected);
        }
        return i;
    }

    public int asIntIn(int min, int max, int defaultValue) {
        return isMissing() ? defaultValue : asIntIn(min, max);
    }

    public boolean asBoolean() {
        requirePresent("true or false");
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String t = node.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return t.equals("true");
            }
        }
        throw expected("true or false");
    }

    public boolean asBoolean(boolean defaultValue) {
        return isMissing() ? defaultValue : asBoolean();
    }

    /**
     * A required duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, an ISO-8601
     * {@code PT30S}, or a plain number of seconds. Negative durations are rejected.
     */
    public Duration asDuration() {
        String expected = "a duration such as 500ms, 30s, 2m, 1h or PT30S";
        requirePresent(expected);
        if (node.isNumber() && node.doubleValue() >= 0) {
            return Duration.ofMillis(Math.round(node.doubleValue() * 1000));
        }
        if (node.isTextual()) {
            String t = node.asText().trim();
            Matcher m = DURATION.matcher(t);
            if (m.matches()) {
                double amount = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                double millis = switch (unit) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    case "h" -> amount * 3_600_000;
                    default -> amount * 86_400_000;
                };
                return Duration.ofMillis(Math.round(millis));
            }
            if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    Duration d = Duration.parse(t);
                    if (!d.isNegative()) {
                        return d;
                    }
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
            }
        }
        throw expected(expected);
    }

    public Duration asDuration(Duration defaultValue) {
        return isMissing() ? defaultValue : asDuration();
    }

    /** A list of text values; a single text value counts as a list of one; empty when missing. */
    public List<String> asTextList() {
        if (isMissing()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(asText());
        }
        if (!node.isArray()) {
            throw expected("a list of text values");
        }
        return elements().stream().map(ConfigNode::asText).toList();
    }

    /**
     * A required enum constant, matched ignoring case and treating {@code -} as {@code _}
     * (so {@code response-format-json} matches {@code RESPONSE_FORMAT_JSON}).
     */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(ConfigNode::yamlName)
                .collect(Collectors.joining(", "));
        requirePresent("one of " + allowed);
        if (node.isTextual()) {
            String wanted = node.asText().trim().replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(wanted)) {
                    return e;
                }
            }
        }
        throw expected("one of " + allowed);
    }

    /**
     * This whole subtree as a Jackson tree, for parameters handed to a JSON reader as they are
     * (every field inside counts as known).
     */
    public JsonNode asJson() {
        document.markConsumed(path);
        return node.deepCopy();
    }

    /** An error about this value: {@code <path>: <problem> (<source> line L, column C)}. */
    public RouterConfigException error(String problem) {
        return document.error(path, problem);
    }

    /** An error saying what was expected here and what was found: {@code expected X, got "y"}. */
    public RouterConfigException expected(String what) {
        if (node.isMissingNode()) {
            return document.error(path, "required field is missing; expected " + what);
        }
        return document.error(path, "expected " + what + ", got " + describe());
    }

    /**
     * Declares the fields this mapping may have and fails right away on any other one (naming it
     * and, for a likely typo, the field meant). Optional: fields never asked for are reported anyway
     * once the factory returns; this only reports them first.
     */
    public ConfigNode expectFields(String... names) {
        if (!isMissing() && !node.isObject()) {
            throw expected("a mapping");
        }
        for (String name : names) {
            document.markKnown(path, name);
        }
        if (node.isObject()) {
            checkFields(false, null);
        }
        return this;
    }

    /**
     * Fails when a mapping in this subtree has a field nobody asked for, naming it and the fields
     * that are known. {@code deferred} are paths whose subtrees are checked later.
     */
    void checkNoUnknownFields(Set<String> deferred) {
        checkFields(true, deferred);
    }

    private void checkFields(boolean deep, Set<String> deferred) {
        if (document.consumed(path) || deferred != null && deferred.contains(path)) {
            return;
        }
        if (node.isObject()) {
            Set<String> known = document.known(path);
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw document.errorAtKey(childPath(path, name), "unknown field '" + name + "'; "
                            + (known.isEmpty() ? "no fields are expected here"
                            : "expected one of: " + String.join(", ", new TreeSet<>(known)))
                            + suggestion(name, known));
                }
                if (deep) {
                    new ConfigNode(document, node.get(name), childPath(path, name), name).checkFields(true, deferred);
                }
            }
        } else if (node.isArray() && deep) {
            elements().forEach(e -> e.checkFields(true, deferred));
        }
    }

    boolean isSecret() {
        return document.secret(path) || YamlDocument.isSecretName(key);
    }

    /** How the value is shown in messages: quoted text, a number, "a mapping"; secrets hidden. */
    String describe() {
        if (node.isMissingNode()) {
            return "nothing";
        }
        if (isSecret() && node.isValueNode()) {
            return "a value (hidden: secret)";
        }
        if (document.tainted(path) && node.isValueNode()) {
            return "a value from " + document.origin(path) + " (hidden: it came from the environment)";
        }
        if (node.isTextual() && path.isEmpty()) {
            return "a text value (not shown" + (ASSIGNMENTS.matcher(node.asText()).find() ? "; it looks like NAME=value"
                    + " lines, as in a .env file" : "") + ")";
        }
        if (node.isTextual() && ASSIGNMENTS.matcher(node.asText()).find()) {
            return "a text value (hidden: it looks like NAME=value lines, as in a .env file)";
        }
        String shown;
        if (node.isObject()) {
            shown = "a mapping";
        } else if (node.isArray()) {
            shown = "a list";
        } else if (node.isNull()) {
            shown = "null";
        } else if (node.isTextual()) {
            String t = node.asText();
            shown = '"' + (t.length() > 80 ? t.substring(0, 77) + "..." : t) + '"';
        } else {
            shown = node.asText();
        }
        String origin = document.origin(path);
        return origin == null ? shown : shown + " (from " + origin + ")";
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "<document>" : path) + " = " + (node.isContainerNode() ? describeTree() : describe());
    }

    private String describeTree() {
        if (node.isArray()) {
            return elements().stream().map(e -> e.isObject() || e.isList() ? e.describeTree() : e.describe())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        StringBuilder b = new StringBuilder("{");
        for (String name : fieldNames()) {
            ConfigNode child = new ConfigNode(document, node.get(name), childPath(path, name), name);
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(name).append(": ").append(child.node.isContainerNode() ? child.describeTree() : child.describe());
        }
        return b.append('}').toString();
    }

    private void requirePresent(String expected) {
        if (isMissing()) {
            if (node.isNull()) {
                throw document.error(path, "expected " + expected + ", got null");
            }
            throw document.error(path, "required field is missing; expected " + expected);
        }
    }

    static String childPath(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String parentPath(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String suggestion(String name, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null || bestDistance > Math.max(1, name.length() / 3)) {
            best = known.stream().filter(k -> k.startsWith(name) || name.startsWith(k)).findFirst().orElse(null);
        }
        return best != null ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
