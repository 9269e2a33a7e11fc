package io.github.router4j.learned;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap features of a routing text that every router may use next to (or instead of) an embedding:
 * length, code, math, numbers and the kind of question. Values are roughly on a unit scale; the
 * order is {@link #NAMES}. Thread-safe, no state.
 *
 * <p>Speed: counts and prefixes are scanned character by character; the code and math expressions run only on
 * texts that contain a character or word they need, so a plain prose request costs no regular-expression search.
 */
public final class TextFeatures {

    /** Feature names, in the order {@link #of(String)} returns them. */
    public static final List<String> NAMES = List.of(
            "log_chars", "log_words", "log_lines", "code", "math", "log_numbers", "question_marks",
            "wh_question", "yes_no_question", "multiple_choice", "instruction");

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern CODE_LINE = Pattern.compile(
            "(^\\s*(def |class |import |public |private |function |return |#include|for\\s*\\(|if\\s*\\(|while\\s*\\())"
                    + "|([;{}]\\s*$)|(=>)|(\\w+\\(.*\\)\\s*[;{:]?\\s*$)");
    private static final List<String> CODE_KEYWORDS = List.of(
            "def ", "class ", "import ", "public ", "private ", "function ", "return ", "#include");
    private static final Pattern MATH = Pattern.compile(
            "(\\\\frac|\\\\sqrt|\\\\sum|\\\\int|\\$[^$]+\\$|\\d\\s*[-+*/^=<>]\\s*\\d|\\b(solve|calculate|compute|equation"
                    + "|integral|derivative|probability|how many|how much|percent|sum of|product of)\\b)");
    private static final List<String> MATH_WORDS = List.of("solve", "calculate", "compute", "equation", "integral",
            "derivative", "probability", "how many", "how much", "percent", "sum of", "product of");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("\\b");
    private static final List<String> WH = List.of("what", "why", "how", "which", "who", "whom", "whose", "when",
            "where");
    private static final List<String> YES_NO = List.of("is", "are", "was", "were", "do", "does", "did", "can", "could",
            "should", "would", "will", "has", "have", "had");
    private static final Pattern CHOICE = Pattern.compile("(?m)^\\s*\\(?[A-Da-d][).:]\\s+\\S");
    private static final List<String> INSTRUCTION = List.of("write", "explain", "summarise", "summarize", "describe",
            "list", "give", "create", "generate", "translate", "compose", "draft", "implement", "rewrite", "compare",
            "tell", "find", "prove", "show");

    private TextFeatures() {
    }

    /** The features of {@code text}, in the order of {@link #NAMES}. */
    public static double[] of(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String[] lines = trimmed.isEmpty() ? new String[0]
                : hasLineBreak(trimmed) ? LINE_BREAK.split(trimmed) : new String[] {trimmed};
        int codeLines = 0;
        for (String line : lines) {
            if (isCodeLine(line)) {
                codeLines++;
            }
        }
        double code = trimmed.contains("```") ? 1 : lines.length == 0 ? 0 : Math.min(1, 2.0 * codeLines / lines.length);
        double math = mayBeMath(lower) ? Math.min(1, count(MATH.matcher(lower)) / 3.0) : 0;
        int words = 0;
        int numbers = 0;
        int questionMarks = 0;
        int choicePairs = 0;
        boolean inWord = false;
        int n = trimmed.length();
        for (int i = 0; i < n; i++) {
            char c = trimmed.charAt(i);
            boolean space = isRegexSpace(c);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            if (c == '?') {
                questionMarks++;
            } else if (isDigit(c)) {
                numbers++;
                i = skipNumber(trimmed, i);
            } else if ((c >= 'A' && c <= 'D' || c >= 'a' && c <= 'd') && i + 1 < n && ").:".indexOf(trimmed.charAt(i + 1)) >= 0) {
                choicePairs++;
            }
        }
        String lastSentence = lastSentence(lower);
        return new double[] {
                Math.log1p(trimmed.length()) / 8,
                Math.log1p(words) / 6,
                Math.log1p(lines.length) / 3,
                code,
                math,
                Math.log1p(numbers) / 3,
                Math.min(questionMarks, 5) / 5.0,
                startsWithWord(lower, WH) || startsWithWord(lastSentence, WH) ? 1 : 0,
                startsWithWord(lower, YES_NO) || startsWithWord(lastSentence, YES_NO) ? 1 : 0,
                choicePairs >= 3 && count(CHOICE.matcher(trimmed)) >= 3 ? 1 : 0,
                startsWithWord(lower, INSTRUCTION) ? 1 : 0,
        };
    }

    /** Whether {@link #LINE_BREAK} ({@code \\R}) can match in {@code s}. */
    private static boolean hasLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\n' && c <= '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** {@code CODE_LINE.matcher(line).find()}, without the search when the line has none of its characters. */
    private static boolean isCodeLine(String line) {
        if (line.indexOf('(') >= 0 || line.indexOf(';') >= 0 || line.indexOf('{') >= 0 || line.indexOf('}') >= 0
                || line.contains("=>")) {
            return CODE_LINE.matcher(line).find();
        }
        int start = 0;
        while (start < line.length() && isRegexSpace(line.charAt(start))) {
            start++;
        }
        for (String keyword : CODE_KEYWORDS) {
            if (line.startsWith(keyword, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayBeMath(String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\\' || c == '$' || isDigit(c)) {
                return true;
            }
        }
        for (String word : MATH_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the last character of the number ({@code \d+(?:[.,]\d+)?}) starting at {@code i}. */
    private static int skipNumber(String s, int i) {
        int j = i + 1;
        while (j < s.length() && isDigit(s.charAt(j))) {
            j++;
        }
        if (j + 1 < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ',') && isDigit(s.charAt(j + 1))) {
            j += 2;
            while (j < s.length() && isDigit(s.charAt(j))) {
                j++;
            }
        }
        return j - 1;
    }

    /** {@code ^(w1|w2|...)\b}: {@code s} starts with one of {@code words} followed by a word boundary. */
    private static boolean startsWithWord(String s, List<String> words) {
        for (String word : words) {
            if (s.startsWith(word) && boundaryAt(s, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean boundaryAt(String s, int i) {
        if (i == s.length()) {
            return true;
        }
        char c = s.charAt(i);
        if (c < 128) {
            return !(c == '_' || isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
        }
        return WORD_BOUNDARY.matcher(s).region(i, s.length()).useTransparentBounds(true).lookingAt();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The regular-expression {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
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
