package io.github.router4j.core.scoring;

/** A scoring spec that cannot be used, with the path of the offending field (e.g. {@code dimensions[1].weight}). */
public class ScoringSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ScoringSpecException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    /** Where in the spec the problem is; empty for the spec as a whole. */
    public String path() {
        return path;
    }
}
