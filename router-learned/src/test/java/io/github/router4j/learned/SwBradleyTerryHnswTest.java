package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.learned.SwBradleyTerryRouter.Options.Ann;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large training sets find their neighbours in an HNSW graph, walked on the stored floats or on product-quantised
 * codes; either way they must be nearly the exact ones.
 */
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

    private static double recall(SwBradleyTerryRouter router, TrainingSet queries) {
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
        return (double) found / wanted;
    }

    @ParameterizedTest
    @EnumSource(Ann.class)
    void the_approximate_neighbours_at_the_default_search_width_recall_at_least_95_percent_of_the_exact_ones(Ann ann) {
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(clustered(6_000, 1), SwBradleyTerryRouter.options()
                .neighbours(50).hnsw(5_000, SwBradleyTerryRouter.Options.DEFAULT_EF).ann(ann).build());

        assertThat(router.usesAnn()).isTrue();
        assertThat(router.annBytes()).isPositive();
        assertThat(recall(router, clustered(200, 2))).isGreaterThanOrEqualTo(0.95);
    }

    @ParameterizedTest
    @EnumSource(Ann.class)
    void a_search_hands_back_its_rows_in_order_with_their_exact_similarities(Ann ann) {
        List<TrainingExample> rows = clustered(2_000, 12).examples();
        float[] data = new float[rows.size() * DIMENSION];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(Vectors.normalized(rows.get(i).embedding()), 0, data, i * DIMENSION, DIMENSION);
        }
        HnswIndex index = HnswIndex.build(data, rows.size(), DIMENSION, ann == Ann.HNSW_PQ);

        for (TrainingExample q : clustered(32, 13).examples()) {
            float[] query = Vectors.normalized(q.embedding());
            NeighbourIndex.Neighbours found = index.search(query, 30, 64);

            assertThat(found.rows()).hasSize(30).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < found.rows().length; i++) {
                assertThat(Float.floatToRawIntBits(found.similarities()[i]))
                        .isEqualTo(Float.floatToRawIntBits(Vectors.dotRow(query, data, found.rows()[i])));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ann.class)
    void concurrent_searches_find_what_one_thread_finds(Ann ann) throws Exception {
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(clustered(3_000, 6), SwBradleyTerryRouter.options()
                .neighbours(20).hnsw(1_000, 64).ann(ann).build());
        List<TrainingExample> queries = clustered(64, 7).examples();
        List<int[]> alone = new ArrayList<>();
        for (TrainingExample q : queries) {
            alone.add(router.neighbourRows(q.embedding()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> together = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (TrainingExample q : queries) {
                    together.add(pool.submit(() -> router.neighbourRows(q.embedding())));
                }
            }
            for (int i = 0; i < together.size(); i++) {
                assertThat(together.get(i).get()).containsExactly(alone.get(i % queries.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_codes_take_far_less_memory_than_the_vectors_they_stand_for() {
        SwBradleyTerryRouter.Options.Builder options = SwBradleyTerryRouter.options().hnsw(1_000, 100);
        TrainingSet set = clustered(2_000, 4);
        long graph = SwBradleyTerryRouter.train(set, options.ann(Ann.HNSW).build()).annBytes();
        long withCodes = SwBradleyTerryRouter.train(set, options.ann(Ann.HNSW_PQ).build()).annBytes();

        // one byte per two dimensions and prompt, plus 256 centroids of two floats per subspace; the floats take
        // 2,000 x 48 x 4 = 384,000 bytes
        assertThat(withCodes - graph).isEqualTo(2_000L * DIMENSION / 2 + 256L * DIMENSION * 4);
    }

    @Test
    void small_sets_are_scanned_exactly_and_the_settings_survive_json() {
        TrainingSet set = clustered(1_000, 3);
        SwBradleyTerryRouter small = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build());
        SwBradleyTerryRouter forced = SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options()
                .hnsw(500, 64).ann(Ann.HNSW_PQ).build());
        SwBradleyTerryRouter reloaded = (SwBradleyTerryRouter) LearnedRouters.fromJson(forced.toJson());

        assertThat(small.usesAnn()).isFalse();
        assertThat(reloaded.usesAnn()).isTrue();
        assertThat(reloaded.settings().ef()).isEqualTo(64);
        assertThat(reloaded.settings().ann()).isEqualTo(Ann.HNSW_PQ);
        RoutingRequest request = RoutingRequest.builder().text("q")
                .embedding(set.examples().get(0).embedding()).build();
        assertThat(reloaded.predictQuality(request)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Ann.class)
    void the_index_is_saved_with_the_router_and_loaded_as_it_was(Ann ann) {
        SwBradleyTerryRouter trained = SwBradleyTerryRouter.train(clustered(2_000, 8), SwBradleyTerryRouter.options()
                .neighbours(20).hnsw(1_000, 64).ann(ann).build());
        String json = trained.toJson();
        SwBradleyTerryRouter loaded = (SwBradleyTerryRouter) LearnedRouters.fromJson(json);

        assertThat(json).contains("\"annIndex\"");
        assertThat(loaded.toJson()).isEqualTo(json);
        assertThat(loaded.annBytes()).isEqualTo(trained.annBytes());
        for (TrainingExample q : clustered(32, 9).examples()) {
            assertThat(loaded.neighbourRows(q.embedding())).containsExactly(trained.neighbourRows(q.embedding()));
        }
    }

    @Test
    void a_saved_index_that_does_not_fit_its_settings_is_named_in_the_error() throws Exception {
        String json = SwBradleyTerryRouter.train(clustered(1_500, 10), SwBradleyTerryRouter.options()
                .hnsw(1_000, 64).ann(Ann.HNSW_PQ).build()).toJson();
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(json);
        ((ObjectNode) root.get("annIndex")).remove("codes");

        assertThatThrownBy(() -> LearnedRouters.fromJson(Json.MAPPER.writeValueAsString(root)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'codes' is missing for ann hnsw-pq");
    }

    @Test
    void a_router_whose_embeddings_take_more_than_twenty_million_json_characters_loads() {
        Random random = new Random(11);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 14_000; i++) {
            float[] e = new float[384];
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) random.nextGaussian();
            }
            examples.add(new TrainingExample("q" + i, e, new double[] {random.nextInt(2), 1}));
        }
        SwBradleyTerryRouter router = SwBradleyTerryRouter.train(new TrainingSet(List.of("weak", "strong"), examples),
                SwBradleyTerryRouter.options().hnsw(0, 64).build());
        String json = router.toJson();

        // 14,000 x 384 float32 values are 28.7 million base64 characters in one string
        assertThat(json.length()).isGreaterThan(20_000_000);
        assertThat(((SwBradleyTerryRouter) LearnedRouters.fromJson(json)).size()).isEqualTo(14_000);
    }

    @Test
    void an_unknown_index_name_in_the_json_is_named_in_the_error() {
        String json = SwBradleyTerryRouter.train(clustered(100, 5), SwBradleyTerryRouter.options().build()).toJson()
                .replaceAll("\"ann\" : \"[a-z-]+\"", "\"ann\" : \"faiss\"");

        assertThatThrownBy(() -> LearnedRouters.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ann' must be hnsw or hnsw-pq, got 'faiss'");
    }
}
