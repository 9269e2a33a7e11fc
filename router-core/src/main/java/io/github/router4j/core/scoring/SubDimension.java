package io.github.router4j.core.scoring;

import java.util.List;
import java.util.Objects;

/**
 * One scored aspect of an answer. Validated (with its path) when the {@link ScoringSpec} holding it is built.
 *
 * @param label         short name, unique within its dimension
 * @param description   for {@link ScoringType#LLM_JUDGE}: the yes/no question the judge answers
 * @param scoringType   how it is scored
 * @param weight        relative weight within the dimension, &gt; 0 (normalised)
 * @param parameters    calibration points (see {@link CalibrationCurve}); empty = identity
 * @param customModelId for {@link ScoringType#CUSTOM_MODEL}: the registered model's id, else null
 * @param javaClass     for {@link ScoringType#CODE}: a class implementing {@link CodeScorer}, else null
 */
public record SubDimension(String label, String description, ScoringType scoringType, double weight,
                           List<Double> parameters, String customModelId, String javaClass) {

    public SubDimension {
        label = label == null ? "" : label;
        description = description == null ? "" : description;
        Objects.requireNonNull(scoringType, "scoringType");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** An LLM-judged sub-dimension: {@code question} is asked of the judge. */
    public static SubDimension llmJudge(String label, String question, double weight) {
        return new SubDimension(label, question, ScoringType.LLM_JUDGE, weight, List.of(), null, null);
    }

    public static SubDimension code(String label, String description, Class<? extends CodeScorer> scorer, double weight) {
        return new SubDimension(label, description, ScoringType.CODE, weight, List.of(), null, scorer.getName());
    }

    public static SubDimension customModel(String label, String description, String modelId, double weight) {
        return new SubDimension(label, description, ScoringType.CUSTOM_MODEL, weight, List.of(), modelId, null);
    }

    public SubDimension withWeight(double newWeight) {
        return new SubDimension(label, description, scoringType, newWeight, parameters, customModelId, javaClass);
    }

    public SubDimension withParameters(List<Double> newParameters) {
        return new SubDimension(label, description, scoringType, weight, newParameters, customModelId, javaClass);
    }
}
