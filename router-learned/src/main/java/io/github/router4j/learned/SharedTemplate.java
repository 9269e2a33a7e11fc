package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text many training prompts share (instructions, a policy, few-shot examples, a closing "Answer:"),
 * learned from the prompts and removed before they are embedded, so that routers see what tells the
 * requests apart. Two parts:
 * <ul>
 *   <li>template lines: every line (compared without surrounding whitespace) that occurs in at least
 *   {@code minShare} of the prompts and in at least three of them; this covers shared prefixes and
 *   suffixes of whole lines and repeated few-shot blocks wherever they stand;</li>
 *   <li>a prefix and a suffix inside lines: the longest text, cut at a word boundary and at least
 *   {@value #MIN_AFFIX_CHARS} characters long, that every prompt starts (ends) with once the template
 *   lines are gone.</li>
 * </ul>
 * A text that would be left empty is kept whole. Saved with the router ({@link LearnedRouters#withTemplate})
 * and removed again at routing time. Immutable and thread-safe.
 */
public final class SharedTemplate {

    /** Default share of prompts a line must occur in to count as template. */
    public static final double DEFAULT_MIN_SHARE = 0.2;
    /** Shortest prefix or suffix removed inside lines. */
    public static final int MIN_AFFIX_CHARS = 20;
    private static final int MIN_PROMPTS = 3;
    private static final SharedTemplate NONE = new SharedTemplate(Set.of(), "", "");

    private final Set<String> lines;
    private final String prefix;
    private final String suffix;

    private SharedTemplate(Collection<String> lines, String prefix, String suffix) {
        this.lines = Set.copyOf(lines);
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** Removes nothing. */
    public static SharedTemplate none() {
        return NONE;
    }

    /** The template of {@code prompts} with {@link #DEFAULT_MIN_SHARE}. */
    public static SharedTemplate learn(List<String> prompts) {
        return learn(prompts, DEFAULT_MIN_SHARE);
    }

    /** The template of {@code prompts}: lines in at least {@code minShare} of them, then a common prefix and suffix. */
    public static SharedTemplate learn(List<String> prompts, double minShare) {
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("minShare must be in (0, 1], was " + minShare);
        }
        if (prompts.size() < MIN_PROMPTS) {
            return NONE;
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String prompt : prompts) {
            for (String line : new HashSet<>(trimmedLines(prompt))) {
                if (!line.isEmpty()) {
                    counts.merge(line, 1, Integer::sum);
                }
            }
        }
        double needed = Math.max(MIN_PROMPTS, minShare * prompts.size());
        Set<String> shared = new LinkedHashSet<>();
        counts.forEach((line, n) -> {
            if (n >= needed) {
                shared.add(line);
            }
        });
        SharedTemplate byLines = new SharedTemplate(shared, "", "");
        List<String> rest = prompts.stream().map(byLines::withoutLines).filter(t -> !t.isBlank()).toList();
        if (rest.size() < MIN_PROMPTS) {
            return byLines;
        }
        String prefix = commonPrefix(rest);
        String suffix = new StringBuilder(commonPrefix(rest.stream()
                .map(t -> new StringBuilder(t).reverse().toString()).toList())).reverse().toString();
        return new SharedTemplate(shared, wordBoundaryPrefix(prefix), wordBoundarySuffix(suffix));
    }

    /** {@code text} without the template; the whole text when nothing else would remain. */
    public String strip(String text) {
        if (isEmpty()) {
            return text;
        }
        String rest = withoutLines(text);
        if (!prefix.isEmpty() && rest.startsWith(prefix)) {
            rest = rest.substring(prefix.length());
        }
        if (!suffix.isEmpty() && rest.endsWith(suffix)) {
            rest = rest.substring(0, rest.length() - suffix.length());
        }
        rest = rest.strip();
        return rest.isEmpty() ? text : rest;
    }

    public boolean isEmpty() {
        return lines.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
    }

    /** The template lines. */
    public Set<String> lines() {
        return lines;
    }

    public String prefix() {
        return prefix;
    }

    public String suffix() {
        return suffix;
    }

    /** Characters of template text (lines, prefix, suffix), for reports. */
    public int size() {
        return lines.stream().mapToInt(String::length).sum() + prefix.length() + suffix.length();
    }

    private String withoutLines(String text) {
        if (lines.isEmpty()) {
            return text.strip();
        }
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            if (!lines.contains(line.strip())) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).strip();
    }

    private static List<String> trimmedLines(String text) {
        return text.lines().map(String::strip).toList();
    }

    private static String commonPrefix(List<String> texts) {
        String first = texts.get(0);
        int n = first.length();
        for (String t : texts) {
            n = Math.min(n, t.length());
            for (int i = 0; i < n; i++) {
                if (t.charAt(i) != first.charAt(i)) {
                    n = i;
                    break;
                }
            }
        }
        return first.substring(0, n);
    }

    private static String wordBoundaryPrefix(String prefix) {
        int cut = prefix.length();
        while (cut > 0 && !Character.isWhitespace(prefix.charAt(cut - 1))) {
            cut--;
        }
        return cut >= MIN_AFFIX_CHARS ? prefix.substring(0, cut) : "";
    }

    private static String wordBoundarySuffix(String suffix) {
        int cut = 0;
        while (cut < suffix.length() && !Character.isWhitespace(suffix.charAt(cut))) {
            cut++;
        }
        return suffix.length() - cut >= MIN_AFFIX_CHARS ? suffix.substring(cut) : "";
    }

    void write(ObjectNode node) {
        ArrayNode array = node.putArray("lines");
        lines.stream().sorted().forEach(array::add);
        node.put("prefix", prefix);
        node.put("suffix", suffix);
    }

    static SharedTemplate read(Json json) {
        List<String> lines = json.strings("lines");
        String prefix = json.has("prefix") ? json.text("prefix") : "";
        String suffix = json.has("suffix") ? json.text("suffix") : "";
        return new SharedTemplate(lines, prefix, suffix);
    }

    @Override
    public String toString() {
        return "SharedTemplate{" + lines.size() + " lines, prefix " + prefix.length() + " chars, suffix "
                + suffix.length() + " chars}";
    }
}
