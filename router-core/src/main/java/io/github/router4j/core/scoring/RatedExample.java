package io.github.router4j.core.scoring;

import java.util.Objects;

/** An answer rated by a person: a line {@code {"llm_input": ..., "llm_output": ..., "rating": "Agree"}}. */
public record RatedExample(String llmInput, String llmOutput, Rating rating) {

    public RatedExample {
        Objects.requireNonNull(llmInput, "llmInput");
        Objects.requireNonNull(llmOutput, "llmOutput");
        Objects.requireNonNull(rating, "rating");
    }
}
