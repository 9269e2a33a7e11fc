package io.github.router4j.benchmarks.trace;

import io.github.router4j.core.trace.JsonlRoutingTraceStore;
import io.github.router4j.core.trace.RoutingTrace;
import io.github.router4j.learned.AnswerFeatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends per second to the JSON Lines trace store on one thread, each record handed to the
 * operating system before {@code append} returns (no fsync): a 384-dimension prompt embedding and
 * two tier steps (cheap escalated, strong answered) with all {@link AnswerFeatures} and a verdict,
 * about 3 KB a line.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TraceStoreBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@Fork(1)
public class TraceStoreBenchmark {

    private Path dir;
    private JsonlRoutingTraceStore store;
    private float[] embedding;
    private List<RoutingTrace.Step> steps;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("router4j-trace-bench");
        store = JsonlRoutingTraceStore.open(dir.resolve("traces.jsonl"));
        Random random = new Random(0);
        embedding = new float[384];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) random.nextGaussian() / 20;
        }
        String prompt = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May."
                + " How many clips did Natalia sell altogether in April and May?";
        steps = List.of(
                new RoutingTrace.Step("cheap", 0, RoutingTrace.Outcome.ESCALATED,
                        AnswerFeatures.named(prompt, "In May she sold 48 / 2 = 24 clips. Altogether 48 + 24 = 72.\n#### 72"),
                        Map.of("verifier.p_good", 0.41, "threshold", 0.6)),
                new RoutingTrace.Step("strong", 1, RoutingTrace.Outcome.ANSWERED,
                        AnswerFeatures.named(prompt, "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72"), Map.of()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public void append() {
        store.append(new RoutingTrace("req-" + next++, Instant.now(), embedding, Optional.empty(), steps,
                Optional.empty()));
    }
}
