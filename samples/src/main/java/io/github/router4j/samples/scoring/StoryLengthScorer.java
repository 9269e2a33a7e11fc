package io.github.router4j.samples.scoring;

import io.github.router4j.core.scoring.CodeScorer;
import io.github.router4j.core.scoring.Score;

/**
 * The children's-story spec's code scorer: 1 for 120 to 400 words, rising linearly from 0 words to
 * 120, falling linearly from 400 words to 0 at 600.
 */
public final class StoryLengthScorer implements CodeScorer {

    static final int MIN_WORDS = 120;
    static final int MAX_WORDS = 400;
    static final int TOO_LONG_WORDS = 600;

    @Override
    public Score score(String response, String input) {
        String text = response.strip();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        double score;
        if (words < MIN_WORDS) {
            score = (double) words / MIN_WORDS;
        } else if (words <= MAX_WORDS) {
            score = 1;
        } else {
            score = Math.max(0, 1 - (double) (words - MAX_WORDS) / (TOO_LONG_WORDS - MAX_WORDS));
        }
        return Score.of(score, words + " words (wanted " + MIN_WORDS + "-" + MAX_WORDS + ")");
    }
}
