package io.github.router4j.core.scoring;

/** How much of a spec a calibration may change. */
public enum CalibrationMode {
    /** Calibration curves only; the weights stay as written. */
    LITE,
    /** Calibration curves and weights, fitted to maximise agreement with the examples. */
    FULL
}
