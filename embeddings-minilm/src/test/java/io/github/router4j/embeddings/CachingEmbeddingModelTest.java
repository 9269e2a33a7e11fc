package io.github.router4j.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingEmbeddingModelTest {

    /** Embeds a text as {length, first char}, and records what it was asked. */
    static final class CountingModel implements EmbeddingModel {
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            calls.add(segments.stream().map(TextSegment::text).toList());
            return Response.from(segments.stream()
                    .map(s -> Embedding.from(new float[] {s.text().length(), s.text().charAt(0)})).toList());
        }
    }

    @Test
    void embedsEachTextOnceAndBatchesTheMisses() {
        CountingModel delegate = new CountingModel();
        CachingEmbeddingModel model = CachingEmbeddingModel.builder().delegate(delegate).build();

        assertThat(model.vector("hello")).containsExactly(5, 'h');
        List<Embedding> all = model.embedAll(List.of(TextSegment.from("hello"), TextSegment.from("hi"),
                TextSegment.from("hey"), TextSegment.from("hi"))).content();

        assertThat(all).extracting(e -> e.vector()[0]).containsExactly(5f, 2f, 3f, 2f);
        assertThat(delegate.calls).containsExactly(List.of("hello"), List.of("hi", "hey"));
        assertThat(model.size()).isEqualTo(3);
    }

    @Test
    void evictsBeyondTheConfiguredSize() {
        CountingModel delegate = new CountingModel();
        CachingEmbeddingModel model = CachingEmbeddingModel.of(delegate, 0, Duration.ofMinutes(5));

        model.vector("again");
        model.vector("again");

        assertThat(delegate.calls).hasSize(2);
    }

    @Test
    void rejectsANonPositiveTimeToLive() {
        assertThatThrownBy(() -> CachingEmbeddingModel.of(new CountingModel(), 10, Duration.ZERO))
                .hasMessageContaining("timeToLive must be positive");
    }

    @Test
    void defaultModelEmbedsOfflineInto384UnitLengthDimensions() {
        CachingEmbeddingModel model = DefaultEmbeddingModels.routingDefault();

        float[] v = model.vector("How do I reverse a linked list in Java?");

        assertThat(v).hasSize(DefaultEmbeddingModels.DIMENSION);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(model.vector("How do I reverse a linked list in Java?")).isEqualTo(v);
        assertThat(model.hitRate()).isEqualTo(0.5);
    }
}
