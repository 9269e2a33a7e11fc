package io.github.router4j.langchain4j.cascade;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.TierCapability;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.EvidenceSource;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AutoMix self-evaluation: after a tier answers, the same tier is asked {@code k} times (default 8)
 * at a high temperature (default 1.0) whether its answer is correct; the share of "correct" votes
 * is the observation ({@link Evidence#SELF_EVALUATION_SHARE}) a cascade policy decides on, e.g.
 * through a {@link io.github.router4j.core.cascade.MetaVerifier}.
 *
 * <p>Each vote is a structured verdict {@code {"rationale": "...", "judgement": true|false}}:
 * requested as a JSON schema response format when the tier supports
 * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} (its model's capabilities or the tier's), else
 * asked for in the prompt and read leniently from the text (JSON anywhere in the reply, or
 * "Verdict: Correct"). The k samples run concurrently on a bounded executor sized for concurrent
 * requests ({@link Builder#maxConcurrency}), so the step costs about one call of latency. A sample
 * that fails (exception) or cannot be parsed is retried once, then left out; a sample still running
 * {@linkplain Builder#timeout(Duration) timeout} after it started is cancelled and left out. The
 * evidence records how many votes counted ({@link Evidence#SELF_EVALUATION_VOTES}); when none did it
 * carries no share, and the policy's documented fallback applies (the cascade policies treat it as an
 * untrusted observation: escalate by default). The tokens of every call that returned before the step
 * ended are booked on the request through {@link AcceptanceContext#recordUsage}, including the first
 * attempt of a sample cancelled during its retry.
 *
 * <p>The votes read the question (the routing text) and the answer in full, and as {@code {{context}}} a
 * {@link Transcript} of what the answer depends on: system message, earlier turns, information sent with
 * the question, tool calls and results, capped at {@linkplain Builder#contextChars(int) contextChars}.
 * Each vote goes to the answering tier's model without a model name, with the caller's listener
 * attributes plus {@code router4j.purpose=self-evaluation}.
 *
 * <p>Thread-safe. The default executor's threads are daemons that end when idle; {@link #close()}
 * shuts it down at once (a tiered model built with this step closes it in its own {@code close()}).
 * An executor passed to the builder is the caller's to shut down.
 */
public final class SelfEvaluation implements EvidenceSource, AutoCloseable {

    /** Number of samples requested. */
    public static final String SAMPLES = "self_evaluation.samples";
    /** Number of samples left out (failed, unparsable or timed out after the retry). */
    public static final String FAILED = "self_evaluation.failed";

    /**
     * The default prompt, in the spirit of AutoMix's verification prompt. Placeholders:
     * {@code {{context}}}, {@code {{question}}}, {@code {{answer}}}.
     */
    public static final String DEFAULT_PROMPT = """
            Context: {{context}}

            Question: {{question}}

            AI-generated answer: {{answer}}

            Instructions: evaluate whether the AI-generated answer is correct, given the context and \
            the question. Give your reasoning first, then your verdict. Reply with a JSON object only: \
            {"rationale": "<your reasoning>", "judgement": true if the answer is correct, false if it is not}""";

    /** Concurrent requests the default pool has a thread per vote for. */
    public static final int DEFAULT_CONCURRENT_REQUESTS = 64;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private static final JsonSchema VERDICT_SCHEMA = JsonSchema.builder()
            .name("self_evaluation_verdict")
            .rootElement(JsonObjectSchema.builder()
                    .addStringProperty("rationale", "reasoning about whether the answer is correct")
                    .addBooleanProperty("judgement", "true if the answer is correct, false if not")
                    .required("rationale", "judgement")
                    .build())
            .build();

    private final int samples;
    private final double temperature;
    private final String prompt;
    private final String systemPrompt;
    private final Duration timeout;
    private final boolean structuredOutput;
    private final int contextChars;
    private final ExecutorService executor;
    private final boolean ownsExecutor;

    private SelfEvaluation(Builder b) {
        if (b.samples < 1) {
            throw new IllegalArgumentException("samples: expected at least 1, got " + b.samples);
        }
        if (!(b.temperature >= 0) || Double.isInfinite(b.temperature)) {
            throw new IllegalArgumentException("temperature: expected a finite number >= 0, got " + b.temperature);
        }
        Objects.requireNonNull(b.prompt, "prompt");
        if (!b.prompt.contains("{{answer}}")) {
            throw new IllegalArgumentException("prompt: the template must contain {{answer}} (and usually {{question}})");
        }
        Objects.requireNonNull(b.timeout, "timeout");
        if (b.timeout.isNegative() || b.timeout.isZero()) {
            throw new IllegalArgumentException("timeout: expected a positive duration, got " + b.timeout);
        }
        this.samples = b.samples;
        this.temperature = b.temperature;
        this.prompt = b.prompt;
        this.systemPrompt = b.systemPrompt;
        this.timeout = b.timeout;
        this.structuredOutput = b.structuredOutput;
        if (b.contextChars < 0) {
            throw new IllegalArgumentException("contextChars: expected a number >= 0, got " + b.contextChars);
        }
        this.contextChars = b.contextChars;
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownsExecutor = false;
        } else {
            int threads = b.maxConcurrency > 0 ? b.maxConcurrency : samples * DEFAULT_CONCURRENT_REQUESTS;
            this.executor = daemonPool(threads);
            this.ownsExecutor = true;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Evidence gather(AcceptanceContext context) {
        Evidence base = Evidence.of(SAMPLES, samples);
        String answer = context.answer();
        Tier tier = context.tier();
        if (answer.isBlank() || tier.model() == null) {
            return base.with(Evidence.SELF_EVALUATION_VOTES, 0).with(FAILED, samples);
        }
        ChatRequest request = request(context, answer);
        Booking booking = new Booking(context, tier);
        ChatRequestOptions options = context.extraCallOptions(RoutingInfo.PURPOSE_SELF_EVALUATION);
        List<Vote> votes = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            Vote vote = new Vote(tier.model(), request, options, booking);
            vote.future = executor.submit(vote::run);
            votes.add(vote);
        }
        int yes = 0;
        int counted = 0;
        try {
            for (Vote vote : votes) {
                Optional<Boolean> v = vote.await(timeout.toNanos());
                if (v.isPresent()) {
                    counted++;
                    yes += v.get() ? 1 : 0;
                }
            }
        } finally {
            booking.close();
        }
        Evidence evidence = base.with(Evidence.SELF_EVALUATION_VOTES, counted).with(FAILED, samples - counted);
        return counted == 0 ? evidence : evidence.with(Evidence.SELF_EVALUATION_SHARE, (double) yes / counted);
    }

    /**
     * Books every finished call's tokens on the request as it happens (so a vote cancelled during its
     * retry still books its first attempt), until the evaluation is over.
     */
    private static final class Booking {
        private final AcceptanceContext context;
        private final Tier tier;
        private boolean closed;

        Booking(AcceptanceContext context, Tier tier) {
            this.context = context;
            this.tier = tier;
        }

        synchronized void book(TokenUsage usage) {
            if (!closed && usage != null) {
                context.recordUsage(tier, usage);
            }
        }

        synchronized void close() {
            closed = true;
        }
    }

    /** One vote: a call, parsed; a failed or unparsable call is retried once. Its deadline starts when it starts. */
    private static final class Vote {
        private final ChatModel model;
        private final ChatRequest request;
        private final ChatRequestOptions options;
        private final Booking booking;
        private final long submitted = System.nanoTime();
        private volatile long started;
        private volatile boolean running;
        Future<Optional<Boolean>> future;

        Vote(ChatModel model, ChatRequest request, ChatRequestOptions options, Booking booking) {
            this.model = model;
            this.request = request;
            this.options = options;
            this.booking = booking;
        }

        Optional<Boolean> run() {
            started = System.nanoTime();
            running = true;
            for (int attempt = 0; attempt < 2; attempt++) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                try {
                    ChatResponse response = model.chat(request, options);
                    booking.book(response.tokenUsage());
                    String text = response.aiMessage() == null ? null : response.aiMessage().text();
                    Optional<Boolean> vote = VerdictParser.parse(text);
                    if (vote.isPresent()) {
                        return vote;
                    }
                } catch (RuntimeException e) {
                    // left out after the retry; the cascade decides without this vote
                }
            }
            return Optional.empty();
        }

        /**
         * The vote, waiting at most {@code timeout} from the moment it started; a vote still queued
         * {@code timeout} after it was submitted is given up too.
         */
        Optional<Boolean> await(long timeout) {
            try {
                while (true) {
                    boolean wasRunning = running;
                    long left = (wasRunning ? started : submitted) + timeout - System.nanoTime();
                    try {
                        return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        if (!wasRunning && running) {
                            continue;
                        }
                        future.cancel(true);
                        return Optional.empty();
                    }
                }
            } catch (ExecutionException | CancellationException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The evaluation request for {@code answer}: the filled prompt at the configured temperature. */
    ChatRequest request(AcceptanceContext context, String answer) {
        String question = context.routingRequest().text();
        String transcript = Transcript.of(context.chatRequest().messages(), question, contextChars);
        String filled = prompt
                .replace("{{context}}", transcript.isEmpty() ? "(none)" : transcript)
                .replace("{{question}}", question)
                .replace("{{answer}}", answer);
        List<ChatMessage> messages = new ArrayList<>(2);
        if (systemPrompt != null && !systemPrompt.isBlank()) {
            messages.add(SystemMessage.from(systemPrompt));
        }
        messages.add(UserMessage.from(filled));
        dev.langchain4j.model.chat.request.DefaultChatRequestParameters.Builder<?> parameters = ChatRequestParameters.builder()
                .temperature(temperature);
        if (structuredOutput && supportsJsonSchema(context.tier())) {
            parameters.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(VERDICT_SCHEMA).build());
        }
        return ChatRequest.builder().messages(messages).parameters(parameters.build()).build();
    }

    private static boolean supportsJsonSchema(Tier tier) {
        return tier.capabilities().contains(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA)
                || tier.model().supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    public int samples() {
        return samples;
    }

    public double temperature() {
        return temperature;
    }

    /** Shuts down the executor this instance made (not one passed to the builder). */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SelfEvaluation{samples=" + samples + ", temperature=" + temperature + ", timeout=" + timeout + '}';
    }

    /**
     * Up to {@code threads} daemon threads, created only when no idle one can take a vote, ended after
     * 30 s idle; votes queue only when all {@code threads} are busy.
     */
    private static ExecutorService daemonPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        int poolNumber = POOLS.incrementAndGet();
        HandOffQueue queue = new HandOffQueue();
        return new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "router4j-self-evaluation-" + poolNumber + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (r, pool) -> {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("self-evaluation is closed");
            }
            queue.add(r);
        });
    }

    /** Offers a task only to an idle thread, so that the pool grows before it queues. */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        @Override
        public boolean add(Runnable task) {
            return super.offer(task);
        }
    }

    /** Builder for {@link SelfEvaluation}. */
    public static final class Builder {
        private int samples = 8;
        private double temperature = 1.0;
        private String prompt = DEFAULT_PROMPT;
        private String systemPrompt;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean structuredOutput = true;
        private int contextChars = Transcript.DEFAULT_MAX_CHARS;
        private ExecutorService executor;
        private int maxConcurrency;

        private Builder() {
        }

        /** k, the number of votes asked for; default 8. */
        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        /** Sampling temperature of the votes; default 1.0, so the votes differ. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * The evaluation prompt with placeholders {@code {{context}}}, {@code {{question}}} and
         * {@code {{answer}}} (required); default {@link SelfEvaluation#DEFAULT_PROMPT}. It should ask
         * for the JSON verdict, or at least end with a "Verdict: correct / incorrect" line.
         */
        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /** An optional system message sent before the prompt. */
        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        /**
         * How long each vote may take from the moment it starts (votes run in parallel, so about the
         * whole step's bound); default 60 s. A vote still waiting for a thread this long after it was
         * asked for is given up as well. Unfinished votes are cancelled and left out.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Whether to request the JSON schema response format from tiers that support it; default
         * true. Off: always the prompt plus lenient parsing.
         */
        public Builder structuredOutput(boolean structuredOutput) {
            this.structuredOutput = structuredOutput;
            return this;
        }

        /**
         * Cap on the {@code {{context}}} the votes read: the system message, earlier turns, information
         * sent with the question and the tool calls and results, cut oldest first ({@link Transcript});
         * the question and the answer are always given in full. Default {@value Transcript#DEFAULT_MAX_CHARS}.
         */
        public Builder contextChars(int contextChars) {
            this.contextChars = contextChars;
            return this;
        }

        /**
         * Most threads of the default executor; default k × {@value SelfEvaluation#DEFAULT_CONCURRENT_REQUESTS},
         * so that 64 concurrent requests vote without queueing. Threads are started only when no idle
         * one is free and end after 30 s idle. Ignored when an executor is given.
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** Runs the samples on {@code executor} (bounded, owned by the caller) instead of a pool of its own. */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        public SelfEvaluation build() {
            return new SelfEvaluation(this);
        }
    }
}
