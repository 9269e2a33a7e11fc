package io.github.router4j.core.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlRoutingTraceStoreTest {

    @TempDir
    Path dir;

    @Test
    void aTraceIsReadBackWithEveryFieldAndFeedbackApplied() {
        Path file = dir.resolve("traces/traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
            store.append(Traces.accepted("r2", "What is 2 + 2?"));
            store.feedback("r2", false);
        }

        RoutingTraces read = JsonlRoutingTraceStore.read(file);

        assertThat(read.skipped()).isEmpty();
        assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1", "r2");
        RoutingTrace first = read.traces().get(0);
        assertThat(first.time()).isEqualTo(Traces.TIME);
        assertThat(first.promptEmbedding()).containsExactly(0.25f, -1.5f, 3e-7f);
        assertThat(first.prompt()).isEmpty();
        assertThat(first.steps()).isEqualTo(Traces.escalated("r1").steps());
        assertThat(first.good()).isEmpty();
        assertThat(first.cheapestWasGoodEnough()).contains(false);
        RoutingTrace second = read.traces().get(1);
        assertThat(second.prompt()).contains("What is 2 + 2?");
        assertThat(second.good()).contains(false);
        assertThat(second.cheapestWasGoodEnough()).contains(false);
    }

    @Test
    void anAcceptedCheapAnswerWithoutFeedbackCountsAsGoodEnough() {
        assertThat(Traces.accepted("a", "q").cheapestWasGoodEnough()).contains(true);
        assertThat(Traces.accepted("a", "q").withGood(false).cheapestWasGoodEnough()).contains(false);
        RoutingTrace strongOnly = new RoutingTrace("s", Traces.TIME, null, Optional.empty(), List.of(
                new RoutingTrace.Step("strong", 1, RoutingTrace.Outcome.ANSWERED, Map.of(), Map.of())), Optional.empty());
        assertThat(strongOnly.cheapestWasGoodEnough()).isEmpty();
    }

    @Test
    void feedbackForAnUnknownRequestIsAClearErrorAndWritesNothing() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> store.feedback("nope", true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no trace with request id 'nope' in " + file + "; feedback not recorded");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Test
    void aRequestIdIsTracedOnceEvenAcrossReopening() {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
        }
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            assertThatThrownBy(() -> store.append(Traces.escalated("r1")))
                    .hasMessageContaining("request id 'r1' is already traced");
            store.feedback("r1", true);
        }
        assertThat(JsonlRoutingTraceStore.read(file).traces()).singleElement()
                .satisfies(t -> assertThat(t.good()).contains(true));
    }

    @Test
    void aPartialLastLineIsSkippedAndReportedWithFileAndLine() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
            store.append(Traces.escalated("r2"));
        }
        Files.writeString(file, "{\"id\":\"r3\",\"time\":\"2026-01-", StandardOpenOption.APPEND);

        RoutingTraces read = JsonlRoutingTraceStore.read(file);

        assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1", "r2");
        assertThat(read.skipped()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith(file + ":3: partial last line");
        });
    }

    @Test
    void appendingAfterACrashStartsOnAFreshLine() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
        }
        Files.writeString(file, "{\"id\":\"r2\",\"ti", StandardOpenOption.APPEND);

        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r3"));
        }

        RoutingTraces read = JsonlRoutingTraceStore.read(file);
        assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1", "r3");
        assertThat(read.skipped()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith(file + ":2: malformed JSON"));
    }

    @Test
    void unreadableLinesAreSkippedAndEachIsReported() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            store.append(Traces.escalated("r1"));
        }
        Files.write(file, List.of(
                "{\"id\":\"r2\",\"time\":\"yesterday\",\"embedding\":\"\",\"steps\":[]}",
                "{\"id\":\"r3\",\"time\":\"2026-01-01T00:00:00Z\",\"embedding\":\"\",\"steps\":[{\"tier\":\"a\",\"outcome\":\"MAYBE\"}]}",
                "{\"feedback\":\"r9\",\"good\":true}",
                "[1, 2]"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        RoutingTraces read = JsonlRoutingTraceStore.read(file);

        assertThat(read.traces()).extracting(RoutingTrace::requestId).containsExactly("r1");
        assertThat(read.skipped()).extracting(Throwable::getMessage).containsExactly(
                file + ":2: 'time' is not an ISO-8601 instant: yesterday",
                file + ":3: unknown step outcome 'MAYBE'",
                file + ":4: feedback for request id 'r9', which no earlier line traces",
                file + ":5: expected a JSON object");
    }
}
