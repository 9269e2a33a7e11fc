package io.github.router4j.learned;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loads a saved {@link LearnedRouter}. Every file is one JSON object with the shared header
 * {@code {"format": "router4j-router", "version": 1, "type": "classifier" | "sw-bt" | "mf" | "knn", "models": [weak, ...,
 * strong], "threshold": 0.5, ...}} followed by the type's own keys, and optionally {@code "template"}, the
 * {@link SharedTemplate} removed from routing texts, and {@code "shrinkage"}, the {@link QualityShrinkage} of the
 * per-model predictions ({@code {"weight": w, "prior": [one mean quality per model]}}) (see {@link ClassifierRouter},
 * {@link SwBradleyTerryRouter}, {@link MatrixFactorizationRouter}, {@link KnnRouter}).
 */
public final class LearnedRouters {

    private LearnedRouters() {
    }

    public static LearnedRouter load(Path file) {
        return Json.readFile(file, "router model", LearnedRouters::load);
    }

    /** Reads a router from a stream; {@code source} names it in error messages (a path or classpath resource). */
    public static LearnedRouter load(InputStream in, String source) {
        Json json = Json.parse(in, source);
        String type = json.text("type");
        LearnedRouter router = switch (type) {
            case ClassifierRouter.TYPE -> ClassifierRouter.read(json);
            case SwBradleyTerryRouter.TYPE -> SwBradleyTerryRouter.read(json);
            case MatrixFactorizationRouter.TYPE -> MatrixFactorizationRouter.read(json);
            case KnnRouter.TYPE -> KnnRouter.read(json);
            default -> throw json.error("type", "must be classifier, sw-bt, mf or knn, got \"" + type + '"');
        };
        if (json.has(ShrunkRouter.KEY)) {
            router = withShrinkage(router, ShrunkRouter.read(json, router.models().size()));
        }
        return json.has("template") ? withTemplate(router, SharedTemplate.read(json.child("template"))) : router;
    }

    /**
     * {@code router}, trained on prompts without {@code template}, removing it from every routing text
     * first; the template is saved with the router (key {@code template}: {@code lines}, {@code prefix},
     * {@code suffix}). An empty template returns the router itself.
     */
    public static LearnedRouter withTemplate(LearnedRouter router, SharedTemplate template) {
        if (router instanceof TemplatedRouter templated) {
            router = templated.router();
        }
        return template.isEmpty() ? router : new TemplatedRouter(router, template);
    }

    /**
     * {@code router} with its per-model predictions shrunk toward the training means (saved with the router under
     * {@code shrinkage}); a template the router removes stays outermost. Replaces an earlier shrinkage.
     */
    public static LearnedRouter withShrinkage(LearnedRouter router, QualityShrinkage shrinkage) {
        if (router instanceof TemplatedRouter templated) {
            return withTemplate(withShrinkage(templated.router(), shrinkage), templated.template());
        }
        if (router instanceof ShrunkRouter shrunk) {
            router = shrunk.router();
        }
        return new ShrunkRouter(router, shrinkage);
    }

    /** The shrinkage of a router's per-model predictions, if it has one. */
    public static java.util.Optional<QualityShrinkage> shrinkageOf(LearnedRouter router) {
        LearnedRouter inner = router instanceof TemplatedRouter templated ? templated.router() : router;
        return inner instanceof ShrunkRouter shrunk ? java.util.Optional.of(shrunk.shrinkage())
                : java.util.Optional.empty();
    }

    /** The template a router removes from routing texts; {@link SharedTemplate#none()} when it has none. */
    public static SharedTemplate templateOf(LearnedRouter router) {
        return router instanceof TemplatedRouter templated ? templated.template() : SharedTemplate.none();
    }

    public static LearnedRouter fromJson(String json) {
        return load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "JSON");
    }
}
