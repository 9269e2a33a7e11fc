package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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

    @Option(names = "--prompt-prefix", paramLabel = "FILE",
            description = "Put this file's text and a blank line before every prompt (to see how routers cope with a"
                    + " template every prompt shares).")
    Path promptPrefix;

    /** The data with {@code --prompt-prefix} put before every prompt (unchanged without it). */
    public RecordedResults withPromptPrefix(RecordedResults data) {
        if (promptPrefix == null) {
            return data;
        }
        String prefix;
        try {
            prefix = Files.readString(promptPrefix).strip() + "\n\n";
        } catch (IOException e) {
            throw new UncheckedIOException("--prompt-prefix: cannot read " + promptPrefix + ": " + e.getMessage(), e);
        }
        return new RecordedResults(data.source() + " with --prompt-prefix " + promptPrefix.getFileName(),
                data.requests().stream().map(r -> new RecordedRequest(r.id(), prefix + r.prompt(), r.models(),
                        r.attributes())).toList());
    }

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
