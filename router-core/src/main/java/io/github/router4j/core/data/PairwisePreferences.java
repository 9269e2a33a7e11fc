package io.github.router4j.core.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * JSONL file format of {@link PairwisePreference}s, one per line:
 * {@code {"prompt": "...", "model_a": "...", "model_b": "...", "winner": "a" | "b" | "tie"}}.
 * Blank lines are skipped; errors name the file and line.
 */
public final class PairwisePreferences {

    private static final String WHAT = "preference";

    private PairwisePreferences() {
    }

    public static List<PairwisePreference> read(Path file) {
        return JsonLines.read(file, WHAT).stream().map(PairwisePreferences::parse).toList();
    }

    /** @throws DataFileException naming the line of a malformed record, or on an empty input */
    public static List<PairwisePreference> read(Reader reader, String source) {
        return JsonLines.read(reader, source, WHAT).stream().map(PairwisePreferences::parse).toList();
    }

    private static PairwisePreference parse(JsonLines.Line line) {
        String prompt = line.text("prompt");
        String a = line.text("model_a");
        String b = line.text("model_b");
        String winner = line.text("winner");
        try {
            return new PairwisePreference(prompt, a, b, PairwisePreference.Winner.parse(winner));
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
    }

    public static void write(List<PairwisePreference> preferences, Path file) {
        JsonLines.write(file, preferences, PairwisePreferences::toJson);
    }

    public static void write(List<PairwisePreference> preferences, Writer out) {
        JsonLines.write(out, preferences, PairwisePreferences::toJson);
    }

    private static ObjectNode toJson(PairwisePreference p) {
        ObjectNode node = JsonLines.JSON.createObjectNode();
        node.put("prompt", p.prompt());
        node.put("model_a", p.modelA());
        node.put("model_b", p.modelB());
        node.put("winner", p.winner().jsonName());
        return node;
    }
}
