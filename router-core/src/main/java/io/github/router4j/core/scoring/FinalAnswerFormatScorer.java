package io.github.router4j.core.scoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code scorer for the shape of a math answer's ending: 1 when a line {@code #### n} states the final
 * number (GSM8K's format), 0.5 when there is no such line but the last line still contains a number
 * (e.g. "The answer is 18."), 0 otherwise: a truncated or number-less answer, or a {@code ####} line
 * without a number. Use as a scoring-spec sub-dimension ({@code scoring_type: CODE}, {@code java_class:
 * io.github.router4j.core.scoring.FinalAnswerFormatScorer}) or call {@link #finalAnswer(String)}.
 * Stateless and thread-safe.
 */
public final class FinalAnswerFormatScorer implements CodeScorer {

    private static final Pattern MARKED = Pattern.compile("(?m)^\\s*####\\s*(.*)$");
    private static final Pattern NUMBER = Pattern.compile("-?\\$?\\s*(\\d[\\d,]*(?:\\.\\d+)?)");

    @Override
    public Score score(String response, String input) {
        Matcher marked = MARKED.matcher(response);
        String lastMarked = null;
        while (marked.find()) {
            lastMarked = marked.group(1);
        }
        if (lastMarked != null) {
            return NUMBER.matcher(lastMarked).find()
                    ? Score.of(1, "final answer line '#### " + lastMarked.strip() + "'")
                    : Score.of(0, "'####' line without a number");
        }
        String last = lastLine(response);
        if (last.isEmpty()) {
            return Score.of(0, "empty answer");
        }
        return NUMBER.matcher(last).find()
                ? Score.of(0.5, "no '#### n' line; the last line has a number")
                : Score.of(0, "no final number");
    }

    /**
     * The final number of {@code answer}: the one on its last {@code ####} line, else the last number
     * of its last line; NaN when there is none.
     */
    public static double finalAnswer(String answer) {
        Matcher marked = MARKED.matcher(answer);
        String line = null;
        while (marked.find()) {
            line = marked.group(1);
        }
        boolean isMarked = line != null;
        Matcher n = NUMBER.matcher(isMarked ? line : lastLine(answer));
        String found = null;
        boolean negative = false;
        while (n.find()) {
            found = n.group(1);
            negative = n.group().startsWith("-");
            if (isMarked) {
                break;
            }
        }
        if (found == null) {
            return Double.NaN;
        }
        double v = Double.parseDouble(found.replace(",", ""));
        return negative ? -v : v;
    }

    private static String lastLine(String text) {
        String s = text.strip();
        int cut = s.lastIndexOf('\n');
        return cut < 0 ? s : s.substring(cut + 1).strip();
    }
}
