package io.github.router4j.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.langchain4j.config.RouterConfigException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Spring properties under one prefix as the tree the router YAML would give: nested mappings,
 * lists from indexed names ({@code tiers[0].name}), scalars with Spring placeholders resolved. The
 * highest-precedence property source wins for each name.
 */
final class PropertyTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PropertyTree() {
    }

    /** The subtree under {@code prefix}, without the top-level keys in {@code skip}; null when nothing is set. */
    static ObjectNode read(ConfigurableEnvironment environment, String prefix, Set<String> skip) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        Map<ConfigurationPropertyName, Object> values = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(root::isAncestorOf).forEach(name -> {
                    ConfigurationProperty property = iterable.getConfigurationProperty(name);
                    if (property != null && property.getValue() != null) {
                        values.putIfAbsent(name, property.getValue());
                    }
                });
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        int start = root.getNumberOfElements();
        for (Map.Entry<ConfigurationPropertyName, Object> e : values.entrySet()) {
            ConfigurationPropertyName name = e.getKey();
            if (skip.contains(name.getElement(start, Form.DASHED))) {
                continue;
            }
            put(tree, name, start, scalar(environment, name, e.getValue()));
        }
        return tree.isEmpty() ? null : (ObjectNode) toJson(tree);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, ConfigurationPropertyName name, int start, JsonNode value) {
        Object container = tree;
        int last = name.getNumberOfElements() - 1;
        for (int i = start; i <= last; i++) {
            Object key = key(name, i);
            Map<Object, Object> map = (Map<Object, Object>) container;
            if (i == last) {
                map.putIfAbsent(key, value);
                return;
            }
            Object next = map.get(key);
            boolean list = name.isNumericIndex(i + 1);
            if (!(next instanceof Map)) {
                if (next != null) {
                    throw RouterConfigException.at(name.chop(i + 1).toString(),
                            "set both as a value and as a mapping or list; keep one");
                }
                next = list ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
                map.put(key, next);
            }
            container = next;
        }
    }

    private static Object key(ConfigurationPropertyName name, int i) {
        return name.isNumericIndex(i) ? Integer.valueOf(name.getElement(i, Form.UNIFORM))
                : name.getElement(i, Form.ORIGINAL);
    }

    private static JsonNode scalar(ConfigurableEnvironment environment, ConfigurationPropertyName name, Object value) {
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        try {
            return NODES.textNode(environment.resolveRequiredPlaceholders(value.toString()));
        } catch (IllegalArgumentException e) {
            throw RouterConfigException.at(name.toString(), e.getMessage());
        }
    }

    private static JsonNode toJson(Object node) {
        if (node instanceof TreeMap<?, ?> list) {
            ArrayNode array = NODES.arrayNode();
            list.values().forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (node instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(k.toString(), toJson(v)));
            return object;
        }
        return (JsonNode) node;
    }
}
