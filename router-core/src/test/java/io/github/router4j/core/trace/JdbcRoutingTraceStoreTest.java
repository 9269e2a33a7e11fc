package io.github.router4j.core.trace;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JDBC store against a real embedded H2 database. */
class JdbcRoutingTraceStoreTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private JdbcRoutingTraceStore store() {
        return JdbcRoutingTraceStore.builder().dataSource(dataSource).build();
    }

    @Test
    void tracesFromTwoInstancesAreReadBackInTimeOrderWithFeedback() {
        try (JdbcRoutingTraceStore one = store(); JdbcRoutingTraceStore two = store()) {
            one.append(Traces.accepted("r2", "What is 2 + 2?"));
            two.append(Traces.escalated("r1"));
            two.feedback("r2", false);

            RoutingTraces read = one.read();

            assertThat(read.skipped()).isEmpty();
            assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1", "r2");
            RoutingTrace first = read.traces().get(0);
            assertThat(first.promptEmbedding()).containsExactly(0.25f, -1.5f, 3e-7f);
            assertThat(first.steps()).isEqualTo(Traces.escalated("r1").steps());
            assertThat(first.good()).isEmpty();
            assertThat(read.traces().get(1).prompt()).contains("What is 2 + 2?");
            assertThat(read.traces().get(1).good()).contains(false);
        }
    }

    @Test
    void feedbackForAnUnknownRequestIsAClearErrorAndWritesNothing() throws Exception {
        try (JdbcRoutingTraceStore store = store()) {
            store.append(Traces.escalated("r1"));

            assertThatThrownBy(() -> store.feedback("nope", true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no trace with request id 'nope' in table router4j_routing_traces; feedback not recorded");
            assertThat(count("SELECT COUNT(*) FROM router4j_routing_traces")).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM router4j_routing_traces WHERE good IS NOT NULL")).isZero();
        }
    }

    @Test
    void aRequestIdIsTracedOnce() {
        try (JdbcRoutingTraceStore store = store()) {
            store.append(Traces.escalated("r1"));
            assertThatThrownBy(() -> store.append(Traces.escalated("r1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("request id 'r1' is already traced in table router4j_routing_traces");
        }
    }

    @Test
    void anUnreadableRowIsSkippedAndReportedWithItsRequestId() throws Exception {
        try (JdbcRoutingTraceStore store = store()) {
            store.append(Traces.escalated("r1"));
            execute("INSERT INTO router4j_routing_traces VALUES ('r2', TIMESTAMP '2030-01-01 00:00:00', '{\"id\":', NULL)");

            RoutingTraces read = store.read();

            assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1");
            assertThat(read.skipped()).singleElement().satisfies(e ->
                    assertThat(e.getMessage()).startsWith("table router4j_routing_traces:2: request id 'r2': malformed JSON"));
        }
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> JdbcRoutingTraceStore.builder().dataSource(dataSource).table("t; DROP TABLE x").build())
                .hasMessage("table name 't; DROP TABLE x' is not a plain SQL identifier");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
