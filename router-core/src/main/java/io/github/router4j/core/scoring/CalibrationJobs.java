package io.github.router4j.core.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calibrations asynchronously: {@link #start} returns a job id at once; the job is QUEUED until
 * a worker takes it, RUNNING while it scores the examples (the slow part: judge calls) and fits, then
 * DONE with the calibrated spec, ERROR with the reason, or CANCELLED. {@link #status} gives a detailed
 * status list at any time. Thread-safe; {@link #close()} cancels what is still running.
 *
 * <p>Memory is bounded: finished jobs (DONE, ERROR, CANCELLED) are forgotten once more than
 * {@link Builder#keepFinished(int) keepFinished} of them are kept (default 100, the oldest go first)
 * or once they finished longer than {@link Builder#keepFinishedFor(Duration) keepFinishedFor} ago
 * (default 1 hour); {@link #status} then reports the id as unknown. Fetch a result before that.
 */
public final class CalibrationJobs implements AutoCloseable {

    /** What to calibrate and how. */
    public record Request(ScoringSpec spec, CalibrationExamples examples, CalibrationMode mode, RawScorer scorer) {
        public Request {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(examples, "examples");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(scorer, "scorer");
        }
    }

    private final ExecutorService workers;
    private final int scoringParallelism;
    private final SpecCalibrator calibrator;
    private final Clock clock;
    private final int keepFinished;
    private final Duration keepFinishedFor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    private CalibrationJobs(Builder b) {
        this.workers = Executors.newFixedThreadPool(b.concurrentJobs, daemon("router4j-calibration"));
        this.scoringParallelism = b.scoringParallelism;
        this.calibrator = b.calibrator;
        this.clock = b.clock;
        this.keepFinished = b.keepFinished;
        this.keepFinishedFor = b.keepFinishedFor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Queues a calibration and returns its job id. */
    public String start(Request request) {
        forgetFinished();
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, request);
        jobs.put(id, job);
        job.detail("queued: " + request.mode() + " calibration of \"" + request.spec().name() + "\" on "
                + request.examples().size() + (request.examples().isPreference() ? " preference" : " rated") + " examples");
        job.future = workers.submit(job::run);
        return id;
    }

    /** @throws IllegalArgumentException for an unknown id */
    public JobStatus status(String id) {
        return job(id).snapshot();
    }

    /** Cancels a queued or running job; returns false when it had already finished. */
    public boolean cancel(String id) {
        return job(id).cancel();
    }

    /** Waits for the job to reach a final state and returns its status. */
    public JobStatus await(String id, Duration timeout) throws InterruptedException, TimeoutException {
        Job job = job(id);
        if (!job.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("calibration job " + id + " still " + job.state + " after " + timeout);
        }
        return job.snapshot();
    }

    /** Ids of every job this instance still knows (running, queued, recently finished), in no particular order. */
    public List<String> ids() {
        forgetFinished();
        return List.copyOf(jobs.keySet());
    }

    /** Drops finished jobs beyond the newest {@code keepFinished} and those finished too long ago. */
    private void forgetFinished() {
        Instant now = clock.instant();
        List<Job> finished = jobs.values().stream().filter(j -> j.finishedAt != null)
                .sorted(Comparator.comparing((Job j) -> j.finishedAt)).toList();
        int excess = finished.size() - keepFinished;
        for (Job j : finished) {
            if (excess > 0 || Duration.between(j.finishedAt, now).compareTo(keepFinishedFor) > 0) {
                jobs.remove(j.id, j);
                excess--;
            }
        }
    }

    @Override
    public void close() {
        jobs.values().forEach(Job::cancel);
        workers.shutdownNow();
    }

    private Job job(String id) {
        forgetFinished();
        Job job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no calibration job with id " + id + " (finished jobs are kept for "
                    + keepFinishedFor + ", at most the last " + keepFinished + ")");
        }
        return job;
    }

    private final class Job {
        final String id;
        final Request request;
        final List<JobStatus.Detail> details = new ArrayList<>();
        final AtomicInteger scored = new AtomicInteger();
        final int toScore;
        final CountDownLatch finished = new CountDownLatch(1);
        volatile JobState state = JobState.QUEUED;
        volatile boolean cancelRequested;
        volatile Future<?> future;
        volatile String error;
        volatile CalibrationResult result;
        volatile Instant finishedAt;

        Job(String id, Request request) {
            this.id = id;
            this.request = request;
            this.toScore = request.examples().rated().size() + 2 * request.examples().preferences().size();
        }

        synchronized void detail(String message) {
            details.add(new JobStatus.Detail(clock.instant(), message));
        }

        synchronized JobStatus snapshot() {
            return new JobStatus(id, state, scored.get(), toScore, details, error, result);
        }

        boolean cancel() {
            synchronized (this) {
                if (state.isFinal()) {
                    return false;
                }
                cancelRequested = true;
                if (state == JobState.QUEUED) {
                    finish(JobState.CANCELLED, "cancelled before it started");
                }
            }
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            return true;
        }

        private synchronized boolean begin() {
            if (state != JobState.QUEUED) {
                return false;
            }
            state = JobState.RUNNING;
            detail("running");
            return true;
        }

        private synchronized void finish(JobState finalState, String message) {
            if (state.isFinal()) {
                return;
            }
            detail(message);
            state = finalState;
            finishedAt = clock.instant();
            finished.countDown();
        }

        void run() {
            if (!begin()) {
                return;
            }
            ExecutorService scoring = Executors.newFixedThreadPool(scoringParallelism, daemon("router4j-calibration-scoring"));
            try {
                SpecCalibrator.Monitor monitor = new SpecCalibrator.Monitor(this::detail, () -> cancelRequested);
                CalibrationExamples ex = request.examples();
                CalibrationResult r;
                if (ex.isPreference()) {
                    detail("scoring " + toScore + " answers");
                    List<Future<double[]>> chosen = new ArrayList<>();
                    List<Future<double[]>> rejected = new ArrayList<>();
                    for (PreferenceExample p : ex.preferences()) {
                        chosen.add(scoring.submit(() -> score(p.llmInput(), p.chosen())));
                        rejected.add(scoring.submit(() -> score(p.llmInput(), p.rejected())));
                    }
                    List<double[]> c = collect(chosen);
                    List<double[]> rj = collect(rejected);
                    detail("scored " + scored.get() + " answers");
                    r = calibrator.calibratePreferences(request.spec(), c, rj, request.mode(), monitor);
                } else {
                    detail("scoring " + toScore + " answers");
                    List<Future<double[]>> raw = new ArrayList<>();
                    for (RatedExample e : ex.rated()) {
                        raw.add(scoring.submit(() -> score(e.llmInput(), e.llmOutput())));
                    }
                    List<double[]> xs = collect(raw);
                    detail("scored " + scored.get() + " answers");
                    r = calibrator.calibrateRated(request.spec(), xs, ex.rated().stream().map(RatedExample::rating).toList(),
                            request.mode(), monitor);
                }
                synchronized (this) {
                    if (cancelRequested) {
                        finish(JobState.CANCELLED, "cancelled");
                        return;
                    }
                    result = r;
                    finish(JobState.DONE, "done: " + r.summary());
                }
            } catch (CancellationException | InterruptedException e) {
                finish(JobState.CANCELLED, "cancelled");
            } catch (RuntimeException | ExecutionException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (cancelRequested) {
                    finish(JobState.CANCELLED, "cancelled");
                } else {
                    error = String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
                    finish(JobState.ERROR, "error: " + error);
                }
            } finally {
                scoring.shutdownNow();
            }
        }

        private double[] score(String input, String output) {
            if (cancelRequested) {
                throw new CancellationException("calibration cancelled");
            }
            double[] raw;
            try {
                raw = request.scorer().rawScores(input, output);
                int expected = request.spec().subDimensionCount();
                if (raw == null || raw.length != expected) {
                    throw new IllegalStateException("scorer returned " + (raw == null ? "null" : raw.length + " scores")
                            + " for " + expected + " sub-dimensions");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("calibration cancelled");
            } catch (Exception e) {
                if (cancelRequested) {
                    throw new CancellationException("calibration cancelled");
                }
                detail("could not score an answer, left out: " + e.getMessage());
                raw = new double[request.spec().subDimensionCount()];
                java.util.Arrays.fill(raw, Double.NaN);
            }
            scored.incrementAndGet();
            return raw;
        }

        private List<double[]> collect(List<Future<double[]>> futures) throws InterruptedException, ExecutionException {
            List<double[]> out = new ArrayList<>(futures.size());
            for (Future<double[]> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builder for {@link CalibrationJobs}. */
    public static final class Builder {
        private int concurrentJobs = 1;
        private int scoringParallelism = 4;
        private SpecCalibrator calibrator = SpecCalibrator.defaults();
        private Clock clock = Clock.systemUTC();
        private int keepFinished = 100;
        private Duration keepFinishedFor = Duration.ofHours(1);

        private Builder() {
        }

        /** How many finished jobs are kept for {@link #status} (default 100); older ones are forgotten. */
        public Builder keepFinished(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("keepFinished must be >= 0, was " + n);
            }
            this.keepFinished = n;
            return this;
        }

        /** How long a finished job is kept for {@link #status} (default 1 hour). */
        public Builder keepFinishedFor(Duration duration) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("keepFinishedFor must be a duration >= 0, was " + duration);
            }
            this.keepFinishedFor = duration;
            return this;
        }

        /** Jobs running at the same time (default 1); later jobs wait QUEUED. */
        public Builder concurrentJobs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("concurrentJobs must be >= 1, was " + n);
            }
            this.concurrentJobs = n;
            return this;
        }

        /** Answers scored at the same time within a job (default 4). */
        public Builder scoringParallelism(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("scoringParallelism must be >= 1, was " + n);
            }
            this.scoringParallelism = n;
            return this;
        }

        public Builder calibrator(SpecCalibrator calibrator) {
            this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CalibrationJobs build() {
            return new CalibrationJobs(this);
        }
    }
}
