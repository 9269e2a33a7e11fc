package io.github.router4j.langchain4j;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * A LangChain4j {@link HttpClient} on the JDK's {@code java.net.http} client that reads the
 * {@code Retry-After} header of error responses: an error with the header is thrown (or, when
 * streaming, handed to the listener) as a {@link RetryAfterException}, so a tiered model cools a
 * rate-limited tier down for as long as the provider asked. Otherwise it behaves like LangChain4j's
 * own JDK client (read timeout per request, {@link TimeoutException} on timeouts). Tiers built from
 * YAML use it; for tiers built in Java pass it to the model's builder:
 *
 * <pre>{@code
 * OpenAiChatModel.builder().httpClientBuilder(RetryAfterHttpClient.builder())...build();
 * }</pre>
 *
 * JSON and streaming (server-sent events) requests only: multipart form data is not supported.
 * Thread-safe.
 */
public final class RetryAfterHttpClient implements HttpClient {

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;
    private final Clock clock;

    private RetryAfterHttpClient(Builder b) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (b.connectTimeout != null) {
            jdk.connectTimeout(b.connectTimeout);
        }
        this.client = jdk.build();
        this.readTimeout = b.readTimeout;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        try {
            HttpResponse<byte[]> response = client.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (!successful(response)) {
                throw error(response, body);
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(response.body()).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        client.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> stream(response, parser, listener))
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    quietly(() -> listener.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause));
                    return null;
                });
    }

    private void stream(HttpResponse<InputStream> response, ServerSentEventParser parser, ServerSentEventListener listener) {
        try (InputStream body = response.body()) {
            if (!successful(response)) {
                HttpException error = error(response, new String(body.readAllBytes(), StandardCharsets.UTF_8));
                quietly(() -> listener.onError(error));
                return;
            }
            SuccessfulHttpResponse opened = SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).build();
            quietly(() -> listener.onOpen(opened));
            parser.parse(body, listener);
            quietly(listener::onClose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpException error(HttpResponse<?> response, String body) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(v -> RetryAfterException.parse(v, clock));
        return retryAfter.<HttpException>map(d -> new RetryAfterException(response.statusCode(), body, d))
                .orElseGet(() -> new HttpException(response.statusCode(), body));
    }

    private static boolean successful(HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        if (!request.formDataFiles().isEmpty() || !request.formDataFields().isEmpty()) {
            throw new IllegalArgumentException("RetryAfterHttpClient does not send multipart form data");
        }
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        java.net.http.HttpRequest.BodyPublisher publisher = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        b.method(request.method().name(), publisher);
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        return b.build();
    }

    private static void quietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException ignored) {
            // a listener's own failure must not end the stream's bookkeeping
        }
    }

    /** Builder for {@link RetryAfterHttpClient}; LangChain4j model builders set the timeouts. */
    public static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** The clock an HTTP-date {@code Retry-After} is measured against; for tests. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        @Override
        public RetryAfterHttpClient build() {
            return new RetryAfterHttpClient(this);
        }
    }
}
