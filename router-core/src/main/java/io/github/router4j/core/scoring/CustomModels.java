package io.github.router4j.core.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Named custom models a spec can refer to by {@code custom_model_id}. Immutable. */
public final class CustomModels {

    private static final CustomModels NONE = new CustomModels(Map.of());

    private final Map<String, CustomModel> models;

    private CustomModels(Map<String, CustomModel> models) {
        this.models = models;
    }

    public static CustomModels none() {
        return NONE;
    }

    public static CustomModels of(Map<String, CustomModel> models) {
        return new CustomModels(Map.copyOf(models));
    }

    /** A copy with {@code model} registered as {@code id}. */
    public CustomModels with(String id, CustomModel model) {
        Map<String, CustomModel> copy = new LinkedHashMap<>(models);
        copy.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(model, "model"));
        return new CustomModels(Map.copyOf(copy));
    }

    public Optional<CustomModel> get(String id) {
        return Optional.ofNullable(models.get(id));
    }

    public Set<String> ids() {
        return models.keySet();
    }
}
