package io.github.router4j.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRequestTest {

    @Test
    void anEmbedderEmbedsTheContextAndTextOnceAndFollowsARewrittenText() {
        List<String> embedded = new ArrayList<>();
        RoutingRequest request = RoutingRequest.builder().text("Shared intro. The question?").context("Earlier turn")
                .embedder(text -> {
                    embedded.add(text);
                    return new float[] {text.length()};
                }).build();

        request.embedding();
        request.embedding();
        RoutingRequest rewritten = request.toBuilder().text("The question?").build();

        assertThat(rewritten.embedding()).containsExactly(("Earlier turn\nThe question?").length());
        assertThat(embedded).containsExactly("Earlier turn\nShared intro. The question?", "Earlier turn\nThe question?");
        assertThat(request.toBuilder().build().embedding()).as("same text: the computed embedding is reused")
                .containsExactly(("Earlier turn\nShared intro. The question?").length());
        assertThat(embedded).hasSize(2);
    }

    @Test
    void aFixedEmbeddingStaysWithARewrittenText() {
        RoutingRequest request = RoutingRequest.builder().text("a").embedding(new float[] {1, 2}).build();

        assertThat(request.toBuilder().text("b").build().embedding()).containsExactly(1, 2);
    }
}
