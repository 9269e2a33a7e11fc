package io.github.router4j.learned;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The values {@link TextFeatures} computed with its original regular expressions stay exactly the same. */
class TextFeaturesPinnedTest {

    private static final String[] PROMPTS = {
    "", "   \n\t ", "Why is the sky blue?", "What is the capital of France?", "Is Paris in France?",
    "Write a haiku about rain.", "Summarize this article in 3 bullet points.",
    "Explain the difference between a process and a thread in an operating system, and give an example of when you would choose one over the other.",
    "Why does this fail?\n```java\nint x = 1 / 0;\n```",
    "def f(x):\n    return x * 2\nprint(f(3))",
    "public class A {\n  private int x;\n  void run() { x++; }\n}",
    "for (int i = 0; i < n; i++) {\n  sum += a[i];\n}\nwhat does this compute?",
    "const add = (a, b) => a + b;",
    "Solve the equation 3x + 4 = 19 and compute x^2.",
    "Compute $\\frac{1}{2} + \\sqrt{9}$ and the integral of x dx. What is 12,345.67 + 0.5?",
    "How many apples are there if I have 3 and buy 2? How much is 20 percent of 50?",
    "Which is a mammal?\nA. shark\nB. whale\nC. trout\nD. eel",
    "Pick one:\n(a) red\n(b) green\n(c) blue\n(d) none",
    "A.\nB. x\nC: y\nD) z",
    "Tell me a story. Then, what happens next?",
    "I like cats. can you explain why they purr?",
    "The derivative of sin x is cos x. Is that right?\n",
    "line one\r\nline two\r\nline three\u2028line four\u0085",
    "Über straße İstanbul ÇA? what's next",
    "whatever you do, don't stop", "Whom should I ask?", "Howdy partner", "issue 42 is open",
    "Translate 'bonjour' to English.", "Compare A and B; prove that 1 < 2 and 2 > 1.",
    "x=1;y=2;z=x+y; print(z)", "#include <stdio.h>\nint main(void) { return 0; }",
    "   import numpy as np   ", "foo(bar)", "call(me) maybe", "1.2.3 4,5,6 7..8",
    "Probability of two heads? sum of 1 and 2? product of 3 and 4?", "??? ?? ? ???",
    "What?\nWhy?\nHow?\nWhen?\nWhere?", "Show me the money $5 and $10", "what\u0301 is this",
    "multi\n\n\nblank\n\nlines", "tab\tseparated\twords\there", "a\u00a0b\u00a0c", "_what is", "what_is it",
    "Implement quicksort in Python.\n\nInput: [3, 1, 2]\nOutput: [1, 2, 3]"
    };

    private static final double[][] PINNED = {
            {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.3805653047154279, 0.2986265782046758, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.4292484005606433, 0.32431835817588556, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.37446653419424886, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 0.0, 1.0, 0.0, 0.0},
            {0.40726206725268527, 0.2986265782046758, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.4701500144616953, 0.34657359027997264, 0.23104906018664842, 0.0, 0.0, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.6203555787824884, 0.5493061443340549, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.4812684502137573, 0.4274915595769228, 0.5364793041447001, 1.0, 0.3333333333333333, 0.36620409622270317, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.4579452057662058, 0.34657359027997264, 0.46209812037329684, 1.0, 0.0, 0.36620409622270317, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5075553763183024, 0.4398428882692098, 0.5364793041447001, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5328349846301644, 0.4907398298610734, 0.5364793041447001, 1.0, 0.3333333333333333, 0.23104906018664842, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.42091197874830927, 0.3837641821656743, 0.23104906018664842, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.48390012636348634, 0.41415110829800006, 0.23104906018664842, 0.0, 1.0, 0.5364793041447001, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5538520998554142, 0.46209812037329684, 0.23104906018664842, 0.0, 1.0, 0.6486367163517711, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.5461809815583777, 0.49928871225899846, 0.23104906018664842, 0.0, 1.0, 0.5364793041447001, 0.4, 1.0, 0.0, 0.0, 0.0},
            {0.49628648919401525, 0.4274915595769228, 0.5972531564093516, 0.0, 0.0, 0.0, 0.2, 1.0, 0.0, 1.0, 0.0},
            {0.4785801745611369, 0.39964921213306176, 0.5972531564093516, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0},
            {0.36129646973702056, 0.34657359027997264, 0.5364793041447001, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0},
            {0.46720870228542105, 0.3662040962227033, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0, 1.0},
            {0.4730237042397826, 0.3837641821656743, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 0.0, 1.0, 0.0, 0.0},
            {0.4864775372638283, 0.41415110829800006, 0.23104906018664842, 0.0, 0.3333333333333333, 0.0, 0.2, 0.0, 1.0, 0.0, 0.0},
            {0.46720870228542105, 0.34657359027997264, 0.5364793041447001, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.45136473908052804, 0.32431835817588556, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0, 0.0},
            {0.4165255637719005, 0.2986265782046758, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.36805487239580503, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.0, 0.2, 1.0, 0.0, 0.0, 0.0},
            {0.32988216620190736, 0.18310204811135158, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.354151668007027, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.4332169878499658, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.47583281122128995, 0.4398428882692098, 0.23104906018664842, 0.0, 0.6666666666666666, 0.5364793041447001, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.3972567287934932, 0.18310204811135158, 0.23104906018664842, 1.0, 0.0, 0.36620409622270317, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.48390012636348634, 0.3662040962227033, 0.36620409622270317, 1.0, 0.0, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.36805487239580503, 0.26823965207235007, 0.23104906018664842, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.27465307216702745, 0.11552453009332421, 0.23104906018664842, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.33850627513777626, 0.18310204811135158, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.354151668007027, 0.23104906018664842, 0.23104906018664842, 0.0, 0.0, 0.6486367163517711, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5158917981306365, 0.4513417001837017, 0.23104906018664842, 0.0, 1.0, 0.5364793041447001, 0.6, 0.0, 0.0, 0.0, 0.0},
            {0.3206186696826921, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0},
            {0.42091197874830927, 0.2986265782046758, 0.5972531564093516, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0},
            {0.42091197874830927, 0.34657359027997264, 0.23104906018664842, 0.0, 0.3333333333333333, 0.36620409622270317, 0.0, 0.0, 0.0, 0.0, 1.0},
            {0.32988216620190736, 0.23104906018664842, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.3805653047154279, 0.23104906018664842, 0.6486367163517711, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.40235947810852507, 0.26823965207235007, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.22396993365350687, 0.11552453009332421, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.27465307216702745, 0.18310204811135158, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.29973690909979633, 0.18310204811135158, 0.23104906018664842, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5255865774238707, 0.4274915595769228, 0.5364793041447001, 0.0, 0.0, 0.6486367163517711, 0.0, 0.0, 0.0, 0.0, 1.0}
    };

    @Test
    void variedPromptsKeepTheirPinnedFeatureValues() {
        for (int i = 0; i < PROMPTS.length; i++) {
            assertThat(TextFeatures.of(PROMPTS[i])).as("prompt %d: %s", i, PROMPTS[i]).containsExactly(PINNED[i]);
        }
    }

    @Test
    void randomTextsGetTheSameValuesAsTheOriginalRegularExpressions() {
        String[] pieces = {"what ", "Why", "is ", "how many ", "summarise ", "summarize", "Write", "def ", "class ",
                "import ", "return ", "#include", "for (", "if(", "while  (", "f(x)", "call(a, b);", "{", "}", ";",
                "=>", "\\frac", "\\sqrt", "$x$", "$", "3 + 4", "1*2", "7=7", "12,5", "3.14", "42", "A. ", "(b) ",
                "C: ", "d) ", "?", "??", ". ", ".", "\n", "\r\n", "\r", "\u2028", "\u0085", "\t", " ", "  ",
                "```", "_", "x", "\u00a0", "\u0301", "İ", "ß", "probability", "sum of", "how much", "percent",
                "integral", "Solve", "compute", "tell", "prove", "show", "list", "does ", "can ", "whom", "whose"};
        Random random = new Random(4);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertThat(TextFeatures.of(s)).as("text \"%s\"", s).containsExactly(Original.of(s));
        }
    }

    /** The original implementation, kept as the reference. */
    private static final class Original {

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

        /** The features of {@code text}, in the order of {@link TextFeatures#NAMES}. */
        static double[] of(String text) {
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
}
