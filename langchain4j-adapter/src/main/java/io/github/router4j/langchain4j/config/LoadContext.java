package io.github.router4j.langchain4j.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.TierInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The {@link ConfigContext} of one load or build; {@code registry} is null while loading. */
final class LoadContext implements ConfigContext {

    private static final String CLASSPATH = "classpath:";

    private final String source;
    private final Path baseDirectory;
    private final String classpathFolder;
    private final ClassLoader classLoader;
    private final List<TierInfo> tiers;
    private final ModelRegistry registry;
    private final ResourceOpener opener;

    LoadContext(String source, Path baseDirectory, String classpathFolder, ClassLoader classLoader,
                List<TierInfo> tiers, ModelRegistry registry, ResourceOpener opener) {
        this.opener = opener;
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.classpathFolder = classpathFolder;
        this.classLoader = classLoader;
        this.tiers = List.copyOf(tiers);
        this.registry = registry;
    }

    LoadContext withTiers(List<TierInfo> tiers) {
        return new LoadContext(source, baseDirectory, classpathFolder, classLoader, tiers, registry, opener);
    }

    LoadContext withRegistry(ModelRegistry registry) {
        return new LoadContext(source, baseDirectory, classpathFolder, classLoader, tiers, registry, opener);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<TierInfo> tiers() {
        return tiers;
    }

    @Override
    public int tierIndex(ConfigNode tierName) {
        String name = tierName.asText();
        for (TierInfo tier : tiers) {
            if (tier.name().equals(name)) {
                return tier.index();
            }
        }
        throw tierName.expected("a tier name (one of " + String.join(", ", tiers.stream().map(TierInfo::name).toList())
                + ")");
    }

    @Override
    public InputStream open(ConfigNode location) {
        String name = location.asText();
        if (opener != null) {
            try {
                return opener.open(name);
            } catch (IOException e) {
                throw location.error("cannot read '" + name + "': " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
        }
        if (name.startsWith(CLASSPATH)) {
            return classpath(location, name.substring(CLASSPATH.length()).replaceFirst("^/", ""));
        }
        Path path = Path.of(name);
        if (!path.isAbsolute() && classpathFolder != null) {
            return classpath(location, classpathFolder + name);
        }
        Path resolved = path.isAbsolute() || baseDirectory == null ? path : baseDirectory.resolve(path);
        try {
            return Files.newInputStream(resolved);
        } catch (IOException e) {
            throw location.error("cannot read file " + resolved.toAbsolutePath().normalize() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private InputStream classpath(ConfigNode location, String resource) {
        InputStream in = classLoader.getResourceAsStream(resource);
        if (in == null) {
            throw location.error("no classpath resource '" + resource + "'");
        }
        return in;
    }

    @Override
    public String readString(ConfigNode location) {
        try (InputStream in = open(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ChatModel chatModel(ConfigNode ref) {
        return resolve(ref, "ChatModel", ModelRegistry::chatModel, ModelRegistry::chatModelNames);
    }

    @Override
    public StreamingChatModel streamingChatModel(ConfigNode ref) {
        return resolve(ref, "StreamingChatModel", ModelRegistry::streamingChatModel,
                ModelRegistry::streamingChatModelNames);
    }

    @Override
    public EmbeddingModel embeddingModel(ConfigNode ref) {
        return resolve(ref, "EmbeddingModel", ModelRegistry::embeddingModel, ModelRegistry::embeddingModelNames);
    }

    private <T> T resolve(ConfigNode ref, String kind, RegistryLookup<T> lookup,
                          Function<ModelRegistry, Set<String>> names) {
        String name = ref.asText();
        if (registry == null) {
            throw ref.error("model references are resolved when the router is built (toChatModel(ModelRegistry)),"
                    + " not while loading");
        }
        Optional<T> model = lookup.find(registry, name);
        if (model.isEmpty()) {
            Set<String> known = names.apply(registry);
            throw ref.error("no " + kind + " named '" + name + "' in the ModelRegistry; "
                    + (known.isEmpty() ? "it has none" : "it has: " + String.join(", ", known.stream().sorted().toList())));
        }
        return model.get();
    }

    @FunctionalInterface
    private interface RegistryLookup<T> {
        Optional<T> find(ModelRegistry registry, String name);
    }
}
