package io.github.router4j.langchain4j;

/** Which tiers a request falls back to when the tier it was routed to fails. */
public enum FallbackOrder {
    /** The stronger eligible tiers, cheapest first, then the weaker ones, strongest first: no request is lost. */
    STRONGER_THEN_WEAKER,
    /** Only the stronger eligible tiers, cheapest first: quality never drops below the routed tier. */
    STRONGER_ONLY
}
