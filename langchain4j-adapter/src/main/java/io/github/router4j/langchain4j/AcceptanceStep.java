package io.github.router4j.langchain4j;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Verdict;

import java.util.Objects;

/**
 * The post-call check of a cascade: accept a tier's answer, or escalate to the next stronger tier.
 * Tool-call answers and the strongest eligible tier's answer are accepted without asking. When the
 * step throws, {@link TieredChatModel} escalates (and records why): a broken judge costs money, never
 * quality.
 */
@FunctionalInterface
public interface AcceptanceStep {

    Verdict check(AcceptanceContext context);

    /** Accepts every answer: tiers change only on failures. */
    static AcceptanceStep acceptAll() {
        return context -> Verdict.accept("accept all");
    }

    /**
     * Gathers evidence with {@code source}, then lets {@code policy} decide. When the source is
     * {@link AutoCloseable} (e.g. a {@code SelfEvaluation} with its own threads), so is the step, and
     * closing it closes the source.
     */
    static AcceptanceStep of(EvidenceSource source, AcceptancePolicy policy) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        if (source instanceof AutoCloseable closeable) {
            return new ClosingAcceptanceStep(source, policy, closeable);
        }
        return context -> policy.decide(context.attempt(source.gather(context)));
    }
}
