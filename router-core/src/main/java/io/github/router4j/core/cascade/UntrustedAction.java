package io.github.router4j.core.cascade;

/**
 * What a {@link MetaVerifier} does with an observation that lies where its training data was too
 * sparse (normalised density below the threshold), where the good/poor density ratio means nothing.
 */
public enum UntrustedAction {
    /** P(good) = 0: the cascade escalates (the safe choice for quality). */
    ESCALATE,
    /** P(good) = the prior: the configured prior, else the share of good answers in the training data. */
    USE_PRIOR
}
