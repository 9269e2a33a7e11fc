package io.github.router4j.langchain4j;

import io.github.router4j.core.Evidence;

/**
 * Gathers numbers about an answer after the call (self-evaluation votes, a score, ...), possibly by
 * calling models; the {@link io.github.router4j.core.AcceptancePolicy} then decides on them.
 * Extra calls report their tokens through {@link AcceptanceContext#recordUsage}.
 */
@FunctionalInterface
public interface EvidenceSource {

    Evidence gather(AcceptanceContext context);
}
