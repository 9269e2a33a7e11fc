package io.github.router4j.langchain4j.scoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.scoring.CodeScorer;
import io.github.router4j.core.scoring.CodeScorers;
import io.github.router4j.core.scoring.CustomModel;
import io.github.router4j.core.scoring.CustomModels;
import io.github.router4j.core.scoring.RawScorer;
import io.github.router4j.core.scoring.Score;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.ScoringSpecException;
import io.github.router4j.core.scoring.ScoringType;
import io.github.router4j.core.scoring.SpecScore;
import io.github.router4j.core.scoring.SubDimension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Scores answers with a {@link ScoringSpec}: every sub-dimension at once (LLM-judge samples, code
 * scorers and custom models run concurrently on the executor), then the spec's aggregation. Results
 * are cached with Caffeine by (spec, input, output); results with a failed sub-dimension are not cached.
 *
 * <p>Failures never throw: a judge call that fails or times out loses its vote, a sub-dimension
 * without any usable vote (or whose code scorer throws) is left out and the weights renormalised,
 * and when nothing could be scored the total is NaN ({@link SpecScore#isScored()} false).
 *
 * <p>Everything the spec needs is checked when building: code scorer classes are instantiated, custom
 * model ids must be registered, and a spec with LLM_JUDGE sub-dimensions needs a judge; errors name
 * the spec path. Thread-safe.
 */
public final class SpecScorer implements RawScorer, AutoCloseable {

    private record Key(ScoringSpec spec, String input, String context, String output) {
    }

    private final ScoringSpec spec;
    private final LlmJudge judge;
    private final List<SubDimension> subs;
    private final Object[] scorers;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Duration timeout;
    private final Cache<Key, SpecScore> cache;

    private SpecScorer(Builder b) {
        this.spec = Objects.requireNonNull(b.spec, "spec");
        this.judge = b.judge;
        this.subs = spec.flatSubDimensions();
        this.scorers = new Object[subs.size()];
        for (int k = 0; k < subs.size(); k++) {
            SubDimension sub = subs.get(k);
            String path = spec.subDimensionPath(k);
            switch (sub.scoringType()) {
                case CODE -> scorers[k] = CodeScorers.instantiate(sub.javaClass(), path + ".java_class");
                case CUSTOM_MODEL -> scorers[k] = b.customModels.get(sub.customModelId()).orElseThrow(() ->
                        new ScoringSpecException(path + ".custom_model_id", "no custom model registered as \""
                                + sub.customModelId() + "\"; registered: " + b.customModels.ids().stream().sorted().toList()));
                case LLM_JUDGE -> {
                    if (judge == null) {
                        throw new ScoringSpecException(path + ".scoring_type", "LLM_JUDGE needs a judge model;"
                                + " configure one (SpecScorer.builder().judge(...), or judge.tier in YAML)");
                    }
                }
            }
        }
        this.ownedExecutor = b.executor == null ? Executors.newFixedThreadPool(b.parallelism, daemonThreads()) : null;
        this.executor = b.executor == null ? ownedExecutor : b.executor;
        this.timeout = b.timeout;
        this.cache = Caffeine.newBuilder().maximumSize(b.cacheSize).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The judge of LLM_JUDGE sub-dimensions, when there is one. */
    public Optional<LlmJudge> judge() {
        return Optional.ofNullable(judge);
    }

    public ScoringSpec spec() {
        return spec;
    }

    public SpecScore score(String input, String output) {
        return score(input, output, usage -> { });
    }

    /**
     * @param usage receives the token usage of every judge call made (none when the result was cached),
     *              on the calling thread
     */
    public SpecScore score(String input, String output, Consumer<TokenUsage> usage) {
        return score(input, output, usage, 0);
    }

    /**
     * Like {@link #score(String, String, Consumer)}, but when the code scorers and custom models alone
     * already cap the total below {@code threshold} (every judge answering "yes" could not lift it there),
     * the judges are not asked: the result's total is that cap, and each judged sub-dimension is reported
     * as "not judged". Saves the judge calls on answers that fail a hard rule (e.g. far too long).
     */
    public SpecScore score(String input, String output, Consumer<TokenUsage> usage, double threshold) {
        return score(input, "", output, usage, threshold, ChatRequestOptions.EMPTY);
    }

    /**
     * Like {@link #score(String, String, Consumer, double)}, with what the answer depends on besides the
     * input ({@code context}, e.g. a {@link io.github.router4j.langchain4j.Transcript} of the conversation
     * and its tool results) shown to the LLM judges, and {@code options} (listener attributes) on every
     * judge call. Code scorers and custom models see the input and output only.
     */
    public SpecScore score(String input, String context, String output, Consumer<TokenUsage> usage, double threshold,
                           ChatRequestOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
        Key key = new Key(spec, input, context, output);
        SpecScore cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Queue<TokenUsage> usages = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Score>> futures = new ArrayList<>(subs.size());
        boolean judged = false;
        for (int k = 0; k < subs.size(); k++) {
            boolean judge = subs.get(k).scoringType() == ScoringType.LLM_JUDGE;
            judged |= judge;
            futures.add(judge ? null : scoreOne(k, key, usages, options));
        }
        if (judged && threshold > 0) {
            SpecScore cap = capWithoutJudges(futures, threshold);
            if (cap != null) {
                return cap;
            }
        }
        for (int k = 0; k < subs.size(); k++) {
            if (futures.get(k) == null) {
                futures.set(k, scoreOne(k, key, usages, options));
            }
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // each future is inspected below
        }
        List<Score> raw = new ArrayList<>(futures.size());
        boolean complete = true;
        for (CompletableFuture<Score> f : futures) {
            Score s = f.isDone() && !f.isCompletedExceptionally() ? f.join() : Score.failed("no result within " + timeout);
            if (!f.isDone()) {
                f.cancel(true);
            }
            complete &= !s.isFailed();
            raw.add(s);
        }
        usages.forEach(usage);
        SpecScore result = spec.aggregate(raw);
        if (complete) {
            cache.put(key, result);
        }
        return result;
    }

    private SpecScore capWithoutJudges(List<CompletableFuture<Score>> futures, double threshold) {
        List<Score> optimistic = new ArrayList<>(futures.size());
        for (CompletableFuture<Score> f : futures) {
            if (f == null) {
                optimistic.add(Score.of(1, "not judged"));
                continue;
            }
            try {
                optimistic.add(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException | TimeoutException e) {
                return null;
            }
        }
        double cap = spec.aggregate(optimistic).total();
        if (!(cap < threshold)) {
            return null;
        }
        String why = String.format(java.util.Locale.ROOT, "not judged: the other scores cap the total at %.3f, below %.3f",
                cap, threshold);
        List<Score> reported = new ArrayList<>(optimistic.size());
        for (int k = 0; k < optimistic.size(); k++) {
            reported.add(futures.get(k) == null ? Score.of(1, why) : optimistic.get(k));
        }
        return spec.aggregate(reported);
    }

    @Override
    public double[] rawScores(String input, String output) {
        return score(input, output).rawScores();
    }

    private CompletableFuture<Score> scoreOne(int k, Key item, Queue<TokenUsage> usages, ChatRequestOptions options) {
        String input = item.input();
        String output = item.output();
        SubDimension sub = subs.get(k);
        return switch (sub.scoringType()) {
            case CODE -> CompletableFuture.supplyAsync(() -> {
                try {
                    Score s = ((CodeScorer) scorers[k]).score(output, input);
                    return s == null ? Score.failed(sub.javaClass() + " returned no score") : s;
                } catch (RuntimeException e) {
                    return Score.failed(sub.javaClass() + " failed: " + e);
                }
            }, executor);
            case CUSTOM_MODEL -> CompletableFuture.supplyAsync(() -> {
                try {
                    double p = ((CustomModel) scorers[k]).predict(input, output);
                    return p >= 0 && p <= 1 ? Score.of(p, "model " + sub.customModelId())
                            : Score.failed("model " + sub.customModelId() + " returned " + p + ", outside [0, 1]");
                } catch (RuntimeException e) {
                    return Score.failed("model " + sub.customModelId() + " failed: " + e);
                }
            }, executor);
            case LLM_JUDGE -> judge(sub, item, usages, options);
        };
    }

    private CompletableFuture<Score> judge(SubDimension sub, Key item, Queue<TokenUsage> usages, ChatRequestOptions options) {
        Consumer<TokenUsage> sink = u -> {
            if (u != null) {
                usages.add(u);
            }
        };
        if (judge.usesLogProbabilities()) {
            ChatRequest request = judge.request(spec.description(), sub.description(), item.input(), item.context(),
                    item.output(), true);
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return judge.logProbabilityOfYes(request, options, sink);
                } catch (RuntimeException e) {
                    return Optional.<Double>empty();
                }
            }, executor).thenCompose(p -> p.isPresent()
                    ? CompletableFuture.completedFuture(Score.of(p.get(), String.format("P(yes) %.3f from log-probabilities", p.get())))
                    : sampled(sub, item, sink, options));
        }
        return sampled(sub, item, sink, options);
    }

    private CompletableFuture<Score> sampled(SubDimension sub, Key item, Consumer<TokenUsage> sink,
                                             ChatRequestOptions options) {
        ChatRequest request = judge.request(spec.description(), sub.description(), item.input(), item.context(),
                item.output(), false);
        List<CompletableFuture<Optional<Boolean>>> votes = new ArrayList<>(judge.samples());
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < judge.samples(); i++) {
            votes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return judge.vote(request, options, sink);
                } catch (RuntimeException e) {
                    errors.add(String.valueOf(e.getMessage()));
                    return Optional.<Boolean>empty();
                }
            }, executor));
        }
        return CompletableFuture.allOf(votes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int yes = 0;
            int no = 0;
            for (CompletableFuture<Optional<Boolean>> v : votes) {
                Optional<Boolean> vote = v.join();
                if (vote.isPresent()) {
                    if (vote.get()) {
                        yes++;
                    } else {
                        no++;
                    }
                }
            }
            return LlmJudge.fromVotes(yes, no, votes.size() - yes - no - errors.size(), errors);
        });
    }

    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "router4j-scoring-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builder for {@link SpecScorer}; {@code spec} is required. */
    public static final class Builder {
        private ScoringSpec spec;
        private LlmJudge judge;
        private CustomModels customModels = CustomModels.none();
        private Executor executor;
        private int parallelism = 8;
        private Duration timeout = Duration.ofSeconds(60);
        private long cacheSize = 10_000;

        private Builder() {
        }

        public Builder spec(ScoringSpec spec) {
            this.spec = spec;
            return this;
        }

        /** The judge of LLM_JUDGE sub-dimensions; required when the spec has any. */
        public Builder judge(LlmJudge judge) {
            this.judge = judge;
            return this;
        }

        /** The models CUSTOM_MODEL sub-dimensions refer to by id. */
        public Builder customModels(CustomModels customModels) {
            this.customModels = Objects.requireNonNull(customModels, "customModels");
            return this;
        }

        /** Where scorers and judge calls run; by default a pool of {@code parallelism} daemon threads owned by the scorer. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Threads of the default executor (default 8). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism: expected a whole number >= 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** How long one answer's scoring may take; unfinished sub-dimensions count as failed (default 60 s). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: expected a positive duration, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Scored answers kept in the cache (default 10,000; 0 = no cache). */
        public Builder cacheSize(long cacheSize) {
            if (cacheSize < 0) {
                throw new IllegalArgumentException("cacheSize: expected a whole number >= 0, got " + cacheSize);
            }
            this.cacheSize = cacheSize;
            return this;
        }

        public SpecScorer build() {
            return new SpecScorer(this);
        }
    }
}
