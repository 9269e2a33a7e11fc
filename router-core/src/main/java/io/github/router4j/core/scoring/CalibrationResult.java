package io.github.router4j.core.scoring;

/**
 * What a calibration produced and how well the spec agrees with the examples before and after.
 * Agreement is the share of ordered pairs the spec orders like the examples do (ties count half):
 * for preference examples, chosen scored above rejected; for rated examples, every pair of examples
 * with different ratings. Held-out agreement is measured on examples the fit never saw (NaN when
 * there were too few examples to hold some out).
 *
 * @param spec                   the calibrated spec
 * @param mode                   LITE (curves) or FULL (curves and weights)
 * @param trainingExamples       examples fitted on
 * @param heldOutExamples        examples held out
 * @param trainingAgreementBefore agreement of the original spec on the training examples
 * @param trainingAgreementAfter  agreement of the calibrated spec on the training examples
 * @param heldOutAgreementBefore  agreement of the original spec on the held-out examples
 * @param heldOutAgreementAfter   agreement of the calibrated spec on the held-out examples
 * @param unscoredExamples        examples left out because no sub-dimension could be scored
 */
public record CalibrationResult(ScoringSpec spec, CalibrationMode mode, int trainingExamples, int heldOutExamples,
                                double trainingAgreementBefore, double trainingAgreementAfter,
                                double heldOutAgreementBefore, double heldOutAgreementAfter, int unscoredExamples) {

    /** A one-paragraph summary for logs and the command line. */
    public String summary() {
        return String.format("%s calibration of \"%s\" on %d examples (%d held out, %d unscored): agreement on training"
                        + " %.3f -> %.3f, held out %.3f -> %.3f", mode, spec.name(), trainingExamples + heldOutExamples,
                heldOutExamples, unscoredExamples, trainingAgreementBefore, trainingAgreementAfter,
                heldOutAgreementBefore, heldOutAgreementAfter);
    }
}
