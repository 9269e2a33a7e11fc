package io.github.router4j.core.scoring;

/**
 * A sub-dimension scored by code ({@code scoring_type: CODE}, {@code java_class: com.example.MyScorer}):
 * the Java replacement for Pi's {@code PYTHON_CODE}. Implementations need a public no-argument
 * constructor, must be thread-safe, and return a score in [0, 1].
 */
@FunctionalInterface
public interface CodeScorer {

    /**
     * @param response the answer being judged
     * @param input    the request it answers
     */
    Score score(String response, String input);
}
