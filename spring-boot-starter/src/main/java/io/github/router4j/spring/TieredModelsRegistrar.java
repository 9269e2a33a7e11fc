package io.github.router4j.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.langchain4j.RoutingListener;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import io.github.router4j.langchain4j.TieringBuilder;
import io.github.router4j.langchain4j.config.ModelRegistry;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.micrometer.RoutingMetrics;
import io.github.router4j.micrometer.RoutingObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Registers one {@link TieredChatModel} bean (and, when every tier can stream, one
 * {@link TieredStreamingChatModel} bean) per router in the {@code router4j:} section: the default
 * router at {@code router4j.*} as {@code tieredChatModel} / {@code tieredStreamingChatModel}
 * (primary), and each {@code router4j.routers.NAME.*} as {@code NAME} / {@code NAMEStreaming}.
 * The configuration is read by router4j's own loader, so errors name the property path.
 */
final class TieredModelsRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        ResourceLoaderAware {

    static final String PREFIX = "router4j";
    static final String DEFAULT_CHAT_BEAN = "tieredChatModel";
    static final String DEFAULT_STREAMING_BEAN = "tieredStreamingChatModel";
    /** Keys of the {@code router4j:} section that are not part of the router format. */
    private static final Set<String> NOT_ROUTER_KEYS = Set.of("routers", "metrics");
    private static final boolean MICROMETER = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
            TieredModelsRegistrar.class.getClassLoader());

    private ConfigurableEnvironment environment;
    private ResourceLoader resourceLoader;
    private ConfigurableListableBeanFactory beanFactory;
    private final Map<String, RouterConfig> loaded = new ConcurrentHashMap<>();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ObjectNode main = PropertyTree.read(environment, PREFIX, NOT_ROUTER_KEYS);
        if (main != null) {
            register(registry, PREFIX, main, DEFAULT_CHAT_BEAN, DEFAULT_STREAMING_BEAN, true);
        }
        ObjectNode routers = PropertyTree.read(environment, PREFIX + ".routers", Set.of());
        if (routers != null) {
            for (Iterator<String> names = routers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode tree = routers.get(name);
                if (!(tree instanceof ObjectNode router)) {
                    throw RouterConfigException.at(PREFIX + ".routers." + name, "expected a router mapping with tiers");
                }
                register(registry, PREFIX + ".routers." + name, router, name, name + "Streaming", false);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    private void register(BeanDefinitionRegistry registry, String prefix, ObjectNode tree, String chatBean,
                          String streamingBean, boolean primary) {
        Map<String, String> refs = new LinkedHashMap<>();
        collectRefs(tree, prefix, refs);
        Supplier<RouterConfig> config = () -> loaded.computeIfAbsent(prefix, p -> load(tree, p));

        RootBeanDefinition chat = new RootBeanDefinition(TieredChatModel.class,
                () -> withListeners(config.get().chatModelBuilder(registry(refs)), chatBean, config.get())
                        .build());
        chat.setPrimary(primary);
        registry.registerBeanDefinition(chatBean, chat);

        if (streamable(tree, registry)) {
            RootBeanDefinition streaming = new RootBeanDefinition(TieredStreamingChatModel.class,
                    () -> withListeners(config.get().streamingChatModelBuilder(registry(refs)), streamingBean,
                            config.get()).build());
            streaming.setPrimary(primary);
            registry.registerBeanDefinition(streamingBean, streaming);
        }
    }

    private RouterConfig load(ObjectNode tree, String prefix) {
        return RouterConfig.loader()
                .classLoader(resourceLoader.getClassLoader())
                .environment(environment::getProperty)
                .resourceOpener(location -> resourceLoader.getResource(location).getInputStream())
                .fromTree(tree, "spring:" + prefix, prefix);
    }

    /** Every {@code ref} and {@code streaming-ref} bean name in the tree, with the property path that names it. */
    private static void collectRefs(JsonNode node, String path, Map<String, String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = path + "." + e.getKey();
                if ((e.getKey().equals("ref") || e.getKey().equals("streaming-ref")) && e.getValue().isTextual()) {
                    refs.putIfAbsent(e.getValue().asText(), child);
                } else {
                    collectRefs(e.getValue(), child, refs);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), path + "[" + i + "]", refs);
            }
        }
    }

    /** Every tier names a provider, or a {@link StreamingChatModel} bean (by {@code streaming-ref}, else {@code ref}). */
    private boolean streamable(ObjectNode tree, BeanDefinitionRegistry registry) {
        ConfigurableListableBeanFactory factory = (ConfigurableListableBeanFactory) registry;
        Set<String> streaming = Set.of(factory.getBeanNamesForType(StreamingChatModel.class, true, false));
        for (JsonNode tier : tree.path("tiers")) {
            JsonNode model = tier.path("model");
            JsonNode ref = model.has("streaming-ref") ? model.path("streaming-ref") : model.path("ref");
            if (ref.isTextual() && !streaming.contains(ref.asText())) {
                return false;
            }
        }
        return true;
    }

    /** The referenced beans, each under every model type it implements; a missing bean fails naming the property. */
    private ModelRegistry registry(Map<String, String> refs) {
        ModelRegistry.Builder models = ModelRegistry.builder();
        refs.forEach((name, path) -> {
            if (!beanFactory.containsBean(name)) {
                Set<String> known = new TreeSet<>();
                for (Class<?> type : List.of(ChatModel.class, StreamingChatModel.class, EmbeddingModel.class)) {
                    known.addAll(List.of(beanFactory.getBeanNamesForType(type, true, false)));
                }
                for (Class<?> type : List.of(TieredChatModel.class, TieredStreamingChatModel.class)) {
                    known.removeAll(List.of(beanFactory.getBeanNamesForType(type, true, false)));
                }
                throw RouterConfigException.at(path, "no bean named '" + name + "'; model beans: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
            Object bean = beanFactory.getBean(name);
            if (bean instanceof ChatModel m) {
                models.chatModel(name, m);
            }
            if (bean instanceof StreamingChatModel m) {
                models.streamingChatModel(name, m);
            }
            if (bean instanceof EmbeddingModel m) {
                models.embeddingModel(name, m);
            }
        });
        return models.build();
    }

    /**
     * Routing listener beans, LangChain4j listener beans, and metrics and observations when a MeterRegistry or
     * ObservationRegistry bean exists.
     */
    private <B extends TieringBuilder<B>> B withListeners(B builder, String beanName, RouterConfig config) {
        List<RoutingListener> listeners = new ArrayList<>();
        beanFactory.getBeanProvider(RoutingListener.class).orderedStream().forEach(listeners::add);
        List<ChatModelListener> chatListeners = new ArrayList<>();
        beanFactory.getBeanProvider(ChatModelListener.class).orderedStream().forEach(chatListeners::add);
        if (MICROMETER && environment.getProperty(PREFIX + ".metrics.enabled", Boolean.class, true)) {
            Metrics.add(beanFactory, listeners, chatListeners, beanName, config.routerType().orElse("cheapest-first"));
        }
        if (!listeners.isEmpty()) {
            builder.routingListener(RoutingListener.all(listeners));
        }
        if (!chatListeners.isEmpty()) {
            builder.listeners(chatListeners);
        }
        return builder;
    }

    /** Links Micrometer only when it is on the classpath. */
    private static final class Metrics {
        static void add(ConfigurableListableBeanFactory beanFactory, List<RoutingListener> listeners,
                        List<ChatModelListener> chatListeners, String beanName, String routerType) {
            MeterRegistry meters = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
            if (meters != null) {
                listeners.add(RoutingMetrics.builder().registry(meters).modelName(beanName).routerType(routerType)
                        .build());
            }
            ObservationRegistry observations = beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique();
            if (observations != null) {
                chatListeners.add(RoutingObservations.builder().registry(observations).modelName(beanName)
                        .routerType(routerType).build());
            }
        }
    }
}
