package io.github.router4j.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibration data: either rated examples or preference examples, never both. Reads JSON Lines,
 * one example per line ({@code llm_input}, {@code llm_output}, {@code rating}, or {@code llm_input},
 * {@code chosen}, {@code rejected}); blank lines are skipped; errors name the file and line.
 */
public record CalibrationExamples(List<RatedExample> rated, List<PreferenceExample> preferences) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CalibrationExamples {
        rated = List.copyOf(rated);
        preferences = List.copyOf(preferences);
        if (!rated.isEmpty() && !preferences.isEmpty()) {
            throw new IllegalArgumentException("calibration data must be all rated or all preference examples");
        }
    }

    public static CalibrationExamples rated(List<RatedExample> examples) {
        return new CalibrationExamples(examples, List.of());
    }

    public static CalibrationExamples preferences(List<PreferenceExample> examples) {
        return new CalibrationExamples(List.of(), examples);
    }

    public boolean isPreference() {
        return !preferences.isEmpty();
    }

    public int size() {
        return rated.size() + preferences.size();
    }

    public static CalibrationExamples read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return read(reader, file.toString());
        }
    }

    /** Reads JSON Lines from {@code reader}; {@code source} names it in errors. */
    public static CalibrationExamples read(BufferedReader reader, String source) throws IOException {
        List<RatedExample> rated = new ArrayList<>();
        List<PreferenceExample> preferences = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + number;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException(where + ": not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new IOException(where + ": expected a JSON object");
            }
            String input = field(node, "llm_input", where);
            if (node.has("rating")) {
                try {
                    rated.add(new RatedExample(input, field(node, "llm_output", where),
                            Rating.parse(field(node, "rating", where))));
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + ": " + e.getMessage());
                }
            } else if (node.has("chosen") || node.has("rejected")) {
                preferences.add(new PreferenceExample(input, field(node, "chosen", where), field(node, "rejected", where)));
            } else {
                throw new IOException(where + ": expected llm_output and rating, or chosen and rejected");
            }
            if (!rated.isEmpty() && !preferences.isEmpty()) {
                throw new IOException(where + ": rated and preference examples are mixed in one file");
            }
        }
        if (rated.isEmpty() && preferences.isEmpty()) {
            throw new IOException(source + ": no examples");
        }
        return new CalibrationExamples(rated, preferences);
    }

    private static String field(JsonNode node, String name, String where) throws IOException {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IOException(where + ": \"" + name + "\" must be text");
        }
        return v.asText();
    }
}
