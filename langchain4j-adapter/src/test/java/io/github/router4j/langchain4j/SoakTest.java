package io.github.router4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.cascade.ThresholdPolicy;
import io.github.router4j.langchain4j.cascade.SelfEvaluation;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The soak: real OpenAI clients against a fault-injecting local server, with every fault decided per
 * (request, tier) in advance from a fixed seed, so that each request's outcome is known. Asserts that
 * no request is lost or hangs, that requests fail exactly where every tier failed, that each stream
 * ends exactly once with one tier's tokens, that the cost booked equals the cost the server billed,
 * and that cascade requests get their self-evaluation votes at 64 concurrent requests.
 * <p>
 * The short sizes run in {@code mvn verify}; the full sizes (10,000 requests on 64 threads, 2,000
 * streams on 32 threads, 640 cascade requests at 64 concurrent, plus the router overhead next to
 * direct calls) with {@code -Dsoak=full} (see docs/operations.md).
 */
class SoakTest {

    private static final boolean FULL = "full".equals(System.getProperty("soak"));
    private static final long SEED = 20_261_202L;
    private static final double FAULT_RATE = 0.30;
    private static final String[] TIERS = {"t0", "t1", "t2"};
    private static final double[][] PRICES = {{0.15, 0.60}, {1.00, 4.00}, {5.00, 15.00}};
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1500);
    /** The cascade's simulated model latency (a late verdict takes three times as long). */
    private static final Duration ANSWER_LATENCY = Duration.ofMillis(200);

    private static LocalOpenAiServer server;
    /** The script: the reply of (request number, model) decided before the run. */
    private static final Map<String, IntFunction<Reply>> SCRIPTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        server = LocalOpenAiServer.start(request -> {
            String text = request.lastUserText();
            int id = idOf(text);
            String kind = text.startsWith("[") ? text.substring(1, text.indexOf(']')) : "";
            boolean vote = text.contains("AI-generated answer");
            return SCRIPTS.get((vote ? "vote:" : "") + kind + ":" + request.model()).apply(id);
        });
        System.out.printf(Locale.ROOT, "soak %s: seed %d, %d processors%n", FULL ? "full" : "short", SEED,
                Runtime.getRuntime().availableProcessors());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ faults

    enum Fault {
        NONE, HTTP_500, RATE_LIMITED, NO_RESPONSE, EMPTY, MALFORMED,
        STALL_AFTER_HEADERS, LATE_FIRST_TOKEN, DROP_MID_STREAM, STALL_MID_STREAM;

        boolean midStream() {
            return this == DROP_MID_STREAM || this == STALL_MID_STREAM;
        }
    }

    /** Faults per request and tier: 30 % of the pairs get one of {@code kinds}, uniformly. */
    private static Fault[][] faults(int requests, long seed, Fault... kinds) {
        Random random = new Random(seed);
        Fault[][] table = new Fault[requests][TIERS.length];
        for (Fault[] row : table) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextDouble() < FAULT_RATE ? kinds[random.nextInt(kinds.length)] : Fault.NONE;
            }
        }
        return table;
    }

    private static String answer(int id, int tier) {
        return "req-" + id + " answered by " + TIERS[tier] + " with several words to stream";
    }

    private static Reply reply(Fault fault, int id, int tier) {
        int in = 40 + id % 17;
        int out = 10 + id % 5;
        Reply ok = Reply.text(answer(id, tier)).withUsage(in, out);
        return switch (fault) {
            case NONE -> ok;
            case HTTP_500 -> Reply.error(500, "upstream error");
            case RATE_LIMITED -> Reply.rateLimited(Duration.ofSeconds(1));
            case NO_RESPONSE -> Reply.noResponse(CLIENT_TIMEOUT.plusMillis(500));
            case EMPTY -> Reply.text("").withUsage(in, 1);
            case MALFORMED -> Reply.malformed();
            case STALL_AFTER_HEADERS -> ok.withStallAfterHeaders(Duration.ofMillis(2500));
            case LATE_FIRST_TOKEN -> ok.withFirstTokenDelay(Duration.ofMillis(2000));
            case DROP_MID_STREAM -> ok.withStreamFailureAfter(2);
            case STALL_MID_STREAM -> ok.withStallAfterChunks(2, Duration.ofMillis(2500));
        };
    }

    private static Tier.Builder tier(int t) {
        return Tier.builder().name(TIERS[t]).inputPricePerMillion(PRICES[t][0]).outputPricePerMillion(PRICES[t][1]);
    }

    private static ChatModel blocking(String model) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(model).maxRetries(0)
                .timeout(CLIENT_TIMEOUT).httpClientBuilder(RetryAfterHttpClient.builder()).build();
    }

    private static StreamingChatModel streaming(String model) {
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(model)
                .timeout(CLIENT_TIMEOUT).httpClientBuilder(RetryAfterHttpClient.builder()).build();
    }

    private static ChatRequest request(String kind, int id, String question) {
        return ChatRequest.builder().messages(UserMessage.from("[" + kind + "] req-" + id + ": " + question)).build();
    }

    // ------------------------------------------------------------------ blocking

    @Test
    void blocking_requests_over_three_failing_tiers() throws Exception {
        int n = FULL ? 10_000 : 1_000;
        int threads = FULL ? 64 : 16;
        Fault[][] faults = faults(n, SEED, Fault.HTTP_500, Fault.RATE_LIMITED, Fault.NO_RESPONSE, Fault.EMPTY,
                Fault.MALFORMED);
        for (int t = 0; t < TIERS.length; t++) {
            int tier = t;
            SCRIPTS.put("blocking:" + TIERS[t], id -> reply(faults[id][tier], id, tier));
        }
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = TieredChatModel.builder().routingListener(events::add)
                .cooldown(Duration.ofSeconds(2))
                .tiers(tier(0).model(blocking("t0")).build(), tier(1).model(blocking("t1")).build(),
                        tier(2).model(blocking("t2")).build())
                .build();
        Map<String, LocalOpenAiServer.Usage> before = bills();

        Object[] outcomes = new Object[n];
        long[] nanos = new long[n];
        long start = System.nanoTime();
        runAll(n, threads, id -> {
            long t0 = System.nanoTime();
            try {
                outcomes[id] = model.chat(request("blocking", id, "what is it?")).aiMessage().text();
            } catch (AllTiersFailedException e) {
                outcomes[id] = e;
            }
            nanos[id] = System.nanoTime() - t0;
        });
        long wall = System.nanoTime() - start;

        Set<Integer> expectedFailures = new TreeSet<>();
        Set<Integer> failures = new TreeSet<>();
        for (int id = 0; id < n; id++) {
            if (Arrays.stream(faults[id]).allMatch(f -> f != Fault.NONE)) {
                expectedFailures.add(id);
            }
            if (outcomes[id] instanceof AllTiersFailedException) {
                failures.add(id);
            } else {
                String text = (String) outcomes[id];
                int answeredBy = Integer.parseInt(text.substring(text.indexOf(" by t") + 5, text.indexOf(" by t") + 6));
                assertThat(text).as("request %d", id).isEqualTo(answer(id, answeredBy));
                assertThat(faults[id][answeredBy]).as("request %d answered by a faulty tier", id).isEqualTo(Fault.NONE);
            }
        }
        assertThat(failures).as("failed exactly where every tier failed").isEqualTo(expectedFailures);
        assertThat(events).as("one routing event per request").hasSize(n);
        assertCostBookedEqualsBilled(events, before, Map.of());
        System.out.printf(Locale.ROOT, "blocking soak: %d requests, %d threads, %d failed (expected %d), wall %.1f s,"
                        + " latency p50 %.1f ms, p99 %.1f ms, booked $%.6f%n", n, threads, failures.size(),
                expectedFailures.size(), wall / 1e9, percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6,
                events.stream().mapToDouble(e -> e.routingInfo().cost()).sum());
    }

    // ------------------------------------------------------------------ streaming

    @Test
    void streams_with_faults_before_and_during_the_answer() throws Exception {
        int n = FULL ? 2_000 : 200;
        int threads = FULL ? 32 : 16;
        Fault[][] faults = faults(n, SEED + 1, Fault.HTTP_500, Fault.RATE_LIMITED, Fault.EMPTY, Fault.MALFORMED,
                Fault.STALL_AFTER_HEADERS, Fault.LATE_FIRST_TOKEN, Fault.DROP_MID_STREAM, Fault.STALL_MID_STREAM);
        for (int t = 0; t < TIERS.length; t++) {
            int tier = t;
            SCRIPTS.put("stream:" + TIERS[t], id -> reply(faults[id][tier], id, tier));
        }
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        Duration firstToken = Duration.ofMillis(1000);
        Duration interToken = Duration.ofMillis(1000);
        TieredStreamingChatModel model = TieredStreamingChatModel.builder().routingListener(events::add)
                .cooldown(Duration.ZERO) // a fixed tier order, so that each stream's outcome is known
                .tiers(tier(0).streamingModel(streaming("t0")).firstTokenTimeout(firstToken).interTokenTimeout(interToken).build(),
                        tier(1).streamingModel(streaming("t1")).firstTokenTimeout(firstToken).interTokenTimeout(interToken).build(),
                        tier(2).streamingModel(streaming("t2")).firstTokenTimeout(firstToken).interTokenTimeout(interToken).build())
                .build();
        Map<String, LocalOpenAiServer.Usage> before = bills();

        EndCounter[] handlers = new EndCounter[n];
        long start = System.nanoTime();
        runAll(n, threads, id -> {
            handlers[id] = new EndCounter();
            model.chat(request("stream", id, "tell me"), handlers[id]);
            if (!handlers[id].ended.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("stream " + id + " hung");
            }
        });
        long wall = System.nanoTime() - start;

        // Late streams finish after their tier was given up: wait for their bills, then for stray callbacks.
        Map<String, long[]> late = new HashMap<>();
        long expectedResponses = 0;
        int answered = 0;
        int errors = 0;
        int allFailed = 0;
        for (int id = 0; id < n; id++) {
            Fault[] row = faults[id];
            int t = 0;
            while (t < TIERS.length && row[t] != Fault.NONE && !row[t].midStream()) {
                if (row[t] == Fault.LATE_FIRST_TOKEN) {
                    expectedResponses++;
                    long[] u = late.computeIfAbsent(TIERS[t], k -> new long[2]);
                    u[0] += 40 + id % 17;
                    u[1] += 10 + id % 5;
                } else if (row[t] == Fault.EMPTY) {
                    expectedResponses++;
                }
                t++;
            }
            EndCounter h = handlers[id];
            if (t == TIERS.length) {
                allFailed++;
                assertThat(h.error).as("stream %d", id).isInstanceOf(AllTiersFailedException.class);
                assertThat(h.text()).as("stream %d", id).isEmpty();
            } else if (row[t].midStream()) {
                errors++;
                assertThat(h.error).as("stream %d", id).isNotNull().isNotInstanceOf(AllTiersFailedException.class);
                assertThat(answer(id, t)).as("stream %d: only tier %s's tokens", id, TIERS[t]).startsWith(h.text());
                assertThat(h.text()).as("stream %d", id).isNotEmpty();
            } else {
                answered++;
                expectedResponses++;
                assertThat(h.error).as("stream %d", id).isNull();
                assertThat(h.text()).as("stream %d", id).isEqualTo(answer(id, t));
                assertThat(h.response.aiMessage().text()).isEqualTo(answer(id, t));
            }
        }
        long billedBefore = before.values().stream().mapToLong(LocalOpenAiServer.Usage::responses).sum();
        for (int i = 0; i < 200 && bills().values().stream().mapToLong(LocalOpenAiServer.Usage::responses).sum()
                - billedBefore < expectedResponses; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        for (int id = 0; id < n; id++) {
            assertThat(handlers[id].ends).as("stream %d ends exactly once", id).hasValue(1);
            assertThat(handlers[id].tokensAfterEnd).as("stream %d: nothing after its end", id).hasValue(0);
        }
        assertThat(events).hasSize(n);
        double lateCost = assertCostBookedEqualsBilled(events, before, late);
        System.out.printf(Locale.ROOT, "stream soak: %d streams, %d threads, %d answered, %d mid-stream errors,"
                        + " %d all tiers failed, wall %.1f s, booked $%.6f, billed after the router gave up $%.6f%n",
                n, threads, answered, errors, allFailed, wall / 1e9,
                events.stream().mapToDouble(e -> e.routingInfo().cost()).sum(), lateCost);
    }

    /** Counts the terminal callbacks and anything delivered after the first one. */
    static final class EndCounter implements StreamingChatResponseHandler {
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicInteger ends = new AtomicInteger();
        final AtomicInteger tokensAfterEnd = new AtomicInteger();
        final StringBuffer tokens = new StringBuffer();
        volatile ChatResponse response;
        volatile Throwable error;

        @Override
        public void onPartialResponse(String partial) {
            if (ends.get() > 0) {
                tokensAfterEnd.incrementAndGet();
            }
            tokens.append(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            response = completeResponse;
            ends.incrementAndGet();
            ended.countDown();
        }

        @Override
        public void onError(Throwable e) {
            error = e;
            ends.incrementAndGet();
            ended.countDown();
        }

        String text() {
            return tokens.toString();
        }
    }

    // ------------------------------------------------------------------ cascade

    @Test
    void cascade_requests_get_their_votes_at_64_concurrent() throws Exception {
        int n = FULL ? 640 : 128;
        CascadeRun run = cascade(n, FULL ? 64 : 8, null);

        assertThat(run.withVotes() / (double) n).as("share of cascade requests with votes").isGreaterThanOrEqualTo(0.99);
        run.print("cascade soak");
    }

    @Test
    void cascade_with_a_vote_pool_of_k_threads_for_comparison() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FULL, "the comparison runs with -Dsoak=full only");
        // one thread per vote of a single request, shared by all 64 concurrent requests
        cascade(128, 16, 4).print("cascade, vote pool of 4 threads");
    }

    /** A cascade run's numbers; its cost booked was already compared with the bill. */
    private record CascadeRun(int requests, int sequential, long withVotes, double p50Loaded, double p50Single) {
        void print(String what) {
            System.out.printf(Locale.ROOT, "%s: %d requests at 64 concurrent, 4 samples: %d with votes (%.1f %%),"
                            + " p50 %.0f ms vs %.0f ms single-threaded (%d requests): %.2fx%n", what, requests,
                    withVotes, 100.0 * withVotes / requests, p50Loaded / 1e6, p50Single / 1e6, sequential,
                    p50Loaded / p50Single);
        }
    }

    /**
     * {@code sequential} requests one after the other, then {@code n} at 64 concurrent, through a
     * two-tier cascade with 4 self-evaluation votes; 30 % of the vote replies malformed or late.
     */
    private static CascadeRun cascade(int n, int sequential, Integer maxConcurrency) throws Exception {
        int concurrent = 64;
        int samples = 4;
        Random random = new Random(SEED + 2);
        // per request: its vote replies in arrival order (8 covers every retry); 30 % malformed or late
        Fault[][] votes = new Fault[n + sequential][2 * samples];
        for (Fault[] row : votes) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextDouble() < FAULT_RATE
                        ? (random.nextBoolean() ? Fault.MALFORMED : Fault.LATE_FIRST_TOKEN) : Fault.NONE;
            }
        }
        Map<Integer, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        SCRIPTS.put(":small", id -> Reply.text("req-" + id + " small answer").withDelay(ANSWER_LATENCY).withUsage(30, 8));
        SCRIPTS.put(":large", id -> Reply.text("req-" + id + " large answer").withDelay(ANSWER_LATENCY).withUsage(30, 8));
        SCRIPTS.put("vote::small", id -> {
            Fault f = votes[id][arrivals.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement() % (2 * samples)];
            String verdict = "{\"rationale\": \"checked\", \"judgement\": " + (id % 3 != 0) + "}";
            return switch (f) {
                case MALFORMED -> Reply.malformed();
                case LATE_FIRST_TOKEN -> Reply.text(verdict).withDelay(ANSWER_LATENCY.multipliedBy(3)).withUsage(90, 12);
                default -> Reply.text(verdict).withDelay(ANSWER_LATENCY).withUsage(90, 12);
            };
        });
        Map<String, Double> votesByRequest = new ConcurrentHashMap<>();
        SelfEvaluation.Builder builder = SelfEvaluation.builder().samples(samples).timeout(Duration.ofSeconds(5));
        if (maxConcurrency != null) {
            builder.maxConcurrency(maxConcurrency);
        }
        try (SelfEvaluation evaluation = builder.build()) {
            EvidenceSource recording = context -> {
                Evidence evidence = evaluation.gather(context);
                votesByRequest.put(context.routingRequest().text(), evidence.get(Evidence.SELF_EVALUATION_VOTES).orElse(0));
                return evidence;
            };
            List<RoutingEvent> events = new CopyOnWriteArrayList<>();
            TieredChatModel model = TieredChatModel.builder().routingListener(events::add)
                    .tiers(Tier.builder().name("small").model(cascadeModel("small")).inputPricePerMillion(0.15).outputPricePerMillion(0.6).build(),
                            Tier.builder().name("large").model(cascadeModel("large")).inputPricePerMillion(5).outputPricePerMillion(15).build())
                    .acceptance(AcceptanceStep.of(recording, ThresholdPolicy.onShare(0.5)))
                    .build();
            Map<String, LocalOpenAiServer.Usage> before = bills();

            long[] single = new long[sequential];
            for (int i = 0; i < sequential; i++) {
                long t0 = System.nanoTime();
                model.chat(request("", n + i, "cascade"));
                single[i] = System.nanoTime() - t0;
            }
            long[] loaded = new long[n];
            runAll(n, concurrent, id -> {
                long t0 = System.nanoTime();
                model.chat(request("", id, "cascade"));
                loaded[id] = System.nanoTime() - t0;
            });

            long withVotes = votesByRequest.entrySet().stream()
                    .filter(e -> idOf(e.getKey()) < n && e.getValue() >= 1).count();
            int concurrentRequests = (int) votesByRequest.keySet().stream().filter(k -> idOf(k) < n).count();
            assertThat(events).hasSize(sequential + n);
            assertThat(concurrentRequests).isEqualTo(n);
            assertCostBookedEqualsBilled(events, before, Map.of(), "small", "large");
            return new CascadeRun(n, sequential, withVotes, percentile(loaded, 50), percentile(single, 50));
        }
    }

    private static ChatModel cascadeModel(String model) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName(model).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    // ------------------------------------------------------------------ overhead

    @Test
    void router_overhead_next_to_direct_calls() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FULL, "router overhead is measured with -Dsoak=full only");
        SCRIPTS.put("overhead:t0", id -> Reply.text("req-" + id + " ok").withUsage(20, 5));
        ChatModel direct = blocking("t0");
        TieredChatModel tiered = TieredChatModel.builder().tiers(tier(0).model(direct).build(), tier(1).model(blocking("t1")).build())
                .build();
        int warmup = 2_000;
        int n = 10_000;
        for (int i = 0; i < warmup; i++) {
            direct.chat(request("overhead", i, "x"));
            tiered.chat(request("overhead", i, "x"));
        }
        long[] directNanos = new long[n];
        long[] tieredNanos = new long[n];
        for (int i = 0; i < n; i++) {
            ChatRequest r = request("overhead", i, "x");
            long t0 = System.nanoTime();
            direct.chat(r);
            long t1 = System.nanoTime();
            tiered.chat(r);
            long t2 = System.nanoTime();
            directNanos[i] = t1 - t0;
            tieredNanos[i] = t2 - t1;
        }
        System.out.printf(Locale.ROOT, "router overhead over HTTP, %d calls each, interleaved: direct p50 %.3f ms p99 %.3f ms;"
                        + " tiered p50 %.3f ms p99 %.3f ms; difference p50 %.3f ms p99 %.3f ms%n", n,
                percentile(directNanos, 50) / 1e6, percentile(directNanos, 99) / 1e6,
                percentile(tieredNanos, 50) / 1e6, percentile(tieredNanos, 99) / 1e6,
                (percentile(tieredNanos, 50) - percentile(directNanos, 50)) / 1e6,
                (percentile(tieredNanos, 99) - percentile(directNanos, 99)) / 1e6);
        assertThat(server.requests()).isNotEmpty();
    }

    // ------------------------------------------------------------------ helpers

    interface Job {
        void run(int id) throws Exception;
    }

    /** Runs {@code n} jobs on {@code threads} threads; fails when one throws or all together take over 5 minutes. */
    private static void runAll(int n, int threads, Job job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(pool.submit(() -> {
                    job.run(id);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            for (Future<?> f : futures) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int idOf(String text) {
        int at = text.indexOf("req-");
        return Integer.parseInt(text.substring(at + 4, text.indexOf(':', at)));
    }

    private static Map<String, LocalOpenAiServer.Usage> bills() {
        Map<String, LocalOpenAiServer.Usage> bills = new HashMap<>();
        for (String model : List.of("t0", "t1", "t2", "small", "large")) {
            bills.put(model, server.billed(model));
        }
        return bills;
    }

    /**
     * Compares, per tier, the tokens booked in the routing information with the tokens the server billed
     * since {@code before}, less {@code unbookable} (tokens of streams finished after the router gave
     * them up); returns the cost of those.
     */
    private static double assertCostBookedEqualsBilled(List<RoutingEvent> events, Map<String, LocalOpenAiServer.Usage> before,
                                                       Map<String, long[]> unbookable, String... models) {
        List<String> names = models.length == 0 ? List.of(TIERS) : List.of(models);
        double booked = events.stream().mapToDouble(e -> e.routingInfo().cost()).sum();
        double billed = 0;
        double unbooked = 0;
        for (String name : names) {
            LocalOpenAiServer.Usage now = server.billed(name);
            LocalOpenAiServer.Usage was = before.get(name);
            long[] late = unbookable.getOrDefault(name, new long[2]);
            long in = now.inputTokens() - was.inputTokens();
            long out = now.outputTokens() - was.outputTokens();
            int index = List.of(TIERS).indexOf(name);
            double[] p = index >= 0 ? PRICES[index] : name.equals("small") ? new double[]{0.15, 0.6} : new double[]{5, 15};
            billed += (in * p[0] + out * p[1]) / 1e6;
            unbooked += (late[0] * p[0] + late[1] * p[1]) / 1e6;
        }
        assertThat(booked).as("cost booked vs billed less tokens sent after the router gave up")
                .isCloseTo(billed - unbooked, within(1e-9));
        return unbooked;
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
