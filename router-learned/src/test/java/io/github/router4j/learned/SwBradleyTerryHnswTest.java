package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Large training sets find their neighbours in Lucene's HNSW graph; they must be nearly the exact ones. */
class SwBradleyTerryHnswTest {

    private static final int DIMENSION = 48;

    private static TrainingSet clustered(int size, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[40][DIMENSION];
        for (float[] c : centres) {
            for (int j = 0; j < DIMENSION; j++) {
                c[j] = (float) random.nextGaussian();
            }
        }
        List<TrainingExample> examples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] e = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                e[j] = c[j] + (float) (random.nextGaussian() * 0.5);
            }
            examples.add(new TrainingExample("q" + i, e, new double[] {random.nextInt(2), random.nextInt(2), 1}));
        }
        return new TrainingSet(List.of("small", "standard", "strong"), examples);
    }

    @Test
    void the_hnsw_neighbours_at_the_default_search_width_recall_at_least_95_percent_of_the_exact_ones() {
        TrainingSet set = clustered(6_000, 1);
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().neighbours(50)
                .hnsw(5_000, SwBradleyTerryRouter.Options.DEFAULT_EF).build());
        assertThat(router.usesHnsw()).isTrue();
        assertThat(router.hnswBytes()).isPositive();

        TrainingSet queries = clustered(200, 2);
        long found = 0;
        long wanted = 0;
        for (TrainingExample q : queries.examples()) {
            Set<Integer> exact = new HashSet<>();
            for (int r : router.exactNeighbourRows(q.embedding())) {
                exact.add(r);
            }
            for (int r : router.neighbourRows(q.embedding())) {
                if (exact.contains(r)) {
                    found++;
                }
            }
            wanted += exact.size();
        }
        assertThat((double) found / wanted).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void small_sets_are_scanned_exactly_and_the_settings_survive_json() {
        TrainingSet set = clustered(1_000, 3);
        SwBradleyTerryRouter small = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build());
        SwBradleyTerryRouter forced = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options()
                .hnsw(500, 64).build());
        LearnedRouter reloaded = LearnedRouters.fromJson(forced.toJson());

        assertThat(small.usesHnsw()).isFalse();
        assertThat(((SwBradleyTerryRouter) reloaded).usesHnsw()).isTrue();
        assertThat(((SwBradleyTerryRouter) reloaded).settings().ef()).isEqualTo(64);
        RoutingRequest request = RoutingRequest.builder().text("q")
                .embedding(set.examples().get(0).embedding()).build();
        assertThat(reloaded.predictQuality(request)).hasSize(3);
    }
}
