package io.github.router4j.core.scoring;

/** A scoring spec that cannot be used, with the path of the offending field (e.g. {@code dimensions[1].weight}). */
public class ScoringSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ScoringSpecException(String path, String message) {
        this(path, message, path.isEmpty() ? message : path + ": " + message);
    }

    private ScoringSpecException(String path, String message, String fullMessage) {
        super(fullMessage);
        this.path = path;
    }

    /** The same problem, with the file (or other source) it was found in at the front of the message. */
    public ScoringSpecException in(String source) {
        ScoringSpecException e = new ScoringSpecException(path, getMessage(), source + ": " + getMessage());
        e.initCause(this);
        return e;
    }

    /** Where in the spec the problem is; empty for the spec as a whole. */
    public String path() {
        return path;
    }
}
