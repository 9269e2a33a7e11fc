package io.github.router4j.langchain4j;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Verdict;

/** {@link AcceptanceStep#of} over a source that holds resources: closing the step closes the source. */
final class ClosingAcceptanceStep implements AcceptanceStep, AutoCloseable {

    private final EvidenceSource source;
    private final AcceptancePolicy policy;
    private final AutoCloseable resources;

    ClosingAcceptanceStep(EvidenceSource source, AcceptancePolicy policy, AutoCloseable resources) {
        this.source = source;
        this.policy = policy;
        this.resources = resources;
    }

    @Override
    public Verdict check(AcceptanceContext context) {
        return policy.decide(context.attempt(source.gather(context)));
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }

    @Override
    public String toString() {
        return "AcceptanceStep{" + source + ", " + policy + '}';
    }
}
