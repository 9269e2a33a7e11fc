package io.github.router4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates {@code ../shared/data/routellm} through system property {@code router4j.shared.data}; skips when absent. */
public final class SharedData {

    private SharedData() {
    }

    public static Path routeLlm() {
        String base = System.getProperty("router4j.shared.data");
        assumeTrue(base != null, "system property router4j.shared.data not set");
        Path dir = Path.of(base, "routellm");
        assumeTrue(Files.isDirectory(dir), "no RouteLLM data at " + dir);
        return dir;
    }
}
