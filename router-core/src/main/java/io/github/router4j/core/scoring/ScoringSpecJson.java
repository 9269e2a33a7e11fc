package io.github.router4j.core.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link ScoringSpec}, with the Pi field names:
 * <pre>{@code
 * {"name": "...", "description": "the application",
 *  "dimensions": [{"label": "...", "description": "...", "weight": 1, "parameters": [0.2, 0.5, 0.8],
 *                  "sub_dimensions": [{"label": "...", "description": "yes/no question",
 *                                      "scoring_type": "LLM_JUDGE" | "PI_SCORER" | "CODE" | "CUSTOM_MODEL",
 *                                      "weight": 1, "parameters": [],
 *                                      "java_class": "com.example.LengthScorer",
 *                                      "custom_model_id": "my-classifier"}]}]}
 * }</pre>
 * {@code weight} defaults to 1 and {@code parameters} to the identity. Unknown fields are errors.
 * The reader works on a Jackson tree, so YAML (read into a tree by the adapter) gets the same checks.
 */
public final class ScoringSpecJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> SPEC_FIELDS = Set.of("name", "description", "dimensions");
    private static final Set<String> DIMENSION_FIELDS = Set.of("label", "description", "weight", "parameters",
            "sub_dimensions");
    private static final Set<String> SUB_DIMENSION_FIELDS = Set.of("label", "description", "scoring_type", "weight",
            "parameters", "custom_model_id", "java_class", "python_code");

    private ScoringSpecJson() {
    }

    public static ScoringSpec read(Path file) throws IOException {
        try {
            return fromTree(MAPPER.readTree(Files.readString(file)));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (ScoringSpecException e) {
            throw e.in(file.toString());
        }
    }

    public static ScoringSpec parse(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new ScoringSpecException("", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Builds a spec from a parsed JSON or YAML tree, naming the path of every problem. */
    public static ScoringSpec fromTree(JsonNode root) {
        requireObject(root, "", SPEC_FIELDS);
        JsonNode dims = root.get("dimensions");
        if (dims == null || !dims.isArray()) {
            throw new ScoringSpecException("dimensions", "expected a list of dimensions");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            String at = "dimensions[" + i + "]";
            JsonNode d = dims.get(i);
            requireObject(d, at, DIMENSION_FIELDS);
            JsonNode subs = d.get("sub_dimensions");
            if (subs == null || !subs.isArray()) {
                throw new ScoringSpecException(at + ".sub_dimensions", "expected a list of sub-dimensions");
            }
            List<SubDimension> subDimensions = new ArrayList<>();
            for (int j = 0; j < subs.size(); j++) {
                String subAt = at + ".sub_dimensions[" + j + "]";
                JsonNode s = subs.get(j);
                requireObject(s, subAt, SUB_DIMENSION_FIELDS);
                ScoringType type = ScoringType.parse(text(s, "scoring_type", subAt, null), subAt + ".scoring_type");
                if (s.has("python_code")) {
                    throw new ScoringSpecException(subAt + ".python_code", "python_code is never executed;"
                            + " use scoring_type: CODE with java_class naming a " + CodeScorer.class.getName());
                }
                subDimensions.add(new SubDimension(text(s, "label", subAt, ""), text(s, "description", subAt, ""), type,
                        number(s, "weight", subAt), numbers(s, "parameters", subAt),
                        text(s, "custom_model_id", subAt, null), text(s, "java_class", subAt, null)));
            }
            dimensions.add(new Dimension(text(d, "label", at, ""), text(d, "description", at, ""),
                    number(d, "weight", at), numbers(d, "parameters", at), subDimensions));
        }
        return ScoringSpec.of(text(root, "name", "", ""), text(root, "description", "", ""), dimensions);
    }

    /** The spec as a JSON tree (Pi field names). */
    public static ObjectNode toTree(ScoringSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", spec.name());
        root.put("description", spec.description());
        ArrayNode dims = root.putArray("dimensions");
        for (Dimension d : spec.dimensions()) {
            ObjectNode dn = dims.addObject();
            dn.put("label", d.label());
            dn.put("description", d.description());
            dn.put("weight", d.weight());
            d.parameters().forEach(dn.putArray("parameters")::add);
            ArrayNode subs = dn.putArray("sub_dimensions");
            for (SubDimension s : d.subDimensions()) {
                ObjectNode sn = subs.addObject();
                sn.put("label", s.label());
                sn.put("description", s.description());
                sn.put("scoring_type", s.scoringType().name());
                sn.put("weight", s.weight());
                s.parameters().forEach(sn.putArray("parameters")::add);
                if (s.customModelId() != null) {
                    sn.put("custom_model_id", s.customModelId());
                }
                if (s.javaClass() != null) {
                    sn.put("java_class", s.javaClass());
                }
            }
        }
        return root;
    }

    public static String write(ScoringSpec spec) {
        try {
            return MAPPER.writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(ScoringSpec spec, Path file) throws IOException {
        Files.writeString(file, write(spec) + System.lineSeparator());
    }

    private static void requireObject(JsonNode node, String at, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw new ScoringSpecException(at, "expected an object, got " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw new ScoringSpecException(join(at, field), "unknown field; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String field, String at, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ScoringSpecException(join(at, field), "expected text, got " + describe(v));
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 1.0;
        }
        if (!v.isNumber()) {
            throw new ScoringSpecException(join(at, field), "expected a number, got " + describe(v));
        }
        return v.asDouble();
    }

    private static List<Double> numbers(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ScoringSpecException(join(at, field), "expected a list of numbers, got " + describe(v));
        }
        List<Double> out = new ArrayList<>();
        for (int k = 0; k < v.size(); k++) {
            if (!v.get(k).isNumber()) {
                throw new ScoringSpecException(join(at, field) + "[" + k + "]", "expected a number, got " + describe(v.get(k)));
            }
            out.add(v.get(k).asDouble());
        }
        return out;
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isTextual() ? "\"" + node.asText() + "\"" : node.getNodeType().name().toLowerCase() + " " + node;
    }
}
