package io.github.router4j.samples.scoring;

import io.github.router4j.samples.Router4jCli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChildrensStoryCommandTest {

    static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            int exit = Router4jCli.commandLine().execute(args);
            assertThat(exit).as("exit code").isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offlineTheCheapTiersLongStoryFailsTheSpecAndTheStrongTierAnswers() {
        String out = run("childrens-story", "--api-key=");

        assertThat(out).contains("scripted offline models (no API key)",
                "words                  0.000 (raw 0.000, weight 1.00) 780 words (wanted 120-400)",
                "not judged: the other scores cap the total at 0.750, below 0.800",
                "cheap   ESCALATED score 0.750 < threshold 0.800",
                "answered by strong",
                "Moral: Slow and steady wins the race.");
    }

    @Test
    void withAThresholdTheLongStoryCanReachTheJudgesAskTheirQuestions() {
        String out = run("childrens-story", "--api-key=", "--threshold=0.7");

        assertThat(out).contains("arc                    1.000 (raw 1.000, weight 0.33) 5/5 yes", "answered by");
    }

    @Test
    void lengthScorerRewardsBedtimeLength() {
        StoryLengthScorer scorer = new StoryLengthScorer();

        assertThat(scorer.score("word ".repeat(60), "").value()).isEqualTo(0.5);
        assertThat(scorer.score("word ".repeat(250), "").value()).isEqualTo(1.0);
        assertThat(scorer.score("word ".repeat(500), "").value()).isEqualTo(0.5);
        assertThat(scorer.score(OfflineStoryModels.LONG_STORY, "").explanation()).isEqualTo("780 words (wanted 120-400)");
    }
}
