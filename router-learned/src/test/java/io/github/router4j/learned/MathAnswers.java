package io.github.router4j.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic GSM8K-style answers for verifier tests: good ones compute right and end with {@code #### n};
 * poor ones get a step wrong, lose the final line or stop mid-sentence.
 */
public final class MathAnswers {

    private MathAnswers() {
    }

    public static String question(int a, int b) {
        return "Tom buys " + a + " boxes of " + b + " pencils each and gives 3 away. How many pencils does he keep?";
    }

    public static String good(int a, int b) {
        int c = a * b;
        return "He buys " + a + " * " + b + " = <<" + a + "*" + b + "=" + c + ">>" + c + " pencils.\n"
                + "He keeps " + c + " - 3 = <<" + c + "-3=" + (c - 3) + ">>" + (c - 3) + " pencils.\n#### " + (c - 3);
    }

    /** A poor answer of one of three kinds, chosen by {@code kind % 3}. */
    public static String poor(int a, int b, int kind) {
        int c = a * b + 1 + kind % 5;
        return switch (kind % 3) {
            case 0 -> "He buys " + a + " * " + b + " = <<" + a + "*" + b + "=" + c + ">>" + c + " pencils.\n"
                    + "He keeps " + c + " - 3 = <<" + c + "-3=" + (c - 3) + ">>" + (c - 3) + " pencils.\n#### " + (c - 3);
            case 1 -> "He buys some boxes. I think he probably keeps most of them, but it is not sure how many.";
            default -> "He buys " + a + " * " + b + " = <<" + a + "*" + b + "=" + (a * b) + ">>" + (a * b)
                    + " pencils and then he gives away three of them to his friends, so that";
        };
    }

    /** {@code n} questions with a good and a poor answer each: (question, answer, good). */
    public static List<Object[]> pairs(int n, long seed) {
        Random random = new Random(seed);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = 2 + random.nextInt(30);
            int b = 2 + random.nextInt(30);
            out.add(new Object[] {question(a, b), good(a, b), true});
            out.add(new Object[] {question(a, b), poor(a, b, i), false});
        }
        return out;
    }
}
