package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.Verdict;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.AcceptanceStep;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The cascade's acceptance test by the learned {@link AnswerVerifier}: the tier's answer is accepted when
 * P(good | prompt, answer) is at least the threshold, else the request escalates. The prompt's embedding is
 * the routing request's when it has one; the answer is embedded with the given model (only when the
 * verifier uses embeddings). Thread-safe. YAML: {@code type: answer-verifier} (see
 * {@link AnswerVerifierAcceptanceFactory}).
 */
public final class AnswerVerifierStep implements AcceptanceStep {

    /** Evidence key of the verifier's P(good). */
    public static final String P_GOOD = "verifier.p_good";

    private final AnswerVerifier verifier;
    private final EmbeddingModel embeddingModel;
    private final double threshold;

    private AnswerVerifierStep(Builder b) {
        this.verifier = Objects.requireNonNull(b.verifier, "verifier");
        if (verifier.usesEmbeddings() && b.embeddingModel == null) {
            throw new IllegalArgumentException("the answer verifier uses embeddings: give an embeddingModel");
        }
        this.embeddingModel = b.embeddingModel;
        this.threshold = b.threshold == null ? verifier.threshold() : b.threshold;
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The verifier's P(good) for {@code answer} to {@code request}. */
    public double pGood(RoutingRequest request, String answer) {
        if (!verifier.usesEmbeddings()) {
            return verifier.pGood(request.text(), null, answer, null);
        }
        float[] prompt = request.hasEmbedding() ? request.embedding() : embed(request.text());
        return verifier.pGood(request.text(), prompt, answer, embed(answer));
    }

    private float[] embed(String text) {
        return embeddingModel.embed(text.isBlank() ? " " : text).content().vector();
    }

    @Override
    public Verdict check(AcceptanceContext context) {
        double p = pGood(context.routingRequest(), context.answer());
        Map<String, Double> details = Map.of(P_GOOD, p, "threshold", threshold);
        String reason = String.format(Locale.ROOT, "answer verifier P(good) %.3f %s threshold %.3f", p,
                p >= threshold ? ">=" : "<", threshold);
        return p >= threshold ? Verdict.accept(reason, details) : Verdict.escalate(reason, details);
    }

    /** The evidence this step decides on, for policies that combine it with other signals. */
    public Evidence evidence(AcceptanceContext context) {
        return Evidence.of(P_GOOD, pGood(context.routingRequest(), context.answer()));
    }

    /** Settings; the threshold defaults to the one saved with the verifier. */
    public static final class Builder {
        private AnswerVerifier verifier;
        private EmbeddingModel embeddingModel;
        private Double threshold;

        public Builder verifier(AnswerVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /** Embeds the answer (and the prompt when the request carries no embedding). */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = embeddingModel;
            return this;
        }

        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        public AnswerVerifierStep build() {
            return new AnswerVerifierStep(this);
        }
    }
}
