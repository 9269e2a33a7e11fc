package io.github.router4j.learned;

import io.github.router4j.core.scoring.ArithmeticConsistencyScorer;
import io.github.router4j.core.scoring.FinalAnswerFormatScorer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cheap features of an answer that say whether it is probably good: its length (also against the
 * prompt's), refusals and hedging, a final-answer line, the arithmetic it shows (recomputed by
 * {@link ArithmeticConsistencyScorer}), repeated lines and an abrupt ending. Values are roughly on a
 * unit scale, in the order of {@link #NAMES}. Thread-safe, no state.
 */
public final class AnswerFeatures {

    /** Feature names, in the order {@link #of(String, String)} returns them. */
    public static final List<String> NAMES = List.of(
            "log_chars", "log_lines", "log_length_ratio", "refusal", "hedging", "final_answer_format",
            "arithmetic_consistency", "log_arithmetic_steps", "arithmetic_wrong", "log_numbers", "code_block",
            "abrupt_ending", "repeated_lines");

    private static final List<String> REFUSALS = List.of("i cannot", "i can't", "i'm sorry", "i am sorry",
            "as an ai", "i'm unable", "i am unable", "i apologize", "i don't have enough information",
            "cannot be determined", "not enough information");
    private static final List<String> HEDGES = List.of("i think", "probably", "might be", "not sure", "it seems",
            "approximately", "assum", "however", "unclear", "may be");
    private static final FinalAnswerFormatScorer FORMAT = new FinalAnswerFormatScorer();

    private AnswerFeatures() {
    }

    /** The features of {@code answer} to {@code prompt}, in the order of {@link #NAMES}. */
    public static double[] of(String prompt, String answer) {
        String text = answer.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        String[] lines = text.isEmpty() ? new String[0] : text.split("\\R");
        ArithmeticConsistencyScorer.Check arithmetic = ArithmeticConsistencyScorer.check(text);
        return new double[] {
                Math.log1p(text.length()) / 8,
                Math.log1p(lines.length) / 3,
                (Math.log1p(text.length()) - Math.log1p(prompt.strip().length())) / 3,
                contains(lower, REFUSALS) > 0 ? 1 : 0,
                Math.min(3, contains(lower, HEDGES)) / 3.0,
                FORMAT.score(text, prompt).value(),
                arithmetic.consistency(),
                Math.log1p(arithmetic.steps()) / 3,
                Math.min(3, arithmetic.wrong()) / 3.0,
                Math.log1p(numbers(text)) / 4,
                text.contains("```") ? 1 : 0,
                abrupt(text) ? 1 : 0,
                repeated(lines),
        };
    }

    /** The features of {@code answer} to {@code prompt} by name, in the order of {@link #NAMES}. */
    public static Map<String, Double> named(String prompt, String answer) {
        double[] values = of(prompt, answer);
        Map<String, Double> named = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            named.put(NAMES.get(i), values[i]);
        }
        return named;
    }

    private static int contains(String lower, List<String> phrases) {
        int n = 0;
        for (String p : phrases) {
            if (lower.contains(p)) {
                n++;
            }
        }
        return n;
    }

    private static int numbers(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i)) && (i == 0 || !Character.isDigit(text.charAt(i - 1))
                    && text.charAt(i - 1) != '.' && text.charAt(i - 1) != ',')) {
                n++;
            }
        }
        return n;
    }

    /** Ends without closing punctuation, a number, a closing bracket or a code fence: probably cut off. */
    private static boolean abrupt(String text) {
        if (text.isEmpty()) {
            return true;
        }
        char last = text.charAt(text.length() - 1);
        return Character.isLetter(last) && text.length() > 200 || last == ',' || last == '-';
    }

    /** The share of non-blank lines that repeat an earlier line (a looping answer). */
    private static double repeated(String[] lines) {
        Set<String> seen = new HashSet<>();
        int nonBlank = 0;
        int repeats = 0;
        for (String line : lines) {
            String s = line.strip();
            if (s.length() < 8) {
                continue;
            }
            nonBlank++;
            if (!seen.add(s)) {
                repeats++;
            }
        }
        return nonBlank == 0 ? 0 : (double) repeats / nonBlank;
    }
}
