package io.github.router4j.core.trace;

/**
 * Where routing traces are kept, so that a pre-call router can later be trained on what the cascade
 * learned from live traffic. {@link JsonlRoutingTraceStore} keeps them in an append-only file;
 * {@link JdbcRoutingTraceStore} in a database table that several application instances can share.
 * Implementations are thread-safe.
 */
public interface RoutingTraceStore extends AutoCloseable {

    /**
     * Records one trace. When this returns the record has been handed to the operating system (or
     * committed to the database), so it survives the JVM being killed.
     *
     * @throws IllegalArgumentException when a trace with the same request id was already recorded
     */
    void append(RoutingTrace trace);

    /**
     * Records whether the final answer to a traced request was good.
     *
     * @throws IllegalArgumentException when no trace has this request id; nothing is written then
     */
    void feedback(String requestId, boolean good);

    /** Every trace recorded so far, with feedback applied, and the records that could not be read. */
    RoutingTraces read();

    @Override
    void close();
}
