package io.github.router4j.langchain4j;

import dev.langchain4j.exception.RateLimitException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterExceptionTest {

    private final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:00Z"), ZoneOffset.UTC);

    @Test
    void reads_delay_seconds() {
        assertThat(RetryAfterException.parse("20", clock)).contains(Duration.ofSeconds(20));
        assertThat(RetryAfterException.parse(" 0 ", clock)).contains(Duration.ZERO);
    }

    @Test
    void reads_an_http_date_against_the_clock() {
        assertThat(RetryAfterException.parse("Wed, 21 Oct 2015 07:28:00 GMT", clock)).contains(Duration.ofSeconds(60));
    }

    @Test
    void a_date_in_the_past_means_retry_now() {
        assertThat(RetryAfterException.parse("Wed, 21 Oct 2015 07:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void anything_else_is_no_retry_after() {
        assertThat(RetryAfterException.parse(null, clock)).isEmpty();
        assertThat(RetryAfterException.parse("", clock)).isEmpty();
        assertThat(RetryAfterException.parse("soon", clock)).isEmpty();
        assertThat(RetryAfterException.parse("-5", clock)).isEmpty();
        assertThat(RetryAfterException.parse("99999999999999999999999", clock)).isEmpty();
    }

    @Test
    void is_found_as_the_cause_of_langchain4js_rate_limit_exception() {
        RateLimitException mapped = new RateLimitException(new RetryAfterException(429, "{}", Duration.ofSeconds(7)));

        assertThat(RetryAfterException.retryAfter(mapped)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfterException.retryAfter(new RateLimitException("no header"))).isEmpty();
    }
}
