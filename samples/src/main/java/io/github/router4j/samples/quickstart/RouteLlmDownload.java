package io.github.router4j.samples.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fetches RouteLLM's public GSM8K files (Apache-2.0) into a data folder, keeping the repository's
 * paths. Used only when the files are missing; fails quietly (returns false) without network, and
 * then leaves the data folder as it was.
 */
final class RouteLlmDownload {

    /** The RouteLLM commit the shared data was taken from. */
    static final String DEFAULT_BASE =
            "https://raw.githubusercontent.com/lm-sys/RouteLLM/0b64fdafe049e596a3f5657c219329f24af24198/";
    static final String REPOSITORY = "https://github.com/lm-sys/RouteLLM";
    static final List<String> GSM8K_FILES = List.of(
            "routellm/evals/gsm8k/gsm8k_responses.csv",
            "routellm/evals/gsm8k/test.jsonl",
            "routellm/evals/gsm8k/contaminated_prompts.jsonl");

    private RouteLlmDownload() {
    }

    /** Downloads every missing GSM8K file below {@code dataRoot}; true when all are there afterwards. */
    static boolean gsm8k(String base, Path dataRoot, Consumer<String> log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String file : GSM8K_FILES) {
            Path target = dataRoot.resolve(file);
            if (Files.exists(target)) {
                continue;
            }
            String url = (base.endsWith("/") ? base : base + "/") + file;
            log.accept("  downloading " + url);
            try {
                Path partial = Files.createTempFile("routellm-", ".part");
                try {
                    HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofMinutes(2)).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(partial));
                    if (response.statusCode() != 200) {
                        log.accept("  failed: HTTP " + response.statusCode());
                        return false;
                    }
                    Files.createDirectories(target.getParent());
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException e) {
                log.accept("  failed: " + describe(e));
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.accept("  failed: interrupted");
                return false;
            } catch (IllegalArgumentException e) {
                log.accept("  failed: bad URL " + url);
                return false;
            }
        }
        return true;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
