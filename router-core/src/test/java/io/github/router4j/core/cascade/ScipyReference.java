package io.github.router4j.core.cascade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values {@code scripts/kde_reference.py} computed with scipy, from the committed test resource. */
final class ScipyReference {

    private static final JsonNode ROOT = load();

    private ScipyReference() {
    }

    static JsonNode root() {
        return ROOT;
    }

    static JsonNode workedExample() {
        return ROOT.get("worked_example");
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static double[] workedGood() {
        JsonNode w = workedExample();
        double[] high = doubles(w.get("good_high"));
        double[] low = doubles(w.get("good_low"));
        double[] good = new double[high.length + low.length];
        System.arraycopy(high, 0, good, 0, high.length);
        System.arraycopy(low, 0, good, high.length, low.length);
        return good;
    }

    static double[] workedPoor() {
        return doubles(workedExample().get("poor"));
    }

    private static JsonNode load() {
        try (InputStream in = ScipyReference.class.getResourceAsStream("kde-reference.json")) {
            if (in == null) {
                throw new IllegalStateException("kde-reference.json missing; run python3 scripts/kde_reference.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
