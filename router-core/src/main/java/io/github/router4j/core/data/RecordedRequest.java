package io.github.router4j.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of a recorded-results data set: the prompt a router sees, and what each model did on
 * it. A model may be missing (it was not run on this request). {@code attributes} carry labels a
 * baseline or report may use (the MMLU subject, MT-Bench's category and turns) but a learned router
 * must not (they are not available in production).
 *
 * @param id         unique within its data set
 * @param prompt     the routing text
 * @param models     results by model name, in file order
 * @param attributes extra labels, JSON-compatible values (strings, numbers, booleans, lists, maps)
 */
public record RecordedRequest(String id, String prompt, Map<String, ModelResult> models,
                              Map<String, Object> attributes) {

    public RecordedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public RecordedRequest(String id, String prompt, Map<String, ModelResult> models) {
        this(id, prompt, models, Map.of());
    }

    /** The result of {@code model}, empty when the model was not run on this request. */
    public Optional<ModelResult> result(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /** The quality of {@code model}; fails when the model has no result on this request. */
    public double quality(String model) {
        ModelResult r = models.get(model);
        if (r == null) {
            throw new IllegalArgumentException("request '" + id + "' has no result for model '" + model
                    + "'; models are " + models.keySet());
        }
        return r.quality();
    }

    public boolean has(String model) {
        return models.containsKey(model);
    }

    /** A string attribute, e.g. {@code subject} of an MMLU request. */
    public Optional<String> attribute(String name) {
        Object v = attributes.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }
}
