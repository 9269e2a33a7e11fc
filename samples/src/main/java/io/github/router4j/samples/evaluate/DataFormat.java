package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The data formats {@code evaluate} reads: recorded-results JSONL, or RouteLLM's folders read directly. */
public enum DataFormat {
    JSONL("jsonl", RecordedResults::read),
    ROUTELLM_MMLU("routellm-mmlu", RouteLlmData::mmlu),
    ROUTELLM_GSM8K("routellm-gsm8k", RouteLlmData::gsm8k),
    ROUTELLM_MTBENCH("routellm-mtbench", RouteLlmData::mtBench);

    private final String cliName;
    private final Function<Path, RecordedResults> loader;

    DataFormat(String cliName, Function<Path, RecordedResults> loader) {
        this.cliName = cliName;
        this.loader = loader;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isRouteLlm() {
        return this != JSONL;
    }

    public RecordedResults load(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        return loader.apply(path);
    }

    public static DataFormat parse(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name.toLowerCase(Locale.ROOT).trim()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown format '" + name
                        + "'; expected one of " + Arrays.stream(values()).map(DataFormat::cliName).toList()));
    }

    /**
     * A training source: {@code PATH} (recorded-results JSONL) or {@code FORMAT:PATH}, e.g.
     * {@code routellm-mmlu:../shared/data/routellm}.
     */
    static RecordedResults loadSource(String spec) {
        int colon = spec.indexOf(':');
        if (colon > 0) {
            String prefix = spec.substring(0, colon);
            if (Arrays.stream(values()).anyMatch(f -> f.cliName.equals(prefix))) {
                return parse(prefix).load(Path.of(spec.substring(colon + 1)));
            }
        }
        return JSONL.load(Path.of(spec));
    }
}
