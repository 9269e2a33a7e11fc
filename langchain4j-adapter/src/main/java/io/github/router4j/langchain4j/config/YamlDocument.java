package io.github.router4j.langchain4j.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed YAML document: the Jackson tree after {@code ${ENV:default}} interpolation, plus what
 * the tree itself forgets: each value's line and column, which values came from the environment,
 * and which fields the configuration code looked at (everything else is an unknown field).
 *
 * <p>It also tracks what must never be shown: the paths whose value contains text from an
 * environment variable (tainted), and every such value and every secret field's value, which
 * {@link #redact(String)} removes from any message built about this document.
 */
final class YamlDocument {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([^}:]*)(?::([^}]*))?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(api[-_]?key|secret|password|passwd|token|authorization|credentials?|private[-_]?key)$",
            Pattern.CASE_INSENSITIVE);
    /** Shorter values are hidden where they are shown as values, but not searched for in other text. */
    private static final int MIN_REDACTED_LENGTH = 4;
    static final String REDACTED = "***";

    final String source;
    final JsonNode root;
    private final Function<String, String> environment;
    /** Put before every error path, e.g. {@code router4j}; empty for a YAML file. */
    private final String pathPrefix;
    private final Map<String, int[]> locations = new ConcurrentHashMap<>();
    private final Map<String, int[]> keyLocations = new ConcurrentHashMap<>();
    private final Map<String, String> origins = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Set<String> tainted = ConcurrentHashMap.newKeySet();
    private final Set<String> sensitive = ConcurrentHashMap.newKeySet();

    private YamlDocument(String yaml, String source, Function<String, String> environment) {
        this.source = source;
        this.environment = environment;
        this.pathPrefix = "";
        this.root = parse(yaml);
    }

    private YamlDocument(JsonNode tree, String source, String pathPrefix) {
        this.source = source;
        this.environment = name -> null;
        this.pathPrefix = pathPrefix;
        this.root = tree;
    }

    static YamlDocument parse(String yaml, String source, Function<String, String> environment) {
        return new YamlDocument(yaml, source, environment);
    }

    /**
     * A tree read elsewhere (e.g. Spring properties, placeholders already resolved); errors name
     * {@code pathPrefix} + the path, and no line.
     */
    static YamlDocument ofTree(JsonNode tree, String source, String pathPrefix) {
        return new YamlDocument(tree, source, pathPrefix);
    }

    private String fullPath(String path) {
        if (pathPrefix.isEmpty()) {
            return path;
        }
        return path.isEmpty() || path.startsWith("[") ? pathPrefix + path : pathPrefix + "." + path;
    }

    private String errorSource() {
        return pathPrefix.isEmpty() ? source : null;
    }

    ConfigNode rootNode() {
        return new ConfigNode(this, root, "", "");
    }

    private JsonNode parse(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw error("", "the configuration is empty; expected a mapping with at least 'tiers:'", (JsonLocation) null);
            }
            JsonNode tree = read(parser, "");
            if (parser.nextToken() != null) {
                throw error("", "expected one YAML document, found more than one ('---')",
                        parser.currentTokenLocation());
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw new RouterConfigException("", "cannot read the YAML: " + e.getClass().getSimpleName(), source,
                    -1, -1, null);
        }
    }

    private JsonNode read(JsonParser p, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        locations.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String childPath = ConfigNode.childPath(path, name);
                    JsonLocation keyAt = p.currentTokenLocation();
                    if (object.has(name)) {
                        throw error(childPath, "duplicate field '" + name + "'", keyAt);
                    }
                    keyLocations.put(childPath, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                    p.nextToken();
                    object.set(name, read(p, childPath));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(p, path + "[" + i++ + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                String text = interpolate(p.getText(), path, at);
                if (isSecretName(lastFieldName(path)) && !text.isBlank()) {
                    sensitive.add(text);
                }
                return NODES.textNode(text);
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw error(path, "unsupported YAML value (" + p.currentToken() + ")", at);
        }
    }

    private String interpolate(String text, String path, JsonLocation at) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        boolean replaced = false;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            if (m.group().equals("$${")) {
                out.append("${");
                continue;
            }
            String name = m.group(1).trim();
            if (!ENV_NAME.matcher(name).matches()) {
                throw error(path, "bad placeholder '" + m.group() + "'; expected ${NAME} or ${NAME:default}", at);
            }
            String value = environment.apply(name);
            if (value == null) {
                if (m.group(2) == null) {
                    throw error(path, "environment variable " + name + " is not set and the placeholder has no"
                            + " default; set it, or write ${" + name + ":default}", at);
                }
                value = m.group(2);
            } else {
                tainted.add(path);
                if (!value.isBlank()) {
                    sensitive.add(value);
                }
            }
            out.append(value);
            replaced = true;
        }
        out.append(text.substring(last));
        String result = out.toString();
        if (result.contains("${") && !text.contains("$${")) {
            throw error(path, "unterminated placeholder; expected ${NAME} or ${NAME:default}", at);
        }
        if (replaced) {
            origins.put(path, text);
        }
        return result;
    }

    private static String lastFieldName(String path) {
        String p = path;
        while (p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
        }
        return p.substring(p.lastIndexOf('.') + 1);
    }

    RouterConfigException error(String path, String problem, JsonLocation at) {
        return new RouterConfigException(fullPath(path), redact(problem), errorSource(), at == null ? -1 : at.getLineNr(),
                at == null ? -1 : at.getColumnNr(), null);
    }

    /** An error about the value at {@code path}, located at it or at its nearest ancestor that exists. */
    RouterConfigException error(String path, String problem) {
        return error(path, problem, (Throwable) null);
    }

    /** Like {@link #error(String, String)}, with a cause (redacted, as the message is). */
    RouterConfigException error(String path, String problem, Throwable cause) {
        int[] at = locate(path);
        return new RouterConfigException(fullPath(path), redact(problem), errorSource(), at == null ? -1 : at[0],
                at == null ? -1 : at[1], cause == null ? null : redacted(cause));
    }

    /** An error about the field name at {@code path} (an unknown field), located at the name. */
    RouterConfigException errorAtKey(String path, String problem) {
        int[] at = keyLocations.getOrDefault(path, locate(path));
        return new RouterConfigException(fullPath(path), redact(problem), errorSource(), at == null ? -1 : at[0],
                at == null ? -1 : at[1], null);
    }

    private int[] locate(String path) {
        String p = path;
        while (true) {
            int[] at = locations.get(p);
            if (at != null || p.isEmpty()) {
                return at;
            }
            p = ConfigNode.parentPath(p);
        }
    }

    /** The text the value was written as before interpolation, e.g. {@code ${TIMEOUT:30s}}; null if literal. */
    String origin(String path) {
        return origins.get(path);
    }

    void markKnown(String objectPath, String key) {
        known.computeIfAbsent(objectPath, k -> ConcurrentHashMap.newKeySet()).add(key);
    }

    /** Whether anything other than {@code ignored} has been read from the mapping at {@code objectPath}. */
    boolean readBeyond(String objectPath, String... ignored) {
        Set<String> read = new java.util.HashSet<>(known(objectPath));
        read.removeAll(List.of(ignored));
        return !read.isEmpty() || consumed(objectPath);
    }

    Set<String> known(String objectPath) {
        return known.getOrDefault(objectPath, Set.of());
    }

    void markConsumed(String path) {
        consumed.add(path);
    }

    boolean consumed(String path) {
        return consumed.contains(path);
    }

    void markSecret(String path, String value) {
        secrets.add(path);
        if (value != null && !value.isBlank()) {
            sensitive.add(value);
        }
    }

    boolean secret(String path) {
        return secrets.contains(path);
    }

    /**
     * The parser's explanation and position, without its excerpt of the source (which may hold a key):
     * the problem, then the context and where it started, located at the problem's line and column.
     */
    private RouterConfigException syntaxError(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
                Mark problemAt = marked.getProblemMark();
                Mark contextAt = marked.getContextMark();
                StringBuilder problem = new StringBuilder("not valid YAML: ").append(marked.getProblem().trim());
                if (marked.getContext() != null) {
                    problem.append(" (").append(marked.getContext().trim());
                    if (contextAt != null && (problemAt == null || contextAt.getLine() != problemAt.getLine()
                            || contextAt.getColumn() != problemAt.getColumn())) {
                        problem.append(" that started at line ").append(contextAt.getLine() + 1)
                                .append(", column ").append(contextAt.getColumn() + 1);
                    }
                    problem.append(')');
                }
                return new RouterConfigException("", problem.toString(), source,
                        problemAt == null ? -1 : problemAt.getLine() + 1,
                        problemAt == null ? -1 : problemAt.getColumn() + 1, null);
            }
        }
        JsonLocation at = e.getLocation();
        return new RouterConfigException("", "not valid YAML: " + withoutExcerpt(e.getOriginalMessage()), source,
                at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), null);
    }

    /** The first line of a parser message, with any quoted source text replaced. */
    private static String withoutExcerpt(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        String line = (nl < 0 ? message : message.substring(0, nl)).trim();
        return line.replaceAll("'[^']*'", "'" + REDACTED + "'").replaceAll("\"[^\"]*\"", "\"" + REDACTED + "\"");
    }

    static boolean isSecretName(String key) {
        return key != null && SECRET_NAME.matcher(key).matches();
    }

    /** Whether the value at {@code path} contains text that came from an environment variable. */
    boolean tainted(String path) {
        return tainted.contains(path);
    }

    /**
     * {@code text} with every value that came from an environment variable or a secret field
     * replaced by {@value #REDACTED} (longest first, so a value containing another goes whole).
     */
    String redact(String text) {
        if (text == null || sensitive.isEmpty()) {
            return text;
        }
        List<String> values = sensitive.stream().filter(v -> v.length() >= MIN_REDACTED_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, REDACTED);
            }
        }
        return out;
    }

    /** {@code e} itself when its message shows nothing sensitive, else a copy with the message redacted. */
    RouterConfigException redact(RouterConfigException e) {
        String clean = redact(e.problem());
        if (clean.equals(e.problem()) && e.getCause() == null) {
            return e;
        }
        RouterConfigException copy = new RouterConfigException(e.path(), clean, e.source().orElse(null), e.line(),
                e.column(), e.getCause() == null ? null : redacted(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /**
     * A stand-in for {@code t} that keeps its type name, redacted message and stack trace, for a
     * cause that must not carry a secret in its own message.
     */
    Throwable redacted(Throwable t) {
        RuntimeException copy = new RuntimeException(t.getClass().getName()
                + (t.getMessage() == null ? "" : ": " + redact(t.getMessage())),
                t.getCause() == null || t.getCause() == t ? null : redacted(t.getCause()));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }
}
