package io.github.router4j.core.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scoring spec (the Pi scoring-system model): how a product team defines a good answer. Weighted
 * dimensions hold weighted sub-dimensions, each scored by an LLM judge, by code or by a custom model;
 * weights are normalised at each level and every level may carry a {@link CalibrationCurve}.
 *
 * <p>Aggregation: a sub-dimension's score is its curve applied to its raw score; a dimension's score is
 * its curve applied to the normalised-weighted mean of its sub-dimension scores; the total is the
 * normalised-weighted mean of the dimension scores. Failed sub-dimensions (and dimensions with no
 * scored sub-dimension) are left out and the remaining weights renormalised.
 *
 * <p>Immutable and thread-safe. Built specs are valid: every problem is reported as a
 * {@link ScoringSpecException} naming its path, e.g. {@code dimensions[1].sub_dimensions[0].weight}.
 * JSON files use the Pi field names; see {@link ScoringSpecJson}.
 */
public final class ScoringSpec {

    private final String name;
    private final String description;
    private final List<Dimension> dimensions;
    private final CalibrationCurve[] dimensionCurves;
    private final double[] dimensionWeights;
    private final CalibrationCurve[][] subCurves;
    private final double[][] subWeights;
    private final int subDimensionCount;
    private final int hash;

    private ScoringSpec(String name, String description, List<Dimension> dimensions) {
        this.name = name == null ? "" : name;
        this.description = description == null ? "" : description;
        this.dimensions = List.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
        if (this.dimensions.isEmpty()) {
            throw new ScoringSpecException("dimensions", "a spec needs at least one dimension");
        }
        int d = this.dimensions.size();
        dimensionCurves = new CalibrationCurve[d];
        dimensionWeights = new double[d];
        subCurves = new CalibrationCurve[d][];
        subWeights = new double[d][];
        Set<String> labels = new HashSet<>();
        int count = 0;
        for (int i = 0; i < d; i++) {
            Dimension dim = this.dimensions.get(i);
            String at = "dimensions[" + i + "]";
            checkLabel(dim.label(), labels, at);
            dimensionWeights[i] = checkWeight(dim.weight(), at);
            dimensionCurves[i] = CalibrationCurve.of(dim.parameters(), at + ".parameters");
            List<SubDimension> subs = dim.subDimensions();
            if (subs.isEmpty()) {
                throw new ScoringSpecException(at + ".sub_dimensions", "a dimension needs at least one sub-dimension");
            }
            subCurves[i] = new CalibrationCurve[subs.size()];
            subWeights[i] = new double[subs.size()];
            Set<String> subLabels = new HashSet<>();
            for (int j = 0; j < subs.size(); j++) {
                SubDimension sub = subs.get(j);
                String subAt = at + ".sub_dimensions[" + j + "]";
                checkLabel(sub.label(), subLabels, subAt);
                subWeights[i][j] = checkWeight(sub.weight(), subAt);
                subCurves[i][j] = CalibrationCurve.of(sub.parameters(), subAt + ".parameters");
                checkScorer(sub, subAt);
                count++;
            }
            normalise(subWeights[i]);
        }
        normalise(dimensionWeights);
        subDimensionCount = count;
        hash = Objects.hash(this.name, this.description, this.dimensions);
    }

    public static ScoringSpec of(String name, String description, List<Dimension> dimensions) {
        return new ScoringSpec(name, description, dimensions);
    }

    /** Reads a spec from a JSON file (Pi field names). */
    public static ScoringSpec read(Path json) throws IOException {
        return ScoringSpecJson.read(json);
    }

    /** Parses a spec from JSON text (Pi field names). */
    public static ScoringSpec fromJson(String json) {
        return ScoringSpecJson.parse(json);
    }

    public String toJson() {
        return ScoringSpecJson.write(this);
    }

    public void write(Path json) throws IOException {
        ScoringSpecJson.write(this, json);
    }

    public String name() {
        return name;
    }

    /** The application the spec judges, given to LLM judges as context. */
    public String description() {
        return description;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The number of sub-dimensions over all dimensions: the length of a raw score vector. */
    public int subDimensionCount() {
        return subDimensionCount;
    }

    /** Every sub-dimension in order (dimension by dimension): the order of raw score vectors. */
    public List<SubDimension> flatSubDimensions() {
        List<SubDimension> all = new ArrayList<>(subDimensionCount);
        dimensions.forEach(d -> all.addAll(d.subDimensions()));
        return all;
    }

    /** The path of flat sub-dimension {@code index}, e.g. {@code dimensions[1].sub_dimensions[0]}. */
    public String subDimensionPath(int index) {
        int k = index;
        for (int i = 0; i < dimensions.size(); i++) {
            int n = dimensions.get(i).subDimensions().size();
            if (k < n) {
                return "dimensions[" + i + "].sub_dimensions[" + k + "]";
            }
            k -= n;
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** Dimension {@code i}'s weight after normalisation. */
    public double normalisedWeight(int i) {
        return dimensionWeights[i];
    }

    /** Sub-dimension {@code j} of dimension {@code i}: its weight after normalisation within the dimension. */
    public double normalisedWeight(int i, int j) {
        return subWeights[i][j];
    }

    /**
     * Aggregates raw sub-dimension scores, given in {@link #flatSubDimensions()} order.
     *
     * @throws IllegalArgumentException when the number of scores does not match
     */
    public SpecScore aggregate(List<Score> raw) {
        if (raw.size() != subDimensionCount) {
            throw new IllegalArgumentException("expected " + subDimensionCount + " sub-dimension scores, got " + raw.size());
        }
        List<SpecScore.DimensionScore> dims = new ArrayList<>(dimensions.size());
        double total = 0;
        double totalWeight = 0;
        int k = 0;
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dim = dimensions.get(i);
            List<SpecScore.SubDimensionScore> subs = new ArrayList<>(dim.subDimensions().size());
            double sum = 0;
            double weight = 0;
            for (int j = 0; j < dim.subDimensions().size(); j++, k++) {
                Score s = raw.get(k);
                SubDimension sub = dim.subDimensions().get(j);
                double calibrated = s.isFailed() ? Double.NaN : subCurves[i][j].apply(s.value());
                subs.add(new SpecScore.SubDimensionScore(sub.label(), sub.scoringType(), subWeights[i][j],
                        s.value(), calibrated, s.explanation()));
                if (!s.isFailed()) {
                    sum += subWeights[i][j] * calibrated;
                    weight += subWeights[i][j];
                }
            }
            double dimRaw = weight > 0 ? sum / weight : Double.NaN;
            double dimScore = weight > 0 ? dimensionCurves[i].apply(dimRaw) : Double.NaN;
            dims.add(new SpecScore.DimensionScore(dim.label(), dimensionWeights[i], dimRaw, dimScore, subs));
            if (weight > 0) {
                total += dimensionWeights[i] * dimScore;
                totalWeight += dimensionWeights[i];
            }
        }
        return new SpecScore(totalWeight > 0 ? total / totalWeight : Double.NaN, dims);
    }

    /** A copy with new weights and calibration points, as a calibration produces them. */
    public ScoringSpec withDimensions(List<Dimension> newDimensions) {
        return new ScoringSpec(name, description, newDimensions);
    }

    CalibrationCurve dimensionCurve(int i) {
        return dimensionCurves[i];
    }

    CalibrationCurve subCurve(int i, int j) {
        return subCurves[i][j];
    }

    private static void checkLabel(String label, Set<String> seen, String at) {
        if (label.isBlank()) {
            throw new ScoringSpecException(at + ".label", "a label is required");
        }
        if (!seen.add(label)) {
            throw new ScoringSpecException(at + ".label", "duplicate label \"" + label + "\"");
        }
    }

    private static double checkWeight(double weight, String at) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new ScoringSpecException(at + ".weight", "weight must be a finite number > 0, was " + weight);
        }
        return weight;
    }

    private static void checkScorer(SubDimension sub, String at) {
        switch (sub.scoringType()) {
            case LLM_JUDGE -> {
                if (sub.description().isBlank()) {
                    throw new ScoringSpecException(at + ".description",
                            "an LLM_JUDGE sub-dimension needs a description: the yes/no question the judge answers");
                }
            }
            case CODE -> CodeScorers.check(sub.javaClass(), at + ".java_class");
            case CUSTOM_MODEL -> {
                if (sub.customModelId() == null || sub.customModelId().isBlank()) {
                    throw new ScoringSpecException(at + ".custom_model_id", "a CUSTOM_MODEL sub-dimension needs a custom_model_id");
                }
            }
        }
    }

    private static void normalise(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringSpec s && hash == s.hash && name.equals(s.name)
                && description.equals(s.description) && dimensions.equals(s.dimensions);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ScoringSpec{" + name + ", " + dimensions.size() + " dimensions, " + subDimensionCount + " sub-dimensions}";
    }
}
