package io.github.router4j.learned;

import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own walk of the frozen graph visits what Lucene's searcher visits on the same graph with the same scores, so it
 * finds the same rows at the same width (and the same recall), on the stored floats and on the product-quantised
 * codes alike.
 */
class BeamSearchTest {

    private static final int COUNT = 6_000;
    private static final int DIMENSION = 48;

    private static float[] data;
    private static OnHeapHnswGraph lucene;
    private static BeamSearch beam;
    private static ProductCodes codes;
    private static List<float[]> queries;

    @BeforeAll
    static void buildOneGraph() throws IOException {
        Random random = new Random(21);
        float[][] centres = new float[40][DIMENSION];
        for (float[] c : centres) {
            for (int j = 0; j < DIMENSION; j++) {
                c[j] = (float) random.nextGaussian();
            }
        }
        data = new float[COUNT * DIMENSION];
        queries = new ArrayList<>();
        for (int i = 0; i < COUNT + 100; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] e = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                e[j] = c[j] + (float) (random.nextGaussian() * 0.5);
            }
            float[] unit = Vectors.normalized(e);
            if (i < COUNT) {
                System.arraycopy(unit, 0, data, i * DIMENSION, DIMENSION);
            } else {
                queries.add(unit);
            }
        }
        lucene = HnswGraphBuilder.create(new Supplier(), HnswIndex.MAX_CONNECTIONS, HnswIndex.BEAM_WIDTH, 42)
                .build(COUNT);
        beam = new BeamSearch(FrozenGraph.of(lucene, COUNT));
        codes = ProductCodes.encode(data, COUNT, DIMENSION);
    }

    @Test
    void on_the_floats_it_finds_exactly_the_rows_lucene_finds_in_the_same_order() throws IOException {
        for (int ef : new int[] {1, 20, 64, 150}) {
            for (float[] q : queries) {
                BeamSearch.Scorer floats = luceneScale(q);

                assertThat(rows(beam.search(floats, null, ef))).as("ef %d", ef)
                        .containsExactly(luceneWalk(floats, ef));
            }
        }
    }

    @Test
    void on_the_codes_it_finds_exactly_the_rows_lucene_finds_in_the_same_order() throws IOException {
        for (int ef : new int[] {20, 100, 180}) {
            for (float[] q : queries) {
                float[] table = codes.table(q);
                try {
                    BeamSearch.Scorer onCodes = onCodes(table);

                    assertThat(rows(beam.search(onCodes, null, ef))).as("ef %d", ef)
                            .containsExactly(luceneWalk(onCodes, ef));
                } finally {
                    codes.release(table);
                }
            }
        }
    }

    @Test
    void re_scored_rows_come_worst_first_with_their_new_scores() {
        float[] q = queries.get(0);
        float[] table = codes.table(q);
        long[] found;
        try {
            found = beam.search(onCodes(table), exact(q), 80);
        } finally {
            codes.release(table);
        }

        assertThat(found).hasSize(80).isSorted();
        Set<Integer> rows = new HashSet<>();
        for (long p : found) {
            assertThat(rows.add(BeamSearch.row(p))).isTrue();
            assertThat(BeamSearch.score(p)).isEqualTo(Vectors.dotRow(q, data, BeamSearch.row(p)));
        }
    }

    private static int[] rows(long[] ascending) {
        int[] rows = new int[ascending.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = BeamSearch.row(ascending[ascending.length - 1 - i]);
        }
        return rows;
    }

    private static BeamSearch.Scorer exact(float[] q) {
        return new BeamSearch.Scorer() {
            @Override
            public float score(int row) {
                return Vectors.dotRow(q, data, row);
            }

            @Override
            public int touch(int row) {
                return 0;
            }
        };
    }

    /** Lucene's dot-product similarity {@code (1 + dot) / 2}. */
    private static BeamSearch.Scorer luceneScale(float[] q) {
        return new BeamSearch.Scorer() {
            @Override
            public float score(int row) {
                return (1 + Vectors.dotRow(q, data, row)) / 2;
            }

            @Override
            public int touch(int row) {
                return 0;
            }
        };
    }

    private static BeamSearch.Scorer onCodes(float[] table) {
        return new BeamSearch.Scorer() {
            @Override
            public float score(int row) {
                return Math.max(0, (1 + codes.score(table, row)) / 2);
            }

            @Override
            public int touch(int row) {
                return codes.touch(row);
            }
        };
    }

    /** Lucene's own searcher over the same graph with the same scores. */
    private static int[] luceneWalk(BeamSearch.Scorer scores, int ef) throws IOException {
        RandomVectorScorer scorer = new RandomVectorScorer.AbstractRandomVectorScorer(new Rows()) {
            @Override
            public float score(int node) {
                return scores.score(node);
            }
        };
        TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
        HnswGraphSearcher.search(scorer, collector, lucene, null);
        return Arrays.stream(collector.topDocs().scoreDocs).mapToInt(d -> d.doc).toArray();
    }

    private static final class Supplier implements RandomVectorScorerSupplier {
        @Override
        public RandomVectorScorer scorer(int ord) {
            float[] row = Arrays.copyOfRange(data, ord * DIMENSION, (ord + 1) * DIMENSION);
            return new RandomVectorScorer.AbstractRandomVectorScorer(new Rows()) {
                @Override
                public float score(int node) {
                    return (1 + Vectors.dotRow(row, data, node)) / 2;
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return this;
        }
    }

    private static final class Rows implements RandomAccessVectorValues.Floats {
        @Override
        public int size() {
            return COUNT;
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public float[] vectorValue(int ord) {
            return Arrays.copyOfRange(data, ord * DIMENSION, (ord + 1) * DIMENSION);
        }

        @Override
        public Rows copy() {
            return this;
        }
    }
}
