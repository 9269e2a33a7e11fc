package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.core.scoring.CustomModel;

import java.util.Objects;

/**
 * A trained router from the learned routers (classifier, sw-bt, mf, ...) used as a scoring spec's
 * {@code CUSTOM_MODEL}. It scores the input, not the response: {@link #difficulty} gives P(strong tier
 * needed), for pre-call difficulty specs; {@link #easiness} gives 1 − that, how likely the cheap tier is
 * good enough. Routers that need embeddings get them from the given {@link EmbeddingModel} (use the one
 * they were trained with).
 */
public final class LearnedRouterModel implements CustomModel {

    private final LearnedRouter router;
    private final EmbeddingModel embeddingModel;
    private final boolean easiness;

    private LearnedRouterModel(LearnedRouter router, EmbeddingModel embeddingModel, boolean easiness) {
        this.router = Objects.requireNonNull(router, "router");
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
        this.easiness = easiness;
    }

    /** Scores P(strong tier needed) for the input. */
    public static LearnedRouterModel difficulty(LearnedRouter router, EmbeddingModel embeddingModel) {
        return new LearnedRouterModel(router, embeddingModel, false);
    }

    /** Scores 1 − P(strong tier needed) for the input. */
    public static LearnedRouterModel easiness(LearnedRouter router, EmbeddingModel embeddingModel) {
        return new LearnedRouterModel(router, embeddingModel, true);
    }

    @Override
    public double predict(String input, String response) {
        String text = input == null ? "" : input;
        RoutingRequest request = RoutingRequest.builder().text(text)
                .embedder(t -> embeddingModel.embed(t).content().vector()).build();
        double p = router.strongProbability(request);
        return easiness ? 1 - p : p;
    }

    @Override
    public String toString() {
        return "LearnedRouterModel{" + (easiness ? "easiness" : "difficulty") + ", " + router.type() + " "
                + router.models() + '}';
    }
}
