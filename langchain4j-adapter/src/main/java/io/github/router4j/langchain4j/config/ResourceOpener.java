package io.github.router4j.langchain4j.config;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a file named in the configuration ({@code classpath:...}, {@code file:...}, a path), for
 * applications that resolve locations their own way (Spring's {@code ResourceLoader}).
 */
@FunctionalInterface
public interface ResourceOpener {

    /** The stream of {@code location}; the caller closes it. */
    InputStream open(String location) throws IOException;
}
