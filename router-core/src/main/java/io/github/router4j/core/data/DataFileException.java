package io.github.router4j.core.data;

/**
 * A data file could not be read: the message names the file and the line (1-based) where the
 * problem is, e.g. {@code mmlu_anatomy.csv:12: expected 3 columns, got 2}.
 */
public class DataFileException extends IllegalArgumentException {

    private final String file;
    private final long line;

    /**
     * @param file the file (or source name) being read
     * @param line 1-based line number, or 0 when the problem concerns the whole file
     */
    public DataFileException(String file, long line, String problem) {
        this(file, line, problem, null);
    }

    public DataFileException(String file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number; 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
