package io.github.router4j.langchain4j.scoring;

import io.github.router4j.core.Evidence;
import io.github.router4j.core.scoring.ScoreThresholdPolicy;
import io.github.router4j.core.scoring.SpecScore;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.EvidenceSource;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.Transcript;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Scores each answer with a {@link SpecScorer}: the request's routing text is the input, the tier's
 * answer the output; LLM judges also read a {@link Transcript} of what the answer depends on (earlier
 * turns, retrieved information, tool calls and results), capped by {@link LlmJudge#contextChars()}, and
 * their calls carry the caller's listener attributes plus {@code router4j.purpose=llm-judge}. The total goes into {@link Evidence#SCORE} (left out when nothing could be scored),
 * each dimension's score into {@code score.<label>}. Judge calls are booked on the judge tier's cost.
 * Thread-safe.
 */
public final class SpecEvidenceSource implements EvidenceSource {

    /** Prefix of the per-dimension evidence keys. */
    public static final String DIMENSION_PREFIX = Evidence.SCORE + ".";

    private final SpecScorer scorer;
    private final Tier judgeTier;
    private final BiConsumer<AcceptanceContext, SpecScore> observer;
    private final double skipJudgesBelow;

    private SpecEvidenceSource(SpecScorer scorer, Tier judgeTier, BiConsumer<AcceptanceContext, SpecScore> observer,
                               double skipJudgesBelow) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.judgeTier = judgeTier;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.skipJudgesBelow = skipJudgesBelow;
    }

    /**
     * @param judgeTier the tier whose model judges (its tokens are booked on the request), or null when
     *                  the spec has no LLM judge or the judge is not one of the tiers
     */
    public static SpecEvidenceSource of(SpecScorer scorer, Tier judgeTier) {
        return new SpecEvidenceSource(scorer, judgeTier, (context, score) -> { }, 0);
    }

    /** A copy that also hands every score, with all its explanations, to {@code observer} (e.g. for logging). */
    public SpecEvidenceSource observedBy(BiConsumer<AcceptanceContext, SpecScore> newObserver) {
        return new SpecEvidenceSource(scorer, judgeTier, newObserver, skipJudgesBelow);
    }

    /**
     * A copy that does not ask the judges when the other sub-dimensions already cap the total below
     * {@code threshold} (see {@link SpecScorer#score(String, String, java.util.function.Consumer, double)}).
     */
    public SpecEvidenceSource skippingJudgesBelow(double threshold) {
        return new SpecEvidenceSource(scorer, judgeTier, observer, threshold);
    }

    /** The acceptance step "score &ge; threshold"; judges are skipped when the other scores cannot reach it. */
    public static AcceptanceStep threshold(SpecScorer scorer, Tier judgeTier, double threshold) {
        return AcceptanceStep.of(of(scorer, judgeTier).skippingJudgesBelow(threshold), ScoreThresholdPolicy.of(threshold));
    }

    @Override
    public Evidence gather(AcceptanceContext context) {
        String question = context.routingRequest().text();
        int contextChars = scorer.judge().map(LlmJudge::contextChars).orElse(0);
        String transcript = Transcript.of(context.chatRequest().messages(), question, contextChars);
        SpecScore score = scorer.score(question, transcript, context.answer(), usage -> {
            if (judgeTier != null) {
                context.recordUsage(judgeTier, usage);
            }
        }, skipJudgesBelow, context.extraCallOptions(RoutingInfo.PURPOSE_LLM_JUDGE));
        observer.accept(context, score);
        return toEvidence(score);
    }

    static Evidence toEvidence(SpecScore score) {
        Evidence evidence = Evidence.empty();
        if (score.isScored()) {
            evidence = evidence.with(Evidence.SCORE, score.total());
        }
        for (SpecScore.DimensionScore d : score.dimensions()) {
            if (!Double.isNaN(d.score())) {
                evidence = evidence.with(DIMENSION_PREFIX + d.label(), d.score());
            }
        }
        return evidence;
    }

    public SpecScorer scorer() {
        return scorer;
    }
}
