package io.github.router4j.core.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalibrationJobsTest {

    /** The answer text carries its quality; the "judge" sees it squared. */
    static final RawScorer SQUARING_JUDGE = (input, output) -> {
        double q = Double.parseDouble(output);
        return new double[] {q * q};
    };

    static CalibrationExamples ratedExamples(int n) {
        Random random = new Random(5);
        List<RatedExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double q = random.nextDouble();
            examples.add(new RatedExample("question " + i, Double.toString(q), SpecCalibratorTest.stochasticRating(q, random)));
        }
        return CalibrationExamples.rated(examples);
    }

    @Test
    void aJobRunsToDoneWithTheCalibratedSpecAndADetailedStatus() throws Exception {
        try (CalibrationJobs jobs = CalibrationJobs.builder().build()) {
            String id = jobs.start(new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(200),
                    CalibrationMode.FULL, SQUARING_JUDGE));

            JobStatus status = jobs.await(id, Duration.ofSeconds(60));

            assertThat(status.state()).isEqualTo(JobState.DONE);
            assertThat(status.progress()).isEqualTo(1.0);
            assertThat(status.scored()).isEqualTo(200);
            assertThat(status.details()).extracting(JobStatus.Detail::message)
                    .startsWith("queued: FULL calibration of \"one\" on 200 rated examples", "running", "scoring 200 answers")
                    .contains("scored 200 answers", "fitting curves and weights together")
                    .last().asString().startsWith("done: FULL calibration");
            CalibrationResult result = status.calibration().orElseThrow();
            assertThat(result.spec().aggregate(List.of(Score.of(0.25, ""))).total()).isBetween(0.4, 0.6);
            assertThat(ScoringSpec.fromJson(result.spec().toJson())).isEqualTo(result.spec());
        }
    }

    @Test
    void aRunningJobCanBeCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RawScorer hangingJudge = (input, output) -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return new double[] {0.5};
        };
        try (CalibrationJobs jobs = CalibrationJobs.builder().scoringParallelism(1).build()) {
            String running = jobs.start(new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(10),
                    CalibrationMode.LITE, hangingJudge));
            String queued = jobs.start(new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(10),
                    CalibrationMode.LITE, SQUARING_JUDGE));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.status(running).state()).isEqualTo(JobState.RUNNING);
            assertThat(jobs.status(queued).state()).isEqualTo(JobState.QUEUED);

            assertThat(jobs.cancel(queued)).isTrue();
            assertThat(jobs.status(queued).state()).isEqualTo(JobState.CANCELLED);
            assertThat(jobs.cancel(running)).isTrue();
            JobStatus status = jobs.await(running, Duration.ofSeconds(10));

            assertThat(status.state()).isEqualTo(JobState.CANCELLED);
            assertThat(status.calibration()).isEmpty();
            assertThat(status.details()).extracting(JobStatus.Detail::message).last().isEqualTo("cancelled");
            assertThat(jobs.status(queued).details()).extracting(JobStatus.Detail::message).last()
                    .isEqualTo("cancelled before it started");
            assertThat(jobs.cancel(running)).isFalse();
        }
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the judge call was interrupted").isTrue();
    }

    @Test
    void aJobWhoseAnswersCannotBeScoredEndsInError() throws Exception {
        try (CalibrationJobs jobs = CalibrationJobs.builder().build()) {
            String id = jobs.start(new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(5),
                    CalibrationMode.LITE, (input, output) -> {
                        throw new IllegalStateException("judge unreachable");
                    }));

            JobStatus status = jobs.await(id, Duration.ofSeconds(10));

            assertThat(status.state()).isEqualTo(JobState.ERROR);
            assertThat(status.error()).isEqualTo("calibration needs at least 2 scored examples, got 0");
            assertThat(status.details()).extracting(JobStatus.Detail::message)
                    .contains("could not score an answer, left out: judge unreachable");
        }
        try (CalibrationJobs jobs = CalibrationJobs.builder().build()) {
            assertThatThrownBy(() -> jobs.status("nope"))
                    .hasMessage("no calibration job with id nope (finished jobs are kept for PT1H, at most the last 100)");
        }
    }

    private static CalibrationJobs.Request smallJob() {
        return new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(20), CalibrationMode.LITE,
                SQUARING_JUDGE);
    }

    @Test
    void onlyTheNewestFinishedJobsAreKept() throws Exception {
        try (CalibrationJobs jobs = CalibrationJobs.builder().keepFinished(2).build()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = jobs.start(smallJob());
                jobs.await(id, Duration.ofSeconds(30));
                ids.add(id);
            }

            assertThat(jobs.ids()).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
            assertThat(jobs.status(ids.get(3)).state()).isEqualTo(JobState.DONE);
            assertThatThrownBy(() -> jobs.status(ids.get(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most the last 2");
        }
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends java.time.Clock {
        volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void aFinishedJobIsForgottenAfterTheRetentionTime() throws Exception {
        ManualClock clock = new ManualClock();
        try (CalibrationJobs jobs = CalibrationJobs.builder().clock(clock).keepFinishedFor(Duration.ofMinutes(10)).build()) {
            String id = jobs.start(smallJob());
            jobs.await(id, Duration.ofSeconds(30));

            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertThat(jobs.status(id).state()).isEqualTo(JobState.DONE);

            clock.now = clock.now.plusSeconds(1);
            assertThat(jobs.ids()).isEmpty();
            assertThatThrownBy(() -> jobs.status(id)).hasMessageContaining("kept for PT10M");
        }
    }

    @Test
    void runningAndQueuedJobsAreNeverForgotten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RawScorer blocked = (input, output) -> {
            release.await();
            return SQUARING_JUDGE.rawScores(input, output);
        };
        try (CalibrationJobs jobs = CalibrationJobs.builder().keepFinished(0).keepFinishedFor(Duration.ZERO).build()) {
            String running = jobs.start(new CalibrationJobs.Request(SpecCalibratorTest.oneQuestion(), ratedExamples(5),
                    CalibrationMode.LITE, blocked));
            String queued = jobs.start(smallJob());

            assertThat(jobs.ids()).containsExactlyInAnyOrder(running, queued);

            release.countDown();
            JobStatus done = jobs.await(queued, Duration.ofSeconds(30));
            assertThat(done.state()).isEqualTo(JobState.DONE);
            assertThat(jobs.ids()).isEmpty();
        }
    }

    @Test
    void readsExamplesFromJsonLinesNamingBadLines(@TempDir Path dir) throws IOException {
        Path rated = dir.resolve("rated.jsonl");
        Files.writeString(rated, """
                {"llm_input": "q1", "llm_output": "a1", "rating": "Strongly Agree"}

                {"llm_input": "q2", "llm_output": "a2", "rating": "disagree"}
                """);
        Path preferences = dir.resolve("prefs.jsonl");
        Files.writeString(preferences, "{\"llm_input\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\"}\n");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"llm_input\": \"q\", \"llm_output\": \"a\", \"rating\": \"Agree\"}\n"
                + "{\"llm_input\": \"q\", \"llm_output\": \"a\", \"rating\": \"meh\"}\n");

        assertThat(CalibrationExamples.read(rated).rated()).extracting(RatedExample::rating)
                .containsExactly(Rating.STRONGLY_AGREE, Rating.DISAGREE);
        assertThat(CalibrationExamples.read(preferences).preferences())
                .containsExactly(new PreferenceExample("q", "a", "b"));
        assertThatThrownBy(() -> CalibrationExamples.read(bad))
                .hasMessage(bad + ":2: unknown rating \"meh\"; expected one of Strongly Agree, Agree, Neutral,"
                        + " Disagree, Strongly Disagree");
    }
}
