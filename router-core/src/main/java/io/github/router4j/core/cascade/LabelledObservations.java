package io.github.router4j.core.cascade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabelledObservations() {
    }

    public static List<LabelledObservation> readJsonl(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return readJsonl(reader, file.toString());
        }
    }

    /** Reads from {@code reader}; {@code source} names it in errors. */
    public static List<LabelledObservation> readJsonl(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<LabelledObservation> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + number;
            try {
                out.add(parse(MAPPER.readTree(line), where));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no observations (expected one JSON object per line, e.g. "
                    + "{\"observation\": 0.75, \"good\": true})");
        }
        return out;
    }

    private static LabelledObservation parse(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, got " + node.getNodeType());
        }
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
