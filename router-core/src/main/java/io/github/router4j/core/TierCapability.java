package io.github.router4j.core;

/**
 * What a request may need from the tier that answers it. A request goes only to tiers that
 * declare every capability it needs.
 */
public enum TierCapability {
    /** Tool specifications in the request, or tool results to answer. */
    TOOLS,
    /** A JSON response format without a schema. */
    RESPONSE_FORMAT_JSON,
    /** A JSON response format with a JSON schema. */
    RESPONSE_FORMAT_JSON_SCHEMA,
    /** Image content in a user message. */
    IMAGES
}
