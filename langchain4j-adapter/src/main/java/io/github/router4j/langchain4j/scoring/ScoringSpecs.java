package io.github.router4j.langchain4j.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.core.scoring.ScoringSpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads scoring specs from YAML or JSON files (same Pi field names; YAML is parsed into the same tree,
 * so errors name the same paths). YAML lives here rather than in router-core because
 * jackson-dataformat-yaml is an adapter dependency; router-core reads JSON only.
 */
public final class ScoringSpecs {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ScoringSpecs() {
    }

    /** Reads {@code .yaml}/{@code .yml} as YAML, anything else as JSON; errors start with the file name. */
    public static ScoringSpec read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return ScoringSpec.read(file);
        }
        return fromYaml(Files.readString(file), file.toString());
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public static ScoringSpec fromYaml(String yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScoringSpecException("", source + ": not valid YAML: " + e.getOriginalMessage());
        }
        try {
            return ScoringSpecJson.fromTree(tree);
        } catch (ScoringSpecException e) {
            throw e.in(source);
        }
    }
}
