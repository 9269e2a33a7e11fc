package io.github.router4j.langchain4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the fields every model provider shares, so that each error names its YAML path. */
final class ModelFields {

    private ModelFields() {
    }

    /** {@code base-url}, an http(s) URL, or {@code defaultUrl}. */
    static String baseUrl(ConfigNode m, String defaultUrl) {
        String baseUrl = m.get("base-url").asText(defaultUrl);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw m.get("base-url").expected("an http:// or https:// URL");
        }
        return baseUrl;
    }

    /** {@code api-key}, never shown in messages; null when absent. */
    static String apiKey(ConfigNode m) {
        ConfigNode apiKey = m.get("api-key");
        return apiKey.isMissing() ? null : apiKey.asSecret();
    }

    /** {@code custom-headers}, values treated as secrets. */
    static Map<String, String> headers(ConfigNode m) {
        Map<String, String> headers = new LinkedHashMap<>();
        m.get("custom-headers").fields().forEach((name, value) -> headers.put(name, value.asSecret()));
        return headers;
    }

    static Double optionalIn(ConfigNode n, double min, double max) {
        return n.isMissing() ? null : n.asDoubleIn(min, max);
    }

    static Integer optionalPositive(ConfigNode n) {
        return n.isMissing() ? null : n.asIntIn(1, Integer.MAX_VALUE);
    }

    static Boolean optionalBoolean(ConfigNode n) {
        return n.isMissing() ? null : n.asBoolean();
    }

    /** A provider's settings without the API key, for {@code toString()}. */
    static String describe(String baseUrl, String modelName, String apiKey) {
        return "Settings{baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey="
                + (apiKey == null ? "none" : "***") + '}';
    }
}
