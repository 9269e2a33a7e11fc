package io.github.router4j.core.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A code scorer that recomputes the arithmetic an answer shows: every GSM8K-style calculator step
 * {@code <<a*b=c>>} and every plain equation such as {@code 16 - 3 = 13}, {@code 8 x $5 = $40} or
 * {@code 2 + 1/2 = 5/2 = 2.5}. The score is the share of checked steps whose result is right (1 when
 * there is no step to check). A result is right when it equals the recomputed value rounded to the
 * decimals it was written with, so {@code <<5/3=1.67>>} passes. Operators: {@code + - * / x × ÷},
 * parentheses, {@code %} (a hundredth); {@code $} and thousands separators are ignored.
 *
 * <p>Use as a scoring-spec sub-dimension ({@code scoring_type: CODE}, {@code java_class:
 * io.github.router4j.core.scoring.ArithmeticConsistencyScorer}) or call {@link #check(String)} for the
 * counts. Stateless and thread-safe.
 */
public final class ArithmeticConsistencyScorer implements CodeScorer {

    private static final Pattern ANNOTATION = Pattern.compile("<<([^<>=]*)=([^<>]*)>>");
    private static final String EXPRESSION_CHARS = "0123456789.,$%+-*/x×÷() \t";

    /**
     * What {@link #check(String)} found.
     *
     * @param steps      arithmetic steps checked
     * @param wrong      steps whose written result differs from the recomputed one
     * @param firstWrong the first wrong step with its recomputed value, or null when none is wrong
     */
    public record Check(int steps, int wrong, String firstWrong) {

        /** The share of right steps, 1 when no step was checked. */
        public double consistency() {
            return steps == 0 ? 1 : (double) (steps - wrong) / steps;
        }
    }

    @Override
    public Score score(String response, String input) {
        Check check = check(response);
        String reason = check.steps() == 0 ? "no arithmetic step to check"
                : check.wrong() == 0 ? "all " + check.steps() + " arithmetic steps right"
                : check.wrong() + " of " + check.steps() + " arithmetic steps wrong, first: " + check.firstWrong();
        return Score.of(check.consistency(), reason);
    }

    /** Recomputes every calculator annotation and plain equation of {@code answer}. */
    public static Check check(String answer) {
        List<String> wrong = new ArrayList<>();
        int[] steps = {0};
        Matcher m = ANNOTATION.matcher(answer);
        StringBuilder plain = new StringBuilder();
        while (m.find()) {
            verify(m.group(1), m.group(2), true, steps, wrong);
            m.appendReplacement(plain, " ");
        }
        m.appendTail(plain);
        String text = plain.toString();
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            String left = leftOperand(text, eq);
            String right = rightOperand(text, eq);
            if (left != null && right != null && hasOperator(left)) {
                verify(left, right, false, steps, wrong);
            }
        }
        return new Check(steps[0], wrong.size(), wrong.isEmpty() ? null : wrong.get(0));
    }

    private static void verify(String expression, String written, boolean annotated, int[] steps, List<String> wrong) {
        double value = Expression.evaluate(expression);
        double result = Expression.evaluate(written);
        if (Double.isNaN(value) || Double.isNaN(result)) {
            if (annotated) {
                steps[0]++;
                wrong.add("<<" + expression + "=" + written + ">> cannot be computed");
            }
            return;
        }
        steps[0]++;
        if (!agrees(value, result, decimals(written))) {
            wrong.add(expression.strip() + " = " + written.strip() + " (is " + format(value) + ")");
        }
    }

    private static boolean agrees(double value, double written, int decimals) {
        double half = 0.5 * Math.pow(10, -decimals);
        return Math.abs(value - written) <= half + 1e-9 * Math.max(1, Math.abs(value));
    }

    private static int decimals(String written) {
        String s = written.strip();
        int dot = s.lastIndexOf('.');
        if (dot < 0 || dot == s.length() - 1 || !Character.isDigit(s.charAt(dot + 1))) {
            return 0;
        }
        int d = 0;
        for (int i = dot + 1; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            d++;
        }
        return d;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The expression just before the {@code =} at {@code eq}, on the same line, or null. */
    private static String leftOperand(String text, int eq) {
        int start = eq;
        while (start > 0 && expressionChar(text, start - 1)) {
            start--;
        }
        String s = text.substring(start, eq).strip();
        int first = 0;
        while (first < s.length() && !startsExpression(s.charAt(first))) {
            first++;
        }
        s = s.substring(first);
        return s.isEmpty() || !Character.isDigit(lastNonSpace(s)) && lastNonSpace(s) != ')' && lastNonSpace(s) != '%'
                ? null : s;
    }

    /** The expression just after the {@code =} at {@code eq}, up to the next {@code =} or non-expression character. */
    private static String rightOperand(String text, int eq) {
        int end = eq + 1;
        while (end < text.length() && expressionChar(text, end)) {
            end++;
        }
        String s = text.substring(eq + 1, end).strip();
        while (!s.isEmpty() && ".,".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.chars().anyMatch(Character::isDigit) ? s : null;
    }

    private static boolean expressionChar(String text, int i) {
        char c = text.charAt(i);
        if (c == 'x') {
            boolean before = i == 0 || !Character.isLetter(text.charAt(i - 1));
            boolean after = i + 1 == text.length() || !Character.isLetter(text.charAt(i + 1));
            return before && after;
        }
        return EXPRESSION_CHARS.indexOf(c) >= 0;
    }

    private static boolean startsExpression(char c) {
        return Character.isDigit(c) || c == '(' || c == '$' || c == '-';
    }

    private static char lastNonSpace(String s) {
        return s.charAt(s.length() - 1);
    }

    private static boolean hasOperator(String expression) {
        for (int i = 1; i < expression.length(); i++) {
            if ("+-*/x×÷".indexOf(expression.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A recursive-descent evaluator of the arithmetic answers show; NaN for anything else. */
    private static final class Expression {
        private final String s;
        private int pos;

        private Expression(String s) {
            this.s = s;
        }

        static double evaluate(String text) {
            Expression e = new Expression(text.replace("$", "").replace('×', '*').replace('÷', '/'));
            try {
                double v = e.sum();
                e.skipSpaces();
                return e.pos == e.s.length() ? v : Double.NaN;
            } catch (IllegalStateException ex) {
                return Double.NaN;
            }
        }

        private double sum() {
            double v = product();
            while (true) {
                skipSpaces();
                if (eat('+')) {
                    v += product();
                } else if (eat('-')) {
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        private double product() {
            double v = unary();
            while (true) {
                skipSpaces();
                if (eat('*') || eat('x')) {
                    v *= unary();
                } else if (eat('/')) {
                    v /= unary();
                } else {
                    return v;
                }
            }
        }

        private double unary() {
            skipSpaces();
            if (eat('-')) {
                return -unary();
            }
            double v;
            if (eat('(')) {
                v = sum();
                skipSpaces();
                if (!eat(')')) {
                    throw new IllegalStateException("missing )");
                }
            } else {
                v = number();
            }
            skipSpaces();
            return eat('%') ? v / 100 : v;
        }

        private double number() {
            int start = pos;
            StringBuilder digits = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                    digits.append(c);
                    pos++;
                } else if (c == ',' && thousands(pos)) {
                    pos++;
                } else {
                    break;
                }
            }
            if (pos == start || digits.isEmpty()) {
                throw new IllegalStateException("number expected at " + start);
            }
            try {
                return Double.parseDouble(digits.toString());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(e.getMessage());
            }
        }

        /** A comma followed by exactly three digits is a thousands separator. */
        private boolean thousands(int comma) {
            int i = comma + 1;
            int n = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
                n++;
            }
            return n == 3;
        }

        private boolean eat(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
