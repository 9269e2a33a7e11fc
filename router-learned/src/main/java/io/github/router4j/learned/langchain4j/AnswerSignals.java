package io.github.router4j.learned.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.cascade.StackedPGood;
import io.github.router4j.core.scoring.ArithmeticConsistencyScorer;
import io.github.router4j.core.scoring.FinalAnswerFormatScorer;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.EvidenceSource;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.LearnedRouter;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The signals about an answer that a {@link StackedPGood} combines into one P(good), as evidence
 * under fixed names: the recomputed arithmetic ({@value #ARITHMETIC}), the final-answer format
 * ({@value #FINAL_ANSWER_FORMAT}), the answer's length ({@value #LOG_CHARS} = ln(1 + characters) / 8),
 * and, when configured, the answer verifier's log-odds of P(good) ({@value #VERIFIER_LOGIT}) and the
 * pre-call router's log-odds of P(strong tier needed) ({@value #PRE_CALL_LOGIT}). {@code evaluate}'s
 * {@code hybrid} stacks the same signals. Use it with a policy on the stacked P(good):
 * {@code AcceptanceStep.of(signals, RewardPolicy.builder().stackedPGood(stack)...build())}.
 * Thread-safe.
 */
public final class AnswerSignals implements EvidenceSource {

    /** Log-odds of the pre-call router's P(strong tier needed) for the request. */
    public static final String PRE_CALL_LOGIT = "pre_call_logit";
    /** Log-odds of the answer verifier's P(good). */
    public static final String VERIFIER_LOGIT = "verifier_logit";
    /** Share of the answer's calculation steps that recompute right. */
    public static final String ARITHMETIC = "arithmetic";
    /** 1 for a {@code #### n} line, 0.5 for a final number, 0 otherwise. */
    public static final String FINAL_ANSWER_FORMAT = "final_answer_format";
    /** ln(1 + the answer's characters) / 8. */
    public static final String LOG_CHARS = "log_chars";
    /** Every signal name, in the order {@code evaluate}'s hybrid stacks them. */
    public static final List<String> NAMES = List.of(PRE_CALL_LOGIT, VERIFIER_LOGIT, ARITHMETIC, FINAL_ANSWER_FORMAT,
            LOG_CHARS);

    private static final FinalAnswerFormatScorer FORMAT = new FinalAnswerFormatScorer();

    private final AnswerVerifier verifier;
    private final Function<String, float[]> embedder;
    private final LearnedRouter preCallRouter;

    private AnswerSignals(Builder b) {
        this.verifier = b.verifier;
        this.embedder = b.embedder;
        this.preCallRouter = b.preCallRouter;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Evidence gather(AcceptanceContext context) {
        return of(context.routingRequest(), context.answer());
    }

    /** The signals of {@code answer} to {@code request}. */
    public Evidence of(RoutingRequest request, String answer) {
        Evidence e = Evidence.of(ARITHMETIC, ArithmeticConsistencyScorer.check(answer).consistency())
                .with(FINAL_ANSWER_FORMAT, FORMAT.score(answer, "").value())
                .with(LOG_CHARS, Math.log1p(answer.length()) / 8);
        if (verifier != null) {
            double p = verifier.usesEmbeddings()
                    ? verifier.pGood(request.text(), request.hasEmbedding() ? request.embedding()
                    : embedder.apply(request.text()), answer, embedder.apply(answer))
                    : verifier.pGood(request.text(), null, answer, null);
            e = e.with(VERIFIER_LOGIT, StackedPGood.logit(p));
        }
        if (preCallRouter != null) {
            e = e.with(PRE_CALL_LOGIT, StackedPGood.logit(preCallRouter.strongProbability(request)));
        }
        return e;
    }

    /** Builder for {@link AnswerSignals}; every part is optional. */
    public static final class Builder {
        private AnswerVerifier verifier;
        private Function<String, float[]> embedder;
        private LearnedRouter preCallRouter;

        private Builder() {
        }

        /** The answer verifier, with the embedding model it was trained with (unused when it has no embeddings). */
        public Builder verifier(AnswerVerifier verifier, EmbeddingModel embeddingModel) {
            return verifier(verifier, embeddingModel == null ? null
                    : text -> embeddingModel.embed(text.isBlank() ? " " : text).content().vector());
        }

        /** The answer verifier, with a function giving the embedding of a text (e.g. a cache). */
        public Builder verifier(AnswerVerifier verifier, Function<String, float[]> embedder) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            if (verifier.usesEmbeddings() && embedder == null) {
                throw new IllegalArgumentException("the answer verifier uses embeddings: give its embedding model");
            }
            this.embedder = embedder;
            return this;
        }

        /** The pre-call router whose P(strong tier needed) becomes {@value #PRE_CALL_LOGIT}. */
        public Builder preCallRouter(LearnedRouter preCallRouter) {
            this.preCallRouter = preCallRouter;
            return this;
        }

        public AnswerSignals build() {
            return new AnswerSignals(this);
        }
    }
}
