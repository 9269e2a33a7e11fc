package io.github.router4j.learned;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

/** Reading and writing the learned routers' JSON documents, with errors that name the source and key. */
final class Json {

    static final String FORMAT = "router4j-router";
    static final int VERSION = 1;
    /**
     * Pretty-printing, and reading strings of any length: a router's embeddings are one base64 string, 205 MB for
     * 100,000 prompts of 384 dimensions, far over Jackson's default limit of 20 million characters.
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build()).enable(SerializationFeature.INDENT_OUTPUT);

    private final JsonNode root;
    private final String source;

    Json(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    static ObjectNode header(String type, List<String> models, double threshold) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("format", FORMAT);
        node.put("version", VERSION);
        node.put("type", type);
        ArrayNode m = node.putArray("models");
        models.forEach(m::add);
        node.put("threshold", threshold);
        return node;
    }

    static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise router model", e);
        }
    }

    static double threshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        return threshold;
    }

    /** Parses a JSON object from {@code in}; {@code source} names it in errors. */
    static Json parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object");
        }
        return new Json(root, source);
    }

    /** Opens {@code file} and hands it to {@code reader}; {@code what} names the artefact in errors. */
    static <T> T readFile(Path file, String what, BiFunction<InputStream, String, T> reader) {
        try (InputStream in = Files.newInputStream(file)) {
            return reader.apply(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + " file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    /** Writes {@code text} to {@code file}, creating parent folders. */
    static void writeFile(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " " + file, e);
        }
    }

    String source() {
        return source;
    }

    JsonNode root() {
        return root;
    }

    IllegalArgumentException error(String key, String problem) {
        return new IllegalArgumentException(source + ": '" + key + "' " + problem);
    }

    JsonNode node(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw error(key, "is missing");
        }
        return n;
    }

    Json child(String key) {
        JsonNode n = node(key);
        if (!n.isObject()) {
            throw error(key, "must be an object");
        }
        return new Json(n, source + " at '" + key + "'");
    }

    boolean has(String key) {
        return root.hasNonNull(key);
    }

    double number(String key) {
        JsonNode n = node(key);
        if (!n.isNumber()) {
            throw error(key, "must be a number, got " + n);
        }
        return n.doubleValue();
    }

    double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    int integer(String key) {
        JsonNode n = node(key);
        if (!n.canConvertToInt()) {
            throw error(key, "must be an integer, got " + n);
        }
        return n.intValue();
    }

    String text(String key) {
        JsonNode n = node(key);
        if (!n.isTextual()) {
            throw error(key, "must be a string, got " + n);
        }
        return n.textValue();
    }

    List<String> strings(String key) {
        JsonNode n = node(key);
        if (!n.isArray()) {
            throw error(key, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw error(key, "must be an array of strings, got element " + e);
            }
            out.add(e.textValue());
        }
        return out;
    }

    double[] doubles(String key) {
        JsonNode n = node(key);
        if (!n.isArray()) {
            throw error(key, "must be an array of numbers");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw error(key, "element " + i + " must be a number, got " + n.get(i));
            }
            out[i] = n.get(i).doubleValue();
        }
        return out;
    }

    double[] doubles(String key, int expectedLength) {
        double[] out = doubles(key);
        if (out.length != expectedLength) {
            throw error(key, "must have " + expectedLength + " numbers, has " + out.length);
        }
        return out;
    }

    /** A float array stored as base64 of little-endian IEEE-754 float32 values. */
    float[] base64Floats(String key, int expectedLength) {
        byte[] bytes = base64Bytes(key);
        if (bytes.length != 4L * expectedLength) {
            throw error(key, "must hold " + expectedLength + " float32 values, holds " + bytes.length / 4.0);
        }
        float[] out = new float[expectedLength];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** An int array stored as base64 of little-endian int32 values. */
    int[] base64Ints(String key) {
        byte[] bytes = base64Bytes(key);
        if (bytes.length % 4 != 0) {
            throw error(key, "must hold int32 values, holds " + bytes.length / 4.0);
        }
        int[] out = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** A byte array stored as base64. */
    byte[] base64Bytes(String key) {
        try {
            return Base64.getDecoder().decode(text(key));
        } catch (IllegalArgumentException e) {
            throw error(key, "is not valid base64: " + e.getMessage());
        }
    }

    static String base64(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static String base64(byte[] values) {
        return Base64.getEncoder().encodeToString(values);
    }

    static String base64(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static void put(ObjectNode node, String key, double[] values) {
        ArrayNode a = node.putArray(key);
        for (double v : values) {
            a.add(v);
        }
    }

    /** Reads the shared header and checks the type. */
    void requireType(String type) {
        if (!FORMAT.equals(text("format"))) {
            throw error("format", "must be \"" + FORMAT + "\"");
        }
        int version = integer("version");
        if (version != VERSION) {
            throw error("version", "is " + version + ", this router4j reads version " + VERSION);
        }
        String actual = text("type");
        if (!type.equals(actual)) {
            throw error("type", "is \"" + actual + "\", expected \"" + type + "\"");
        }
    }
}
