package io.github.router4j.core.learned;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap features of a routing text that every router may use next to (or instead of) an embedding:
 * length, code, math, numbers and the kind of question. Values are roughly on a unit scale; the
 * order is {@link #NAMES}. Thread-safe, no state.
 */
public final class TextFeatures {

    /** Feature names, in the order {@link #of(String)} returns them. */
    public static final List<String> NAMES = List.of(
            "log_chars", "log_words", "log_lines", "code", "math", "log_numbers", "question_marks",
            "wh_question", "yes_no_question", "multiple_choice", "instruction");

    private static final Pattern CODE_LINE = Pattern.compile(
            "(^\\s*(def |class |import |public |private |function |return |#include|for\\s*\\(|if\\s*\\(|while\\s*\\())"
                    + "|([;{}]\\s*$)|(=>)|(\\w+\\(.*\\)\\s*[;{:]?\\s*$)");
    private static final Pattern MATH = Pattern.compile(
            "(\\\\frac|\\\\sqrt|\\\\sum|\\\\int|\\$[^$]+\\$|\\d\\s*[-+*/^=<>]\\s*\\d|\\b(solve|calculate|compute|equation"
                    + "|integral|derivative|probability|how many|how much|percent|sum of|product of)\\b)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Pattern WH = Pattern.compile("^(what|why|how|which|who|whom|whose|when|where)\\b");
    private static final Pattern YES_NO = Pattern.compile(
            "^(is|are|was|were|do|does|did|can|could|should|would|will|has|have|had)\\b");
    private static final Pattern CHOICE = Pattern.compile("(?m)^\\s*\\(?[A-Da-d][).:]\\s+\\S");
    private static final Pattern INSTRUCTION = Pattern.compile(
            "^(write|explain|summari[sz]e|describe|list|give|create|generate|translate|compose|draft|implement"
                    + "|rewrite|compare|tell|find|prove|show)\\b");

    private TextFeatures() {
    }

    /** The features of {@code text}, in the order of {@link #NAMES}. */
    public static double[] of(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String[] lines = trimmed.isEmpty() ? new String[0] : trimmed.split("\\R");
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        int codeLines = 0;
        for (String line : lines) {
            if (CODE_LINE.matcher(line).find()) {
                codeLines++;
            }
        }
        double code = trimmed.contains("```") ? 1 : lines.length == 0 ? 0 : Math.min(1, 2.0 * codeLines / lines.length);
        double math = Math.min(1, count(MATH.matcher(lower)) / 3.0);
        int numbers = count(NUMBER.matcher(trimmed));
        int questionMarks = (int) trimmed.chars().filter(c -> c == '?').count();
        String lastSentence = lastSentence(lower);
        return new double[] {
                Math.log1p(trimmed.length()) / 8,
                Math.log1p(words) / 6,
                Math.log1p(lines.length) / 3,
                code,
                math,
                Math.log1p(numbers) / 3,
                Math.min(questionMarks, 5) / 5.0,
                WH.matcher(lower).find() || WH.matcher(lastSentence).find() ? 1 : 0,
                YES_NO.matcher(lower).find() || YES_NO.matcher(lastSentence).find() ? 1 : 0,
                count(CHOICE.matcher(trimmed)) >= 3 ? 1 : 0,
                INSTRUCTION.matcher(lower).find() ? 1 : 0,
        };
    }

    private static String lastSentence(String lower) {
        int cut = Math.max(lower.lastIndexOf('\n', Math.max(0, lower.length() - 2)),
                lower.lastIndexOf(". ", Math.max(0, lower.length() - 2)));
        return cut < 0 ? lower : lower.substring(cut + 1).strip();
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
