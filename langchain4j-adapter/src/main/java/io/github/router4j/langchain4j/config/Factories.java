package io.github.router4j.langchain4j.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The factories one loader uses: the ones given explicitly, then those ServiceLoader finds. */
record Factories(Map<String, ChatModelFactory> chatModels, Map<String, RouterFactory> routers,
                 Map<String, AcceptanceStepFactory> acceptanceSteps, Map<String, EmbeddingModelFactory> embeddingModels) {

    static Factories discover(ClassLoader classLoader, List<ChatModelFactory> chatModels, List<RouterFactory> routers,
                              List<AcceptanceStepFactory> acceptanceSteps, List<EmbeddingModelFactory> embeddingModels) {
        return new Factories(
                index(ChatModelFactory.class, classLoader, chatModels, ChatModelFactory::provider),
                index(RouterFactory.class, classLoader, routers, RouterFactory::type),
                index(AcceptanceStepFactory.class, classLoader, acceptanceSteps, AcceptanceStepFactory::type),
                index(EmbeddingModelFactory.class, classLoader, embeddingModels, EmbeddingModelFactory::provider));
    }

    private static <F> Map<String, F> index(Class<F> spi, ClassLoader classLoader, Collection<F> explicit,
                                            Function<F, String> key) {
        Map<String, F> byKey = new TreeMap<>();
        explicit.forEach(f -> byKey.put(key.apply(f), f));
        Map<String, F> discovered = new TreeMap<>();
        for (F f : ServiceLoader.load(spi, classLoader)) {
            String k = key.apply(f);
            F other = discovered.putIfAbsent(k, f);
            if (other != null && other.getClass() != f.getClass()) {
                throw RouterConfigException.at("", "two " + spi.getSimpleName() + " implementations serve '" + k
                        + "': " + other.getClass().getName() + " and " + f.getClass().getName()
                        + "; remove one from META-INF/services");
            }
        }
        discovered.forEach(byKey::putIfAbsent);
        return Map.copyOf(byKey);
    }

    /** Types served by modules that an application may not have added, and the artifact to add. */
    private static final Map<String, String> OPTIONAL_MODULES = Map.of(
            "router type 'classifier'", "io.github.router4j:router4j-learned",
            "router type 'sw-bt'", "io.github.router4j:router4j-learned",
            "router type 'mf'", "io.github.router4j:router4j-learned",
            "router type 'elo'", "io.github.router4j:router4j-learned",
            "router type 'reward'", "io.github.router4j:router4j-learned",
            "acceptance type 'answer-verifier'", "io.github.router4j:router4j-learned",
            "embedding provider 'all-minilm-l6-v2-q'", "io.github.router4j:router4j-embeddings-minilm",
            "model provider 'anthropic'", "dev.langchain4j:langchain4j-anthropic",
            "model provider 'gemini'", "dev.langchain4j:langchain4j-google-ai-gemini");

    /**
     * Fails naming the artifact to add when {@code className}, which the factory for the text of
     * {@code name} needs, cannot be loaded by {@code factory}'s class loader.
     */
    static void requireClass(ConfigNode name, String what, String className, Class<?> factory) {
        try {
            Class.forName(className, false, factory.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            String key = what + " '" + name.asText() + "'";
            throw missingModule(name, key, OPTIONAL_MODULES.get(key));
        }
    }

    private static RouterConfigException missingModule(ConfigNode name, String what, String artifact) {
        return name.error(what + " needs the artifact " + artifact + " on the classpath; add it as a dependency");
    }

    static <F> F find(Map<String, F> factories, ConfigNode name, String what) {
        String key = name.asText();
        F factory = factories.get(key);
        if (factory == null) {
            String module = OPTIONAL_MODULES.get(what + " '" + key + "'");
            if (module != null) {
                throw missingModule(name, what + " '" + key + "'", module);
            }
            throw name.error("unknown " + what + " '" + key + "'; known: "
                    + (factories.isEmpty() ? "none" : String.join(", ", new TreeMap<>(factories).keySet()))
                    + " (more are added through the ServiceLoader SPIs, see docs/configuration.md)");
        }
        return factory;
    }
}
