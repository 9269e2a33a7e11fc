package io.github.router4j.core.cascade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/** Reads and writes {@link MetaVerifier}'s JSON format (documented on {@link MetaVerifier#toJson()}). */
final class MetaVerifierJson {

    static final String FORMAT = "router4j-meta-verifier";
    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> FIELDS = Set.of("format", "version", "bandwidth", "minimumBandwidth", "priorGood",
            "densityThreshold", "densityGrid", "untrustedAction", "good", "poor", "fitted");

    private MetaVerifierJson() {
    }

    static String write(MetaVerifier v) {
        MetaVerifier.Settings s = v.settings();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (s.bandwidth().isFixed()) {
            root.put("bandwidth", Double.parseDouble(s.bandwidth().toString()));
        } else {
            root.put("bandwidth", s.bandwidth().toString());
        }
        root.put("minimumBandwidth", s.minimumBandwidth());
        if (s.priorGood().isPresent()) {
            root.put("priorGood", s.priorGood().getAsDouble());
        } else {
            root.putNull("priorGood");
        }
        root.put("densityThreshold", s.densityThreshold());
        ObjectNode grid = root.putObject("densityGrid");
        grid.put("min", s.gridMin());
        grid.put("max", s.gridMax());
        grid.put("points", s.gridPoints());
        root.put("untrustedAction", s.untrustedAction().name());
        ArrayNode good = root.putArray("good");
        for (double x : v.goodObservations()) {
            good.add(x);
        }
        ArrayNode poor = root.putArray("poor");
        for (double x : v.poorObservations()) {
            poor.add(x);
        }
        ObjectNode fitted = root.putObject("fitted");
        fitted.put("goodBandwidth", v.goodDensity().bandwidth());
        fitted.put("poorBandwidth", v.poorDensity().bandwidth());
        fitted.put("allBandwidth", v.allDensity().bandwidth());
        fitted.put("densityMax", v.densityMax());
        fitted.put("prior", v.prior());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MetaVerifier read(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object (a " + FORMAT + " file)");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(source + ": unknown field \"" + name + "\"; expected one of " + FIELDS);
            }
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(source + ": field \"format\": expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException(source + ": field \"version\": expected " + VERSION + ", got "
                    + root.path("version"));
        }
        try {
            MetaVerifier.Builder b = MetaVerifier.builder()
                    .bandwidth(bandwidth(root.path("bandwidth"), source))
                    .minimumBandwidth(number(root, "minimumBandwidth", 0, source))
                    .densityThreshold(number(root, "densityThreshold", 0.1, source))
                    .untrustedAction(untrusted(root.path("untrustedAction"), source));
            JsonNode prior = root.path("priorGood");
            b.priorGood(prior.isMissingNode() || prior.isNull()
                    ? OptionalDouble.empty() : OptionalDouble.of(number(root, "priorGood", 0, source)));
            JsonNode grid = root.path("densityGrid");
            if (!grid.isMissingNode()) {
                if (!grid.isObject()) {
                    throw new IllegalArgumentException(source + ": field \"densityGrid\": expected an object {min, max, points}");
                }
                JsonNode points = grid.path("points");
                if (!points.isMissingNode() && !points.canConvertToExactIntegral()) {
                    throw new IllegalArgumentException(source + ": field \"densityGrid.points\": expected an integer, got " + points);
                }
                b.densityGrid(number(grid, "min", 0, source, "densityGrid.min"),
                        number(grid, "max", 1, source, "densityGrid.max"), points.asInt(200));
            }
            return b.fit(observations(root, "good", source), observations(root, "poor", source));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Bandwidth bandwidth(JsonNode node, String source) {
        if (node.isMissingNode()) {
            return Bandwidth.scott();
        }
        if (node.isNumber() || node.isTextual()) {
            try {
                return Bandwidth.parse(node.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": field \"bandwidth\": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(source + ": field \"bandwidth\": expected a number or \"scott\" / \"silverman\", got " + node);
    }

    private static UntrustedAction untrusted(JsonNode node, String source) {
        if (node.isMissingNode()) {
            return UntrustedAction.ESCALATE;
        }
        String text = node.asText("").trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return UntrustedAction.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": field \"untrustedAction\": expected ESCALATE or USE_PRIOR, got " + node, e);
        }
    }

    private static double number(JsonNode parent, String field, double missing, String source) {
        return number(parent, field, missing, source, field);
    }

    private static double number(JsonNode parent, String field, double missing, String source, String path) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode()) {
            return missing;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(source + ": field \"" + path + "\": expected a number, got " + node);
        }
        return node.asDouble();
    }

    private static double[] observations(JsonNode root, String field, String source) {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": field \"" + field + "\": expected an array of numbers, got "
                    + (node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new IllegalArgumentException(source + ": field \"" + field + "[" + i + "]\": expected a number, got " + x);
            }
            out[i] = x.asDouble();
        }
        return out;
    }
}
