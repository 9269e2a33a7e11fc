package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.scoring.CustomModel;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.scoring.CustomModelFactory;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code custom-models: {id: trained-router.json, other: {file: router.json, score: easiness}}}: learned routers
 * (files or {@code classpath:}) registered as {@code CUSTOM_MODEL}s scoring P(strong tier needed)
 * ({@code score: difficulty}, the default) or its complement ({@code easiness}). They embed with the in-process
 * all-MiniLM-L6-v2 the train command uses, one cached instance shared by every custom model.
 */
public final class LearnedCustomModelFactory implements CustomModelFactory {

    /** What a learned router registered as a custom model scores. */
    enum CustomScore { DIFFICULTY, EASINESS }

    private static final class SharedEmbeddings {
        static final EmbeddingModel INSTANCE = DefaultEmbeddingModels.routingDefault();
    }

    @Override
    public CustomModel create(String id, ConfigNode entry, ConfigContext context) {
        if (entry.isObject()) {
            entry.expectFields("file", "score");
        }
        ConfigNode location = entry.isObject() ? entry.get("file") : entry;
        CustomScore score = entry.isObject() && !entry.get("score").isMissing()
                ? entry.get("score").asEnum(CustomScore.class) : CustomScore.DIFFICULTY;
        LearnedRouter router;
        try (InputStream in = context.open(location)) {
            router = LearnedRouters.load(in, location.asText());
        } catch (IOException | RuntimeException e) {
            throw location.error("cannot load a trained router for custom model '" + id + "': " + e.getMessage());
        }
        EmbeddingModel embeddings = SharedEmbeddings.INSTANCE;
        return score == CustomScore.EASINESS ? LearnedRouterModel.easiness(router, embeddings)
                : LearnedRouterModel.difficulty(router, embeddings);
    }
}
