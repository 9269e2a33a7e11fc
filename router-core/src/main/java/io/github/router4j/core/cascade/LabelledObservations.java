package io.github.router4j.core.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.router4j.core.data.JsonLines;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads labelled self-evaluation observations, the training data of a {@link MetaVerifier}, from
 * JSON Lines. Each non-blank line is one answer, in one of three forms:
 * <pre>{@code
 * {"observation": 0.75, "good": true}              // the share of "correct" votes
 * {"votes": [true, true, false, true], "good": true} // the raw votes
 * {"correct": 6, "total": 8, "good": false}          // vote counts
 * }</pre>
 * Other fields are ignored (a line may carry the question and answer). Errors name the file and line.
 */
public final class LabelledObservations {

    private LabelledObservations() {
    }

    public static List<LabelledObservation> readJsonl(Path file) throws IOException {
        return observations(JsonLines.read(file), file.toString());
    }

    /** Reads from {@code reader}; {@code source} names it in errors. */
    public static List<LabelledObservation> readJsonl(Reader reader, String source) throws IOException {
        return observations(JsonLines.read(reader, source), source);
    }

    private static List<LabelledObservation> observations(List<JsonLines.Line> lines, String source) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + ": no observations (expected one JSON object per line, e.g. "
                    + "{\"observation\": 0.75, \"good\": true})");
        }
        return lines.stream().map(LabelledObservations::parse).toList();
    }

    private static LabelledObservation parse(JsonLines.Line line) {
        JsonNode node = line.node();
        String where = line.file() + ":" + line.number();
        JsonNode good = node.path("good");
        if (!good.isBoolean()) {
            throw new IllegalArgumentException(where + ": field \"good\": expected true or false, got "
                    + (good.isMissingNode() ? "nothing" : good.toString()));
        }
        boolean isGood = good.booleanValue();
        if (node.has("observation")) {
            JsonNode o = node.get("observation");
            if (!o.isNumber() || !Double.isFinite(o.asDouble())) {
                throw new IllegalArgumentException(where + ": field \"observation\": expected a number, got " + o);
            }
            return new LabelledObservation(o.asDouble(), isGood);
        }
        if (node.has("votes")) {
            JsonNode votes = node.get("votes");
            if (!votes.isArray() || votes.isEmpty()) {
                throw new IllegalArgumentException(where + ": field \"votes\": expected a non-empty array of true/false, got " + votes);
            }
            int correct = 0;
            for (int i = 0; i < votes.size(); i++) {
                JsonNode v = votes.get(i);
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException(where + ": field \"votes[" + i + "]\": expected true or false, got " + v);
                }
                correct += v.booleanValue() ? 1 : 0;
            }
            return LabelledObservation.fromVotes(correct, votes.size(), isGood);
        }
        if (node.has("correct") || node.has("total")) {
            JsonNode c = node.path("correct");
            JsonNode t = node.path("total");
            if (!c.canConvertToExactIntegral() || !t.canConvertToExactIntegral() || !c.isNumber() || !t.isNumber()) {
                throw new IllegalArgumentException(where + ": fields \"correct\" and \"total\": expected integers, got "
                        + c + " and " + t);
            }
            try {
                return LabelledObservation.fromVotes(c.asInt(), t.asInt(), isGood);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(where + ": expected \"observation\", \"votes\" or \"correct\"/\"total\"");
    }
}
