package io.github.router4j.core.scoring;

/** Where a calibration job is. DONE, ERROR and CANCELLED are final. */
public enum JobState {
    QUEUED, RUNNING, DONE, ERROR, CANCELLED;

    public boolean isFinal() {
        return this == DONE || this == ERROR || this == CANCELLED;
    }
}
