package io.github.router4j.core.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a calibration job.
 *
 * @param id       the job id returned by {@link CalibrationJobs#start}
 * @param state    where the job is
 * @param scored   answers scored so far
 * @param toScore  answers to score in all (one per rated example, two per preference example)
 * @param details  the detailed status list, oldest first
 * @param error    what went wrong, for ERROR; else null
 * @param result   the calibration, for DONE; else null
 */
public record JobStatus(String id, JobState state, int scored, int toScore, List<Detail> details, String error,
                        CalibrationResult result) {

    public JobStatus {
        details = List.copyOf(details);
    }

    /** One line of the detailed status. */
    public record Detail(Instant at, String message) {
        @Override
        public String toString() {
            return at + " " + message;
        }
    }

    /** Share of the work done, in [0, 1]: scoring counts for 90%, fitting for the rest. */
    public double progress() {
        if (state == JobState.DONE) {
            return 1;
        }
        return toScore == 0 ? 0 : 0.9 * scored / toScore;
    }

    public Optional<CalibrationResult> calibration() {
        return Optional.ofNullable(result);
    }
}
