package io.github.router4j.core.scoring;

import java.util.List;

/**
 * A scored answer: the total and every dimension and sub-dimension score with its explanation.
 *
 * @param total      the weighted total in [0, 1]; NaN when no sub-dimension could be scored
 * @param dimensions one entry per dimension, in spec order
 */
public record SpecScore(double total, List<DimensionScore> dimensions) {

    public SpecScore {
        dimensions = List.copyOf(dimensions);
    }

    /** Whether at least one sub-dimension was scored. */
    public boolean isScored() {
        return !Double.isNaN(total);
    }

    /** The raw sub-dimension scores in {@link ScoringSpec#flatSubDimensions()} order (NaN where failed). */
    public double[] rawScores() {
        return dimensions.stream().flatMap(d -> d.subDimensions().stream())
                .mapToDouble(SubDimensionScore::raw).toArray();
    }

    /** A multi-line human-readable breakdown. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format("total %.3f%n", total));
        for (DimensionScore d : dimensions) {
            sb.append(String.format("  %-24s %.3f (weight %.2f)%n", d.label(), d.score(), d.weight()));
            for (SubDimensionScore s : d.subDimensions()) {
                sb.append(String.format("    %-22s %.3f (raw %.3f, weight %.2f) %s%n", s.label(), s.score(), s.raw(),
                        s.weight(), s.explanation()));
            }
        }
        return sb.toString();
    }

    /**
     * @param label          the dimension's label
     * @param weight         its normalised weight
     * @param raw            weighted mean of its calibrated sub-dimension scores, before its own curve
     * @param score          after its curve; NaN when no sub-dimension was scored
     * @param subDimensions  one entry per sub-dimension
     */
    public record DimensionScore(String label, double weight, double raw, double score,
                                 List<SubDimensionScore> subDimensions) {
        public DimensionScore {
            subDimensions = List.copyOf(subDimensions);
        }
    }

    /**
     * @param label       the sub-dimension's label
     * @param type        how it was scored
     * @param weight      its normalised weight within the dimension
     * @param raw         the scorer's value; NaN when it failed
     * @param score       after its calibration curve
     * @param explanation the scorer's reason or error
     */
    public record SubDimensionScore(String label, ScoringType type, double weight, double raw, double score,
                                    String explanation) {
    }
}
