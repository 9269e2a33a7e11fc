package io.github.router4j.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reading and writing JSON Lines: one JSON object per line, blank lines skipped. Every data file in
 * router4j (recorded results, preferences, labelled observations, question/answer pairs) is read
 * here, so its errors all name the file and the 1-based line ({@link DataFileException}).
 */
public final class JsonLines {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One parsed line: the source it came from, its 1-based number and its JSON object. */
    public record Line(String file, long number, JsonNode node) {

        /** An error about this line, for the caller to throw: {@code file:line: problem}. */
        public DataFileException error(String problem) {
            return new DataFileException(file, number, problem);
        }

        /** A required string field. */
        public String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw error("'" + key + "' is required");
            }
            if (!v.isTextual()) {
                throw error("'" + key + "' must be a string, got " + v.getNodeType());
            }
            return v.asText();
        }
    }

    /**
     * Parses every non-blank line of a UTF-8 file as a JSON object; an empty file is an error, with
     * {@code what} describing one line (e.g. "request").
     */
    public static List<Line> read(Path file, String what) {
        return requireLines(read(file), file.toString(), what);
    }

    /** As {@link #read(Path, String)}, from {@code reader}; {@code source} names it in errors. */
    public static List<Line> read(Reader reader, String source, String what) {
        return requireLines(read(reader, source), source, what);
    }

    /** Parses every non-blank line of a UTF-8 file as a JSON object; the list is empty for an empty file. */
    public static List<Line> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path)}, from {@code reader}; {@code source} names it in errors. */
    public static List<Line> read(Reader reader, String source) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Line> out = new ArrayList<>();
        long number = 0;
        try {
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new DataFileException(source, number, "malformed JSON: " + e.getOriginalMessage(), e);
                }
                if (!node.isObject()) {
                    throw new DataFileException(source, number, "expected a JSON object, got " + node.getNodeType());
                }
                out.add(new Line(source, number, node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Line> requireLines(List<Line> lines, String source, String what) {
        if (lines.isEmpty()) {
            throw new DataFileException(source, 0, "empty file, expected one JSON " + what + " per line");
        }
        return lines;
    }

    static <T> void write(Path file, Iterable<T> items, Function<T, JsonNode> toJson) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w, items, toJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> void write(Writer out, Iterable<T> items, Function<T, JsonNode> toJson) {
        try {
            for (T item : items) {
                out.write(JSON.writeValueAsString(toJson.apply(item)));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write: " + e.getMessage(), e);
        }
    }

    private JsonLines() {
    }
}
