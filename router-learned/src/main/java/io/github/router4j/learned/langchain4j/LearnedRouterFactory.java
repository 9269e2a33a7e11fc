package io.github.router4j.learned.langchain4j;

import io.github.router4j.core.Router;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.langchain4j.config.ConfigContext;
import io.github.router4j.langchain4j.config.ConfigNode;
import io.github.router4j.langchain4j.config.RouterFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * {@code type: classifier | sw-bt | mf | knn}: a threshold router trained with {@code router4j train}, loaded from its
 * JSON file. It needs the YAML's {@code embedding-model} (the one it was trained with) unless it is a classifier
 * trained on text features only.
 *
 * <pre>{@code
 * strategy:
 *   router:
 *     type: sw-bt
 *     model: classpath:routers/mmlu-sw-bt.json   # or a path, relative to the YAML
 *     threshold: 0.62                            # optional; default: the threshold saved in the file
 * embedding-model:
 *   provider: all-minilm-l6-v2-q
 * }</pre>
 */
public abstract class LearnedRouterFactory implements RouterFactory {

    private final String type;

    protected LearnedRouterFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public Router create(ConfigNode params, ConfigContext context) {
        params.expectFields("type", "model", "threshold");
        LearnedRouter router = load(params.get("model"), context);
        if (!router.type().equals(type)) {
            throw params.get("model").error("holds a '" + router.type() + "' router, but the type is '" + type + "'");
        }
        if (params.has("threshold")) {
            router = router.withThreshold(params.get("threshold").asDoubleIn(0, 1));
        }
        return router;
    }

    static LearnedRouter load(ConfigNode location, ConfigContext context) {
        return read(location, context, LearnedRouters::load, "the trained router");
    }

    /** Reads the file named at {@code location} with {@code reader}; a bad file fails naming the YAML path. */
    static <T> T read(ConfigNode location, ConfigContext context, BiFunction<InputStream, String, T> reader,
                      String what) {
        String name = location.asText();
        try (InputStream in = context.open(location)) {
            return reader.apply(in, name);
        } catch (IllegalArgumentException e) {
            throw location.error("cannot load " + what + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(location.path() + ": cannot read " + name, e);
        }
    }

    /** {@code type: classifier}. */
    public static final class Classifier extends LearnedRouterFactory {
        public Classifier() {
            super("classifier");
        }
    }

    /** {@code type: sw-bt}. */
    public static final class SwBradleyTerry extends LearnedRouterFactory {
        public SwBradleyTerry() {
            super("sw-bt");
        }
    }

    /** {@code type: mf}. */
    public static final class MatrixFactorization extends LearnedRouterFactory {
        public MatrixFactorization() {
            super("mf");
        }
    }

    /** {@code type: knn}. */
    public static final class Knn extends LearnedRouterFactory {
        public Knn() {
            super("knn");
        }
    }
}
