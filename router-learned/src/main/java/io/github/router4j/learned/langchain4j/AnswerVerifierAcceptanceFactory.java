package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.config.AcceptanceStepFactory;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.EmbeddingModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code strategy.acceptance.type: answer-verifier}: the learned {@link AnswerVerifier} as the cascade's
 * acceptance test ({@link AnswerVerifierStep}).
 *
 * <pre>{@code
 * acceptance:
 *   type: answer-verifier
 *   model: gsm8k-verifier.json           # from `router4j train --verifier`; next to the YAML, classpath:..., absolute
 *   threshold: 0.6                       # optional; default: the threshold saved in the file
 *   embedding-model:                     # needed when the verifier uses embeddings (the one it was trained with)
 *     provider: all-minilm-l6-v2-q       # or ref: aRegisteredEmbeddingModel
 * }</pre>
 */
public final class AnswerVerifierAcceptanceFactory implements AcceptanceStepFactory {

    @Override
    public String type() {
        return "answer-verifier";
    }

    @Override
    public AcceptanceStep create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "model", "threshold", "embedding-model");
        ConfigNode modelNode = params.get("model");
        AnswerVerifier verifier = LearnedRouterFactory.read(modelNode, context, AnswerVerifier::load,
                "the answer verifier");
        AnswerVerifierStep.Builder step = AnswerVerifierStep.builder().verifier(verifier);
        if (params.has("threshold")) {
            step.threshold(params.get("threshold").asDoubleIn(0, 1));
        }
        ConfigNode embedding = params.get("embedding-model");
        if (verifier.usesEmbeddings()) {
            if (embedding.isMissing()) {
                throw embedding.expected("the embedding model the verifier was trained with"
                        + " ({provider: all-minilm-l6-v2-q} or {ref: name}), because " + modelNode.asText()
                        + " uses embeddings");
            }
            step.embeddingModel(embeddingModel(embedding, context));
        }
        return step.build();
    }

    private static EmbeddingModel embeddingModel(ConfigNode node, ConfigContext context) {
        if (node.has("ref")) {
            node.expectFields("ref");
            return context.embeddingModel(node.get("ref"));
        }
        ConfigNode provider = node.get("provider");
        String name = provider.asText();
        List<String> known = new ArrayList<>();
        for (EmbeddingModelFactory factory : ServiceLoader.load(EmbeddingModelFactory.class,
                AnswerVerifierAcceptanceFactory.class.getClassLoader())) {
            if (factory.provider().equals(name)) {
                return factory.create(node, context);
            }
            known.add(factory.provider());
        }
        throw provider.error("unknown embedding provider '" + name + "'; known: " + known);
    }
}
