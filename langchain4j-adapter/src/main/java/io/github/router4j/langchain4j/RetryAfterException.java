package io.github.router4j.langchain4j;

import dev.langchain4j.exception.HttpException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An HTTP error response that carried a {@code Retry-After} header, as thrown by
 * {@link RetryAfterHttpClient}. LangChain4j maps it like any {@link HttpException} (a 429 becomes a
 * {@code RateLimitException} with this as its cause); the tiered models then cool the tier down for
 * {@link #retryAfter()} instead of their fixed cool-down.
 */
public class RetryAfterException extends HttpException {

    private final Duration retryAfter;

    public RetryAfterException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long the provider asked to wait; never negative. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Reads a {@code Retry-After} value: delay seconds ({@code "20"}) or an HTTP date
     * ({@code "Wed, 21 Oct 2015 07:28:00 GMT"}, measured against {@code clock}; a date in the past is 0).
     * Empty when the value is missing or neither form.
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration left = Duration.between(clock.instant(), at);
            return Optional.of(left.isNegative() ? Duration.ZERO : left);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code Retry-After} of the first {@link RetryAfterException} in {@code error}'s cause chain. */
    public static Optional<Duration> retryAfter(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetryAfterException r) {
                return Optional.of(r.retryAfter());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
