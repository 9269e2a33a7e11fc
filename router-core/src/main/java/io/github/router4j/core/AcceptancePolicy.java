package io.github.router4j.core;

/**
 * Decides after the call whether a tier's answer is good enough or the request escalates to the
 * next tier. Pure: the evidence (self-evaluation votes, scores) is gathered by the caller. The last
 * tier's answer is always accepted by the caller, whatever the policy says.
 */
@FunctionalInterface
public interface AcceptancePolicy {

    /** Accepts every answer: no cascade, only fallback on errors. */
    AcceptancePolicy ACCEPT_ALL = attempt -> Verdict.accept("accept all");

    Verdict decide(Attempt attempt);
}
