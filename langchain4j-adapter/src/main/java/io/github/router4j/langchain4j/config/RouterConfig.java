package io.github.router4j.langchain4j.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.Router;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.FallbackOrder;
import io.github.router4j.langchain4j.RoutingTextExtractor;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import io.github.router4j.langchain4j.TieringBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tiered router described in YAML: the tiers, the routing strategy and the fallback settings.
 * Loading checks everything that does not need the application's models, and fails with a
 * {@link RouterConfigException} naming the YAML path; {@link #toChatModel(ModelRegistry)} then
 * builds the {@link TieredChatModel}, resolving {@code model: {ref: name}} from the registry.
 *
 * <pre>{@code
 * ChatModel model = RouterConfig.load(Path.of("router.yaml")).toChatModel();
 * ChatModel model = RouterConfig.fromClasspath("router.yaml")
 *         .toChatModel(ModelRegistry.of(Map.of("cheap", cheapModel, "strong", strongModel)));
 * }</pre>
 *
 * The format (docs/configuration.md has the complete example):
 *
 * <pre>{@code
 * tiers:                                  # required, cheapest first
 *   - name: cheap                         # required, unique
 *     model: {provider: openai, base-url: ..., model-name: ..., api-key: ${OPENAI_API_KEY}}
 *     price: {input: 0.15, output: 0.60}  # dollars per million tokens, >= 0
 *     capabilities: [tools, response-format-json, response-format-json-schema, images]
 *     first-token-timeout: 2s             # streaming: no token this long -> the next tier (optional)
 *     inter-token-timeout: 5s             # streaming: silent this long mid-answer -> error (optional)
 *   - name: strong
 *     model: {ref: strongModel}           # from the ModelRegistry (streaming-ref: another name for streaming)
 *     price: {input: 2.50, output: 10.00}
 * strategy:
 *   router: {type: rules, ...}            # a RouterFactory type; default: cheapest eligible tier
 *   acceptance: {type: accept-all}        # an AcceptanceStepFactory type; default: accept-all
 *   context-messages: 0                   # earlier messages routing sees with the request; default 0
 *   routing-text:                         # what routing reads of a user message
 *     content-injector-templates: [...]   # RAG templates removed; default: LangChain4j's default one; [] = none
 * fallback:
 *   order: stronger-then-weaker           # or stronger-only
 *   cooldown: 30s                         # how long a rate-limited tier is skipped
 * embedding-model: {ref: embeddings}      # optional, for routers that use embeddings
 * }</pre>
 *
 * Strings may use {@code ${ENV_VAR}} and {@code ${ENV_VAR:default}}. Immutable and thread-safe;
 * models built from a {@code provider} are created once at load and shared by every router built.
 */
public final class RouterConfig {

    private static final Set<TierCapability> DEFAULT_CAPABILITIES =
            EnumSet.of(TierCapability.TOOLS, TierCapability.RESPONSE_FORMAT_JSON, TierCapability.IMAGES);

    private final YamlDocument document;
    private final String source;
    private final LoadContext context;
    private final Factories factories;
    private final List<TierSpec> tiers;
    private final List<TierInfo> tierInfos;
    private final Router router;
    private final String routerType;
    private final ConfigNode acceptance;
    private final AcceptanceStepFactory acceptanceFactory;
    private final FallbackOrder fallbackOrder;
    private final Duration cooldown;
    private final int contextMessages;
    private final RoutingTextExtractor routingText;
    private final ConfigNode embeddingRef;
    private final EmbeddingModel embeddingModel;

    /** Streaming models built from a {@code provider}, by tier name: built once, shared by every streaming router. */
    private final Map<String, StreamingChatModel> providerStreamingModels = new ConcurrentHashMap<>();

    /** One YAML tier; {@code node} is its {@code model:} mapping. */
    private record TierSpec(String name, ConfigNode node, TierInfo info, Set<TierCapability> declaredCapabilities,
                            ChatModelFactory factory, ChatModel providerModel, ConfigNode ref,
                            ConfigNode streamingRef, Duration firstTokenTimeout, Duration interTokenTimeout) {

        /** The registry name of the tier's streaming model: {@code streaming-ref}, else {@code ref}. */
        ConfigNode streamingName() {
            return streamingRef != null ? streamingRef : ref;
        }
    }

    private RouterConfig(YamlDocument document, LoadContext loadContext, Factories factories) {
        this.document = document;
        this.source = document.source;
        this.factories = factories;
        ConfigNode root = document.rootNode();
        if (!root.isObject()) {
            throw root.expected("a mapping with at least 'tiers:'");
        }
        root.expectFields("tiers", "strategy", "fallback", "embedding-model");
        root.get("strategy").expectFields("router", "acceptance", "context-messages", "routing-text");
        root.get("fallback").expectFields("order", "cooldown");

        // Check everything first; models (HTTP clients, threads) are built only once all of it is valid.
        List<TierSpec> checked = checkTiers(root.get("tiers"), loadContext);
        LoadContext checking = loadContext.withTiers(checked.stream().map(TierSpec::info).toList());

        ConfigNode strategy = root.get("strategy");
        ConfigNode routerNode = strategy.get("router");
        if (routerNode.isMissing()) {
            this.routerType = null;
            this.router = null;
        } else {
            ConfigNode type = routerNode.get("type");
            this.routerType = type.asText();
            RouterFactory factory = Factories.find(factories.routers(), type, "router type");
            this.router = Objects.requireNonNull(guarded(routerNode, "router type '" + routerType + "'",
                            () -> factory.create(routerNode, checking)),
                    () -> factory.getClass().getName() + " returned no router");
        }
        this.contextMessages = strategy.get("context-messages").isMissing() ? 0
                : strategy.get("context-messages").asIntIn(0, 1000);
        this.routingText = routingText(strategy.get("routing-text"));
        this.acceptance = strategy.get("acceptance");
        this.acceptanceFactory = acceptance.isMissing() ? null
                : Factories.find(factories.acceptanceSteps(), acceptance.get("type"), "acceptance type");

        ConfigNode fallback = root.get("fallback");
        this.fallbackOrder = fallback.get("order").isMissing() ? FallbackOrder.STRONGER_THEN_WEAKER
                : fallback.get("order").asEnum(FallbackOrder.class);
        this.cooldown = fallback.get("cooldown").asDuration(TieringBuilder.DEFAULT_COOLDOWN);

        ConfigNode embedding = root.get("embedding-model");
        EmbeddingModelFactory embeddingFactory = null;
        if (embedding.isMissing()) {
            this.embeddingRef = null;
        } else if (embedding.has("ref")) {
            rejectBoth(embedding);
            this.embeddingRef = embedding.get("ref");
            embeddingRef.asText();
        } else {
            this.embeddingRef = null;
            embeddingFactory = Factories.find(factories.embeddingModels(), embedding.get("provider"),
                    "embedding provider");
        }

        // Fields of mappings nobody has read yet are checked once their factories have read them.
        Set<String> later = new HashSet<>();
        later.add(acceptance.path());
        if (embeddingFactory != null) {
            later.add(embedding.path());
        }
        checked.stream().filter(t -> t.factory() != null && !document.readBeyond(t.node().path(), "provider", "ref"))
                .forEach(t -> later.add(t.node().path()));
        root.checkNoUnknownFields(later);

        this.tiers = buildTiers(checked, loadContext);
        this.tierInfos = tiers.stream().map(TierSpec::info).toList();
        this.context = loadContext.withTiers(tierInfos);
        if (embeddingFactory != null) {
            EmbeddingModelFactory f = embeddingFactory;
            this.embeddingModel = guarded(embedding, "embedding provider", () -> f.create(embedding, context));
        } else {
            this.embeddingModel = null;
        }

        // Acceptance parameters are read when the step is built, with the application's models.
        root.checkNoUnknownFields(Set.of(acceptance.path()));
    }

    /** {@code strategy.routing-text}; default: LangChain4j's default content-injector template is removed. */
    private static RoutingTextExtractor routingText(ConfigNode node) {
        if (node.isMissing()) {
            return RoutingTextExtractor.defaults();
        }
        if (!node.isObject()) {
            throw node.expected("a mapping {content-injector-templates: [...]}");
        }
        node.expectFields("content-injector-templates");
        ConfigNode templates = node.get("content-injector-templates");
        if (templates.isMissing()) {
            return RoutingTextExtractor.defaults();
        }
        List<String> texts = new ArrayList<>();
        for (ConfigNode t : templates.elements()) {
            if (!t.asText().contains("{{userMessage}}")) {
                throw t.expected("a content injector prompt template containing {{userMessage}}");
            }
            texts.add(t.asText());
        }
        return texts.isEmpty() ? RoutingTextExtractor.identity() : RoutingTextExtractor.contentInjectorTemplates(texts);
    }

    /** Reads and checks every tier without building any model. */
    private List<TierSpec> checkTiers(ConfigNode tiersNode, LoadContext loadContext) {
        if (tiersNode.isMissing()) {
            throw tiersNode.expected("a list of tiers, cheapest first (each with name, model and price)");
        }
        List<ConfigNode> elements = tiersNode.elements();
        if (elements.isEmpty()) {
            throw tiersNode.error("expected at least one tier, got an empty list");
        }
        List<TierSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            ConfigNode t = elements.get(i);
            if (!t.isObject()) {
                throw t.expected("a tier mapping with name, model and price");
            }
            t.expectFields("name", "model", "price", "capabilities", "first-token-timeout", "inter-token-timeout");
            ConfigNode nameNode = t.get("name");
            String name = nameNode.asText();
            if (name.isBlank()) {
                throw nameNode.expected("a non-empty tier name");
            }
            if (!names.add(name)) {
                throw nameNode.error("duplicate tier name '" + name + "'; tier names must be unique");
            }
            ConfigNode price = t.get("price");
            if (!price.isObject()) {
                throw price.expected("a mapping {input: dollars per million input tokens, output: ...}");
            }
            price.expectFields("input", "output");
            double input = price.get("input").asNonNegative();
            double output = price.get("output").asNonNegative();

            Set<TierCapability> declared = null;
            if (t.has("capabilities")) {
                declared = EnumSet.noneOf(TierCapability.class);
                for (ConfigNode c : t.get("capabilities").elements()) {
                    declared.add(c.asEnum(TierCapability.class));
                }
            }

            ConfigNode model = t.get("model");
            if (!model.isObject()) {
                throw model.expected("a mapping {provider: openai, ...} or {ref: nameInTheModelRegistry}");
            }
            ChatModelFactory factory = null;
            ConfigNode ref = null;
            ConfigNode streamingRef = null;
            if (model.has("ref")) {
                rejectBoth(model);
                ref = model.get("ref");
                if (ref.asText().isBlank()) {
                    throw ref.expected("the name of a model in the ModelRegistry");
                }
                if (model.has("streaming-ref")) {
                    streamingRef = model.get("streaming-ref");
                    if (streamingRef.asText().isBlank()) {
                        throw streamingRef.expected("the name of a StreamingChatModel in the ModelRegistry");
                    }
                }
            } else {
                ConfigNode provider = model.get("provider");
                if (provider.isMissing()) {
                    throw model.error("expected 'provider' (a model built from this mapping) or 'ref' (a model"
                            + " from the ModelRegistry)");
                }
                factory = Factories.find(factories.chatModels(), provider, "model provider");
                ChatModelFactory f = factory;
                guarded(model, "provider '" + f.provider() + "'", () -> {
                    f.validate(model, loadContext);
                    return null;
                });
            }
            Set<TierCapability> capabilities = declared != null ? declared : DEFAULT_CAPABILITIES;
            specs.add(new TierSpec(name, model, new TierInfo(name, i, input, output, capabilities), declared,
                    factory, null, ref, streamingRef, positiveDuration(t.get("first-token-timeout")),
                    positiveDuration(t.get("inter-token-timeout"))));
        }
        return specs;
    }

    /** Builds the model of every {@code provider} tier, now that the whole configuration is valid. */
    private List<TierSpec> buildTiers(List<TierSpec> checked, LoadContext loadContext) {
        List<TierSpec> built = new ArrayList<>(checked.size());
        for (TierSpec t : checked) {
            if (t.factory() == null) {
                built.add(t);
                continue;
            }
            ChatModel providerModel = Objects.requireNonNull(
                    guarded(t.node(), "provider '" + t.factory().provider() + "'",
                            () -> t.factory().createChatModel(t.node(), loadContext)),
                    () -> "provider '" + t.factory().provider() + "' returned no model");
            Set<TierCapability> capabilities = t.declaredCapabilities() != null ? t.declaredCapabilities()
                    : defaultCapabilities(providerModel.supportedCapabilities());
            TierInfo info = t.info();
            built.add(new TierSpec(t.name(), t.node(), new TierInfo(info.name(), info.index(),
                    info.inputPricePerMillion(), info.outputPricePerMillion(), capabilities),
                    t.declaredCapabilities(), t.factory(), providerModel, t.ref(), t.streamingRef(),
                    t.firstTokenTimeout(), t.interTokenTimeout()));
        }
        return List.copyOf(built);
    }

    /**
     * Runs a factory: its configuration errors come back with every environment value and secret
     * redacted, and any other exception becomes a {@link RouterConfigException} at {@code at}.
     */
    private <T> T guarded(ConfigNode at, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RouterConfigException e) {
            throw document.redact(e);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " ");
            throw document.error(at.path(), what + " failed: " + e.getClass().getSimpleName() + message, e);
        }
    }

    private static Duration positiveDuration(ConfigNode node) {
        Duration d = node.asDuration(null);
        if (d != null && d.isZero()) {
            throw node.expected("a positive duration such as 2s");
        }
        return d;
    }

    private static void rejectBoth(ConfigNode model) {
        if (model.has("provider")) {
            throw model.get("provider").error("'provider' and 'ref' exclude each other; keep one");
        }
    }

    private static Set<TierCapability> defaultCapabilities(Set<Capability> declared) {
        Set<TierCapability> caps = EnumSet.copyOf(DEFAULT_CAPABILITIES);
        if (declared != null && declared.contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA)) {
            caps.add(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        return caps;
    }

    // ---------------------------------------------------------------- loading

    /** Loads a YAML file; relative paths inside it resolve against its folder. */
    public static RouterConfig load(Path yaml) {
        return loader().load(yaml);
    }

    /** Loads a YAML classpath resource, e.g. {@code "router.yaml"} or {@code "config/router.yaml"}. */
    public static RouterConfig fromClasspath(String resource) {
        return loader().fromClasspath(resource);
    }

    /** Loads YAML text; relative paths inside it resolve against the working directory. */
    public static RouterConfig fromString(String yaml) {
        return loader().fromString(yaml);
    }

    /** A loader with options: environment lookup, class loader, extra factories. */
    public static Loader loader() {
        return new Loader();
    }

    // ---------------------------------------------------------------- building

    /** The router, for configurations whose tiers all name a {@code provider}. */
    public TieredChatModel toChatModel() {
        return toChatModel(ModelRegistry.empty());
    }

    /** The router, with {@code model: {ref: name}} tiers taken from {@code models}. */
    public TieredChatModel toChatModel(ModelRegistry models) {
        return chatModelBuilder(models).build();
    }

    /**
     * A builder with everything from the YAML already set, for adding what YAML cannot say
     * (a {@code RoutingListener}, LangChain4j listeners, default request parameters).
     */
    public TieredChatModel.Builder chatModelBuilder(ModelRegistry models) {
        Objects.requireNonNull(models, "models");
        LoadContext buildContext = context.withRegistry(models);
        List<Tier> built = new ArrayList<>();
        for (TierSpec spec : tiers) {
            ChatModel model = spec.ref() != null ? buildContext.chatModel(spec.ref()) : spec.providerModel();
            Tier.Builder tier = tierBuilder(spec).model(model);
            if (spec.ref() != null) {
                models.streamingChatModel(spec.streamingName().asText()).ifPresent(tier::streamingModel);
            }
            built.add(tier.build());
        }
        TieredChatModel.Builder builder = common(TieredChatModel.builder(), built, buildContext);
        acceptanceStep(buildContext).ifPresent(builder::acceptance);
        return builder;
    }

    /** The streaming router, for configurations whose tiers all name a {@code provider}. */
    public TieredStreamingChatModel toStreamingChatModel() {
        return toStreamingChatModel(ModelRegistry.empty());
    }

    /** The streaming router; a {@code ref} tier needs a {@link StreamingChatModel} of that name in {@code models}. */
    public TieredStreamingChatModel toStreamingChatModel(ModelRegistry models) {
        return streamingChatModelBuilder(models).build();
    }

    /** Like {@link #chatModelBuilder}, for the streaming router. */
    public TieredStreamingChatModel.Builder streamingChatModelBuilder(ModelRegistry models) {
        Objects.requireNonNull(models, "models");
        LoadContext buildContext = context.withRegistry(models);
        List<Tier> built = new ArrayList<>();
        for (TierSpec spec : tiers) {
            Tier.Builder tier = tierBuilder(spec);
            if (spec.ref() != null) {
                tier.streamingModel(buildContext.streamingChatModel(spec.streamingName()));
                models.chatModel(spec.ref().asText()).ifPresent(tier::model);
            } else {
                StreamingChatModel streaming = providerStreamingModels.computeIfAbsent(spec.name(),
                        name -> Objects.requireNonNull(
                                guarded(spec.node(), "provider '" + spec.factory().provider() + "'",
                                        () -> spec.factory().createStreamingChatModel(spec.node(), buildContext)),
                                () -> "provider of tier '" + name + "' returned no streaming model"));
                tier.model(spec.providerModel()).streamingModel(streaming);
            }
            built.add(tier.build());
        }
        return common(TieredStreamingChatModel.builder(), built, buildContext);
    }

    private static Tier.Builder tierBuilder(TierSpec spec) {
        return Tier.builder().name(spec.name())
                .inputPricePerMillion(spec.info().inputPricePerMillion())
                .outputPricePerMillion(spec.info().outputPricePerMillion())
                .capabilities(spec.declaredCapabilities())
                .firstTokenTimeout(spec.firstTokenTimeout()).interTokenTimeout(spec.interTokenTimeout());
    }

    private <B extends TieringBuilder<B>> B common(B builder, List<Tier> built, LoadContext buildContext) {
        builder.tiers(built).cooldown(cooldown).fallbackOrder(fallbackOrder).routingContextMessages(contextMessages)
                .routingText(routingText);
        if (router != null) {
            builder.router(router);
        }
        if (embeddingRef != null) {
            builder.embeddingModel(buildContext.embeddingModel(embeddingRef));
        } else if (embeddingModel != null) {
            builder.embeddingModel(embeddingModel);
        }
        return builder;
    }

    private Optional<AcceptanceStep> acceptanceStep(LoadContext buildContext) {
        if (acceptanceFactory == null) {
            return Optional.empty();
        }
        AcceptanceStep step = Objects.requireNonNull(guarded(acceptance, "acceptance type '"
                        + acceptanceFactory.type() + "'", () -> acceptanceFactory.create(acceptance, buildContext)),
                () -> acceptanceFactory.getClass().getName() + " returned no acceptance step");
        acceptance.checkNoUnknownFields(Set.of());
        return Optional.of(step);
    }

    // ---------------------------------------------------------------- what was loaded

    /** Where the YAML came from. */
    public String source() {
        return source;
    }

    /** The tiers, cheapest first (capabilities as configured, or the defaults of {@link Tier}). */
    public List<TierInfo> tiers() {
        return tierInfos;
    }

    /** {@code strategy.router.type}, when configured. */
    public Optional<String> routerType() {
        return Optional.ofNullable(routerType);
    }

    /** {@code strategy.acceptance.type}, when configured. */
    public Optional<String> acceptanceType() {
        return acceptanceFactory == null ? Optional.empty() : Optional.of(acceptanceFactory.type());
    }

    /** The router built from {@code strategy.router}, when configured. */
    /** What routing reads of each user message ({@code strategy.routing-text}). */
    public RoutingTextExtractor routingText() {
        return routingText;
    }

    public Optional<Router> router() {
        return Optional.ofNullable(router);
    }

    public FallbackOrder fallbackOrder() {
        return fallbackOrder;
    }

    public Duration cooldown() {
        return cooldown;
    }

    /**
     * A summary without any secret: tier names, prices, models by provider or ref, strategy; any
     * value that came from an environment variable or a secret field is shown as {@code ***}.
     */
    @Override
    public String toString() {
        return document.redact(summary());
    }

    private String summary() {
        StringBuilder b = new StringBuilder("RouterConfig{source=").append(source).append(", tiers=[");
        for (int i = 0; i < tiers.size(); i++) {
            TierSpec t = tiers.get(i);
            b.append(i == 0 ? "" : ", ").append(t.name()).append(" (")
                    .append(t.ref() != null ? "ref " + t.ref().asText() : "provider " + t.factory().provider())
                    .append(", $").append(t.info().inputPricePerMillion()).append("/$")
                    .append(t.info().outputPricePerMillion()).append(" per M)");
        }
        return b.append("], router=").append(routerType == null ? "default" : routerType)
                .append(", acceptance=").append(acceptanceType().orElse("accept-all"))
                .append(", fallback=").append(ConfigNode.yamlName(fallbackOrder))
                .append(", cooldown=").append(cooldown).append('}').toString();
    }

    /**
     * Loads router YAML with options; the defaults read the process environment, use the thread's
     * context class loader, and find factories with {@link java.util.ServiceLoader}.
     */
    public static final class Loader {
        private Function<String, String> environment = System::getenv;
        private ClassLoader classLoader;
        private Path baseDirectory;
        private ResourceOpener resourceOpener;
        private final List<ChatModelFactory> chatModelFactories = new ArrayList<>();
        private final List<RouterFactory> routerFactories = new ArrayList<>();
        private final List<AcceptanceStepFactory> acceptanceStepFactories = new ArrayList<>();
        private final List<EmbeddingModelFactory> embeddingModelFactories = new ArrayList<>();

        private Loader() {
        }

        /** Where {@code ${NAME}} values come from (default: {@link System#getenv(String)}); null means unset. */
        public Loader environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** {@code ${NAME}} values from a map, e.g. in tests. */
        public Loader environment(Map<String, String> environment) {
            Map<String, String> copy = Map.copyOf(environment);
            return environment(copy::get);
        }

        /** For classpath resources and ServiceLoader; default: the thread's context class loader. */
        public Loader classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Where relative file names resolve when the YAML was given as a string; default: working directory. */
        public Loader baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /**
         * Opens every file the configuration names (trained routers, meta-verifiers, specs) instead of the
         * built-in {@code classpath:} / relative-path rules, e.g. through Spring's {@code ResourceLoader}.
         */
        public Loader resourceOpener(ResourceOpener opener) {
            this.resourceOpener = opener;
            return this;
        }

        /** A model provider in addition to those ServiceLoader finds (it wins over one of the same name). */
        public Loader chatModelFactory(ChatModelFactory factory) {
            chatModelFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        public Loader routerFactory(RouterFactory factory) {
            routerFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        public Loader acceptanceStepFactory(AcceptanceStepFactory factory) {
            acceptanceStepFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        public Loader embeddingModelFactory(EmbeddingModelFactory factory) {
            embeddingModelFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        public RouterConfig load(Path yaml) {
            String text;
            try {
                text = Files.readString(yaml, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw RouterConfigException.at("", "router configuration file not found: "
                        + yaml.toAbsolutePath().normalize());
            } catch (IOException e) {
                throw RouterConfigException.at("", "cannot read router configuration "
                        + yaml.toAbsolutePath().normalize() + ": " + e);
            }
            Path folder = yaml.toAbsolutePath().getParent();
            return parse(text, yaml.toString(), folder, null);
        }

        public RouterConfig fromClasspath(String resource) {
            String name = resource.startsWith("classpath:") ? resource.substring("classpath:".length()) : resource;
            name = name.startsWith("/") ? name.substring(1) : name;
            String text;
            try (InputStream in = loader().getResourceAsStream(name)) {
                if (in == null) {
                    throw RouterConfigException.at("", "no classpath resource '" + name + "'");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw RouterConfigException.at("", "cannot read classpath resource '" + name + "': " + e);
            }
            int slash = name.lastIndexOf('/');
            return parse(text, "classpath:" + name, null, slash < 0 ? "" : name.substring(0, slash + 1));
        }

        public RouterConfig fromString(String yaml) {
            return parse(Objects.requireNonNull(yaml, "yaml"), "string", baseDirectory, null);
        }

        /**
         * Reads a configuration tree built elsewhere, e.g. from Spring Boot properties with placeholders already
         * resolved. Error paths start with {@code pathPrefix} ({@code router4j.tiers[1].price.input}).
         */
        public RouterConfig fromTree(JsonNode tree, String source, String pathPrefix) {
            Objects.requireNonNull(tree, "tree");
            return build(YamlDocument.ofTree(tree, source, Objects.requireNonNull(pathPrefix, "pathPrefix")), source,
                    baseDirectory, null);
        }

        private RouterConfig parse(String text, String source, Path folder, String classpathFolder) {
            return build(YamlDocument.parse(text, source, environment), source, folder, classpathFolder);
        }

        private RouterConfig build(YamlDocument document, String source, Path folder, String classpathFolder) {
            LoadContext context = new LoadContext(source, folder, classpathFolder, loader(), List.of(), null,
                    resourceOpener);
            Factories factories = Factories.discover(loader(), chatModelFactories, routerFactories,
                    acceptanceStepFactories, embeddingModelFactories);
            return new RouterConfig(document, context, factories);
        }

        private ClassLoader loader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : RouterConfig.class.getClassLoader();
        }
    }
}
