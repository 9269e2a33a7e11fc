package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * The picocli options naming the recorded data and the weak/strong models, shared by the
 * {@code evaluate} and {@code train} commands ({@code @Mixin}).
 */
public final class RecordedDataOptions {

    @Option(names = "--data", paramLabel = "PATH",
            description = "Recorded-results JSONL file, or RouteLLM's data folder (with --format routellm-*).")
    Path data;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl | routellm-mmlu | routellm-gsm8k | routellm-mtbench (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--weak", paramLabel = "NAME", description = "Weak (cheap) model; RouteLLM formats: Mixtral.")
    String weak;

    @Option(names = "--strong", paramLabel = "NAME", description = "Strong model; RouteLLM formats: GPT-4.")
    String strong;

    /** The {@code --data} path. */
    public Path data() {
        if (data == null) {
            throw new IllegalArgumentException("--data PATH is required");
        }
        return data;
    }

    /** The parsed {@code --format}. */
    public DataFormat format() {
        return DataFormat.parse(format);
    }

    /**
     * The models to route between, cheap to strong: {@code models} (the command's {@code --models})
     * when given, else {@code --weak} and {@code --strong}, which default to RouteLLM's pair for
     * RouteLLM data. Fails when {@code all} lacks one of them.
     */
    public List<String> tierModels(RecordedResults all, DataFormat dataFormat, List<String> models) {
        if (models != null && !models.isEmpty()) {
            if (models.size() < 2) {
                throw new IllegalArgumentException("--models needs at least two models, cheap to strong");
            }
            all.withModels(models);
            return List.copyOf(models);
        }
        String w = weak != null ? weak : dataFormat.isRouteLlm() ? RouteLlmData.WEAK : null;
        String s = strong != null ? strong : dataFormat.isRouteLlm() ? RouteLlmData.STRONG : null;
        if (w == null || s == null) {
            throw new IllegalArgumentException("name the models to route between: --weak NAME --strong NAME"
                    + " (or --models A,B,C); the data has " + all.modelNames());
        }
        all.withModels(List.of(w, s));
        return List.of(w, s);
    }
}
