package io.github.router4j.core.cascade;

/**
 * One training example for a {@link MetaVerifier}: the self-evaluation share an answer got and
 * whether the answer was in fact good.
 *
 * @param observation the self-evaluation share (share of "correct" votes), a finite number
 * @param good        whether the answer was good
 */
public record LabelledObservation(double observation, boolean good) {

    public LabelledObservation {
        if (!Double.isFinite(observation)) {
            throw new IllegalArgumentException("observation must be a finite number, was " + observation);
        }
    }

    /** From raw votes: the share of {@code correct} among {@code total} votes. */
    public static LabelledObservation fromVotes(int correct, int total, boolean good) {
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("votes: expected 0 <= correct <= total and total > 0, got "
                    + correct + " of " + total);
        }
        return new LabelledObservation((double) correct / total, good);
    }
}
