package io.github.router4j.langchain4j.config;

import java.util.Optional;

/**
 * The one exception a bad router configuration raises: it names the YAML path of the offending
 * value (e.g. {@code strategy.router.threshold}), what was expected, and, where the YAML parser
 * reports it, the source, line and column. Secret values (API keys) and values that came from
 * environment variables never appear in the message or in a cause's message.
 */
public final class RouterConfigException extends RuntimeException {

    private final String path;
    private final String problem;
    private final String source;
    private final int line;
    private final int column;

    RouterConfigException(String path, String problem, String source, int line, int column, Throwable cause) {
        super(format(path, problem, source, line, column), cause);
        this.path = path == null ? "" : path;
        this.problem = problem;
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** An error about a value; {@code path} may be empty for the document itself. */
    public static RouterConfigException at(String path, String problem) {
        return new RouterConfigException(path, problem, null, -1, -1, null);
    }

    /** What is wrong, without the path and location. */
    String problem() {
        return problem;
    }

    /** The YAML path of the offending value, e.g. {@code tiers[1].price.input}; empty for the whole document. */
    public String path() {
        return path;
    }

    /** Where the YAML came from (a file, a classpath resource, "string"), when known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line of the offending value, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending value, or -1 when unknown. */
    public int column() {
        return column;
    }

    private static String format(String path, String problem, String source, int line, int column) {
        StringBuilder b = new StringBuilder();
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        b.append(problem);
        if (source != null || line > 0) {
            b.append(" (");
            if (source != null) {
                b.append(source);
            }
            if (line > 0) {
                b.append(source != null ? " " : "").append("line ").append(line);
                if (column > 0) {
                    b.append(", column ").append(column);
                }
            }
            b.append(')');
        }
        return b.toString();
    }
}
