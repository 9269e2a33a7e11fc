package io.github.router4j.core.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DegeneracyTest {

    private static List<float[]> around(float[] centre, double noise, int n) {
        Random random = new Random(1);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = centre.clone();
            for (int j = 0; j < v.length; j++) {
                v[j] += (float) (noise * random.nextGaussian());
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void vectorsThatAllPointTheSameWayHaveNoSpread() {
        float[] centre = {1, 2, 3, 4, 5, 6, 7, 8};

        assertThat(Degeneracy.ofVectors(around(centre, 0.01, 50))).hasValueSatisfying(message -> assertThat(message)
                .startsWith("the 50 feature vectors have almost no spread (total variance 0.0000")
                .contains("check for a template or instructions every prompt shares"));
        assertThat(Degeneracy.ofVectors(around(centre, 3, 50))).isEmpty();
        assertThat(Degeneracy.spread(List.of(new float[] {1, 0}, new float[] {0, 1}))).isCloseTo(0.5, within());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void scoresThatAreAlmostAllTheSameAreConstant() {
        double[] constant = new double[100];
        java.util.Arrays.fill(constant, 0.5);
        constant[0] = 0.7;
        double[] varied = new Random(2).doubles(100).toArray();

        assertThat(Degeneracy.ofScores(constant)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("the scores are (nearly) constant: 99.0% of the 100 requests score 0.5000")
                .contains("the prompt column is the right one"));
        assertThat(Degeneracy.ofScores(varied)).isEmpty();
    }
}
