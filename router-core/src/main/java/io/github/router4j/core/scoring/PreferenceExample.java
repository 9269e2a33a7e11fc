package io.github.router4j.core.scoring;

import java.util.Objects;

/** Two answers to one input, one preferred: a line {@code {"llm_input": ..., "chosen": ..., "rejected": ...}}. */
public record PreferenceExample(String llmInput, String chosen, String rejected) {

    public PreferenceExample {
        Objects.requireNonNull(llmInput, "llmInput");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }
}
