package io.github.router4j.core.scoring;

/**
 * Scores an answer on every sub-dimension of a spec, before calibration: the expensive part of a
 * calibration job (LLM judges, code scorers, custom models), supplied by the caller.
 */
@FunctionalInterface
public interface RawScorer {

    /**
     * @return one raw score in [0, 1] per sub-dimension in {@link ScoringSpec#flatSubDimensions()} order,
     *         NaN where a sub-dimension could not be scored
     */
    double[] rawScores(String input, String output) throws Exception;
}
