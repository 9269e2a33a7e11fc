package io.github.router4j.core.eval;

/**
 * One operating point of a router's threshold sweep.
 *
 * @param threshold   the score threshold (requests scoring at or above it go to the strong model)
 * @param strongShare share of requests sent to the strong model, in [0, 1]
 * @param quality     mean quality of the answers at this point
 * @param cost        mean dollars per request at this point (0 when no cost is known)
 */
public record CurvePoint(double threshold, double strongShare, double quality, double cost) {
}
