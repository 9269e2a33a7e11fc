package io.github.router4j.langchain4j;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rules-only or cascade-only application depends on router4j-langchain4j alone; this reads the runtime classpath
 * Maven resolves for it (written by the build to {@code target/runtime-classpath.txt}) and checks what router4j adds
 * beyond LangChain4j's own jars.
 */
class FootprintTest {

    private static final long LIMIT_BYTES = 15L * 1024 * 1024;

    private static List<Path> runtimeClasspath() throws IOException {
        Path file = Path.of("target", "runtime-classpath.txt");
        assertThat(file).as("written by maven-dependency-plugin:build-classpath").exists();
        return Arrays.stream(Files.readString(file).trim().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static boolean isLangChain4j(Path jar) {
        return jar.toString().replace(File.separatorChar, '/').contains("/dev/langchain4j/");
    }

    /** A jar's size, or for a reactor module's {@code target/classes} the size of the files under it. */
    private static long sizeOf(Path entry) throws IOException {
        if (Files.isRegularFile(entry)) {
            return Files.size(entry);
        }
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void bringsNoNativeCodeNoSmileAndNoEmbeddingModel() throws IOException {
        assertThat(runtimeClasspath()).extracting(p -> p.getFileName().toString())
                .noneMatch(name -> name.startsWith("onnxruntime"))
                .noneMatch(name -> name.startsWith("smile-"))
                .noneMatch(name -> name.contains("djl"))
                .noneMatch(name -> name.contains("minilm"))
                .noneMatch(name -> name.startsWith("openblas") || name.startsWith("javacpp"));
    }

    @Test
    void addsLessThan15MegabytesBeyondLangChain4j() throws IOException {
        long added = 0;
        StringBuilder listing = new StringBuilder();
        for (Path jar : runtimeClasspath()) {
            if (!isLangChain4j(jar) && Files.exists(jar)) {
                long size = sizeOf(jar);
                added += size;
                listing.append('\n').append(jar.getFileName()).append(": ").append(size / 1024).append(" KiB");
            }
        }
        assertThat(added).as("jars beyond LangChain4j's own:" + listing).isLessThan(LIMIT_BYTES);
    }
}
