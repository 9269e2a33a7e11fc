package io.github.router4j.core.scoring;

import java.util.List;

/**
 * A weighted group of sub-dimensions. Its score is the weighted mean of its calibrated sub-dimension
 * scores, passed through its own calibration curve.
 *
 * @param label         short name, unique within the spec
 * @param description   what the dimension is about
 * @param weight        relative weight within the spec, &gt; 0 (normalised)
 * @param parameters    calibration points (see {@link CalibrationCurve}); empty = identity
 * @param subDimensions at least one
 */
public record Dimension(String label, String description, double weight, List<Double> parameters,
                        List<SubDimension> subDimensions) {

    public Dimension {
        label = label == null ? "" : label;
        description = description == null ? "" : description;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        subDimensions = subDimensions == null ? List.of() : List.copyOf(subDimensions);
    }

    public static Dimension of(String label, String description, double weight, SubDimension... subDimensions) {
        return new Dimension(label, description, weight, List.of(), List.of(subDimensions));
    }

    public Dimension withWeight(double newWeight) {
        return new Dimension(label, description, newWeight, parameters, subDimensions);
    }

    public Dimension withParameters(List<Double> newParameters) {
        return new Dimension(label, description, weight, newParameters, subDimensions);
    }

    public Dimension withSubDimensions(List<SubDimension> newSubDimensions) {
        return new Dimension(label, description, weight, parameters, newSubDimensions);
    }
}
