package io.github.router4j.learned;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap-based neighbour scan gives exactly the weighted wins (so the same coefficients and decisions) of the straightforward
 * computation (every similarity, cut at the k-th largest, ties at the cut included), also with duplicated prompts.
 */
class SwBradleyTerryExactScanTest {

    private static final int DIMENSION = 37;

    @Test
    void winsAndDecisionsEqualTheFullScanForEveryNeighbourCount() {
        for (int models : new int[] {2, 3}) {
            TrainingSet set = trainingSet(1_500, models, new Random(models));
            Random random = new Random(11);
            for (int k : new int[] {0, 1, 2, 7, 100, 1_499, 1_500, 5_000}) {
                SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set,
                        SwBradleyTerryRouter.options().neighbours(k).build());
                for (int n = 0; n < 25; n++) {
                    float[] query = n % 3 == 0 ? set.examples().get(random.nextInt(set.size())).embedding()
                            : gaussian(random);
                    double[][] expected = fullScanWins(set, k, 10, query);
                    double[][] actual = router.wins(query);
                    for (int a = 0; a < models; a++) {
                        assertThat(actual[a]).as("models %d, k %d, query %d, row %d", models, k, n, a)
                                .containsExactly(expected[a]);
                    }
                }
            }
        }
    }

    /** The original computation: all similarities, the k-th largest as the cut, prompts summed in recorded order. */
    private static double[][] fullScanWins(TrainingSet set, int k, double gamma, float[] query) {
        int d = set.embeddingDimension("test");
        int count = set.size();
        int m = set.models().size();
        float[] flat = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(Vectors.normalized(set.examples().get(i).embedding()), 0, flat, i * d, d);
        }
        float[] q = Vectors.normalized(query);
        float[] sims = new float[count];
        for (int i = 0; i < count; i++) {
            sims[i] = Vectors.dotRow(q, flat, i);
        }
        float cut = Float.NEGATIVE_INFINITY;
        if (k > 0 && k < count) {
            float[] sorted = sims.clone();
            Arrays.sort(sorted);
            cut = sorted[count - k];
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float s : sims) {
            max = Math.max(max, s);
        }
        double[][] wins = new double[m][m];
        double logGamma = Math.log(gamma);
        double total = 0;
        int used = 0;
        for (int i = 0; i < count; i++) {
            float s = sims[i];
            if (s < cut) {
                continue;
            }
            double w = Math.exp(logGamma * (1 + (max > 0 ? s / max : 0)));
            double[] quality = set.examples().get(i).quality();
            for (int a = 0; a < m; a++) {
                float qa = (float) quality[a];
                for (int b = a + 1; b < m && !Float.isNaN(qa); b++) {
                    float qb = (float) quality[b];
                    if (Float.isNaN(qb)) {
                        continue;
                    }
                    double scoreA = qa > qb ? 1 : qa < qb ? 0 : 0.5;
                    wins[a][b] += w * scoreA;
                    wins[b][a] += w * (1 - scoreA);
                    total += w;
                }
            }
            used++;
        }
        if (total > 0) {
            double norm = used / total;
            for (double[] row : wins) {
                for (int b = 0; b < m; b++) {
                    row[b] *= norm;
                }
            }
        }
        return wins;
    }

    /** Clustered prompts; every fifth one repeats an earlier embedding so similarities tie; some results missing. */
    private static TrainingSet trainingSet(int size, int models, Random random) {
        float[][] centres = new float[8][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random);
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            float[] e;
            if (i > 0 && i % 5 == 0) {
                e = examples.get(random.nextInt(i)).embedding().clone();
            } else {
                e = gaussian(random);
                float[] centre = centres[random.nextInt(centres.length)];
                for (int j = 0; j < DIMENSION; j++) {
                    e[j] = 0.5f * e[j] + centre[j];
                }
            }
            double[] quality = new double[models];
            for (int j = 0; j < models; j++) {
                quality[j] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(3) / 2.0;
            }
            examples.add(new TrainingExample("p" + i, e, quality));
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < models; j++) {
            names.add("m" + j);
        }
        return new TrainingSet(names, examples);
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            v[j] = (float) random.nextGaussian();
        }
        return v;
    }
}
