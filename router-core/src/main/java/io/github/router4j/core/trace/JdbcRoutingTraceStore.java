package io.github.router4j.core.trace;

import io.github.router4j.core.data.DataFileException;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Routing traces in a database table, for applications running on several instances that should
 * all teach one router. It takes a {@link DataSource}, so the application brings its own driver and
 * pool. One row per request: {@code request_id} (primary key), {@code recorded_at}, {@code trace_json}
 * (the trace in the JSON Lines store's format) and {@code good} (feedback, null until given). With
 * {@link Builder#createTable(boolean)} (default true) the table is created when missing as
 * {@code CREATE TABLE t (request_id VARCHAR(255) PRIMARY KEY, recorded_at TIMESTAMP NOT NULL,
 * trace_json CLOB NOT NULL, good BOOLEAN)}; databases without {@code CLOB} (PostgreSQL: {@code TEXT})
 * set {@link Builder#textType(String)} or create the table themselves. Each append and feedback is
 * its own auto-committed statement. Thread-safe.
 */
public final class JdbcRoutingTraceStore implements RoutingTraceStore {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource dataSource;
    private final String table;

    private JdbcRoutingTraceStore(Builder builder) {
        this.dataSource = Objects.requireNonNull(builder.dataSource, "dataSource");
        if (!IDENTIFIER.matcher(builder.table).matches()) {
            throw new IllegalArgumentException("table name '" + builder.table + "' is not a plain SQL identifier");
        }
        if (!IDENTIFIER.matcher(builder.textType).matches()) {
            throw new IllegalArgumentException("text type '" + builder.textType + "' is not a plain SQL type name");
        }
        this.table = builder.table;
        if (builder.createTable) {
            createTableIfMissing(builder.textType);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void append(RoutingTrace trace) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(4096);
        TraceJson.writeTrace(trace, json);
        String sql = "INSERT INTO " + table + " (request_id, recorded_at, trace_json, good) VALUES (?, ?, ?, ?)";
        try (Connection c = connection(); PreparedStatement insert = c.prepareStatement(sql)) {
            if (exists(c, trace.requestId())) {
                throw new IllegalArgumentException("request id '" + trace.requestId() + "' is already traced in table "
                        + table);
            }
            insert.setString(1, trace.requestId());
            insert.setTimestamp(2, Timestamp.from(trace.time()));
            insert.setString(3, json.toString(StandardCharsets.UTF_8));
            if (trace.good().isPresent()) {
                insert.setBoolean(4, trace.good().get());
            } else {
                insert.setNull(4, java.sql.Types.BOOLEAN);
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot append trace '" + trace.requestId() + "'", e);
        }
    }

    @Override
    public void feedback(String requestId, boolean good) {
        try (Connection c = connection();
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET good = ? WHERE request_id = ?")) {
            update.setBoolean(1, good);
            update.setString(2, requestId);
            if (update.executeUpdate() == 0) {
                throw new IllegalArgumentException("no trace with request id '" + requestId + "' in table " + table
                        + "; feedback not recorded");
            }
        } catch (SQLException e) {
            throw failure("cannot record feedback for '" + requestId + "'", e);
        }
    }

    @Override
    public RoutingTraces read() {
        List<RoutingTrace> traces = new ArrayList<>();
        List<DataFileException> skipped = new ArrayList<>();
        String sql = "SELECT request_id, trace_json, good FROM " + table + " ORDER BY recorded_at, request_id";
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            long row = 0;
            while (rows.next()) {
                row++;
                String id = rows.getString(1);
                String json = rows.getString(2);
                boolean good = rows.getBoolean(3);
                boolean hasGood = !rows.wasNull();
                try {
                    TraceJson.Entry entry = TraceJson.parse(json);
                    if (!(entry instanceof TraceJson.TraceEntry t)) {
                        throw new IllegalArgumentException("expected a trace, got feedback");
                    }
                    traces.add(hasGood ? t.trace().withGood(good) : t.trace());
                } catch (IllegalArgumentException e) {
                    skipped.add(new DataFileException("table " + table, row,
                            "request id '" + id + "': " + e.getMessage()));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read traces", e);
        }
        return new RoutingTraces(traces, skipped);
    }

    /** Nothing to release: connections are taken from the data source per call. */
    @Override
    public void close() {
    }

    private boolean exists(Connection c, String requestId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM " + table + " WHERE request_id = ?")) {
            q.setString(1, requestId);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    private void createTableIfMissing(String textType) {
        try (Connection c = connection()) {
            if (tableExists(c.getMetaData())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE " + table + " (request_id VARCHAR(255) PRIMARY KEY,"
                        + " recorded_at TIMESTAMP NOT NULL, trace_json " + textType + " NOT NULL, good BOOLEAN)");
            }
        } catch (SQLException e) {
            throw failure("cannot create the trace table", e);
        }
    }

    private boolean tableExists(DatabaseMetaData meta) throws SQLException {
        String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet r = meta.getTables(null, null, candidate, new String[] {"TABLE"})) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        return c;
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " in table " + table + ": " + e.getMessage(), e);
    }

    /** Builder for {@link JdbcRoutingTraceStore}. */
    public static final class Builder {
        private DataSource dataSource;
        private String table = "router4j_routing_traces";
        private boolean createTable = true;
        private String textType = "CLOB";

        private Builder() {
        }

        /** Where the table lives; the application's pool and driver. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The table's name (optionally {@code schema.table}); default {@code router4j_routing_traces}. */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Create the table when it is missing; default true. */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /** The column type for the trace's JSON when the store creates the table; default {@code CLOB}. */
        public Builder textType(String textType) {
            this.textType = Objects.requireNonNull(textType, "textType");
            return this;
        }

        public JdbcRoutingTraceStore build() {
            return new JdbcRoutingTraceStore(this);
        }
    }
}
