package io.github.router4j.micrometer;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import io.github.router4j.langchain4j.EmptyAnswerException;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.RoutingListener;
import io.github.router4j.langchain4j.TierCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.Optional;

/**
 * Micrometer meters from the routing decisions of one tiered model, as a {@link RoutingListener}:
 * requests by answering tier and outcome, fallbacks by reason, cool-downs, escalations, acceptance
 * verdicts, self-evaluation votes, decision and end-to-end latency, time to first token, and the
 * dollars spent and saved. Every meter carries the tags {@code model} (the tiered model's name) and
 * {@code router} (the router type); per-tier meters also {@code tier}. No prompt or answer text is
 * ever recorded. Thread-safe; works with any {@link MeterRegistry}.
 *
 * <pre>{@code
 * TieredChatModel model = TieredChatModel.builder()
 *         .tiers(cheap, strong)
 *         .routingListener(RoutingMetrics.builder().registry(registry).modelName("support").build())
 *         .build();
 * }</pre>
 *
 * The meter names and their meaning are listed in docs/operations.md.
 */
public final class RoutingMetrics implements RoutingListener {

    /** Counter: requests, tags {@code tier} (answering tier, {@code none} when all failed) and {@code outcome}. */
    public static final String REQUESTS = "router4j.requests";
    /** Counter: tier calls that failed and handed the request on, tags {@code tier} and {@code reason}. */
    public static final String FALLBACKS = "router4j.fallbacks";
    /** Counter: rate-limited tier calls, each of which (re)starts that tier's cool-down, tag {@code tier}. */
    public static final String COOLDOWNS = "router4j.cooldowns";
    /** Counter: answers the acceptance step sent on to a stronger tier, tag {@code tier} (the one escalated from). */
    public static final String ESCALATIONS = "router4j.escalations";
    /** Counter: verdicts on tier answers, tags {@code tier} and {@code verdict} ({@code accept} / {@code escalate}). */
    public static final String VERDICTS = "router4j.acceptance.verdicts";
    /** Counter: self-evaluation votes, tags {@code tier} and {@code vote} ({@code correct} / {@code incorrect}). */
    public static final String VOTES = "router4j.self.evaluation.votes";
    /** Timer: routing before the first call (router, embedding, capability checks). */
    public static final String DECISION = "router4j.decision";
    /** Timer: a whole request, routing to answer or failure, tags {@code tier} and {@code outcome}. */
    public static final String LATENCY = "router4j.latency";
    /** Timer: one call to one tier, tags {@code tier} and {@code outcome} (answered, escalated, failed). */
    public static final String TIER_CALLS = "router4j.tier.calls";
    /** Timer: streaming only, time from a tier call to its first streamed token, tag {@code tier}. */
    public static final String TIME_TO_FIRST_TOKEN = "router4j.time.to.first.token";
    /** Summary in dollars: what each answered request cost (every call, escalations and judges included). */
    public static final String COST = "router4j.cost";
    /** Summary in dollars: per answered request, what it saved against the strongest tier (when it saved). */
    public static final String SAVING = "router4j.saving";
    /** Summary in dollars: per answered request, what it cost beyond the strongest tier (after escalations). */
    public static final String OVERSPEND = "router4j.overspend";

    private static final String DOLLARS = "dollars";

    private final MeterRegistry registry;
    private final Tags common;

    private RoutingMetrics(Builder builder) {
        this.registry = Objects.requireNonNull(builder.registry, "registry");
        this.common = Tags.of(Tag.of("model", builder.modelName), Tag.of("router", builder.routerType))
                .and(builder.extraTags);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onRouted(RoutingEvent event) {
        RoutingInfo info = event.routingInfo();
        String answeredBy = info.answeredBy().orElse("none");
        String outcome = info.answeredBy().isPresent() ? "answered" : "failed";

        counter(REQUESTS, "Requests by answering tier and outcome", tier(answeredBy).and("outcome", outcome))
                .increment();
        timer(DECISION, "Routing before the first tier call", common).record(info.decisionTime());
        timer(LATENCY, "Whole requests, routing to answer or failure", tier(answeredBy).and("outcome", outcome))
                .record(info.elapsed());

        for (TierCall call : info.calls()) {
            Tags tier = tier(call.tier());
            timer(TIER_CALLS, "Calls to one tier", tier.and("outcome", name(call.outcome())))
                    .record(call.duration());
            call.timeToFirstToken().ifPresent(ttft ->
                    timer(TIME_TO_FIRST_TOKEN, "Streaming: time to the first token", tier).record(ttft));
            if (call.outcome() == TierCall.Outcome.FAILED) {
                counter(FALLBACKS, "Failed tier calls that handed the request on",
                        tier.and("reason", failureReason(call))).increment();
                if (call.rateLimited()) {
                    counter(COOLDOWNS, "Rate-limited tier calls that (re)start a cool-down", tier).increment();
                }
                continue;
            }
            boolean escalated = call.outcome() == TierCall.Outcome.ESCALATED;
            counter(VERDICTS, "Verdicts on tier answers", tier.and("verdict", escalated ? "escalate" : "accept"))
                    .increment();
            if (escalated) {
                counter(ESCALATIONS, "Answers sent on to a stronger tier", tier).increment();
            }
            votes(call, tier);
        }

        if (info.answeredBy().isPresent()) {
            Tags tier = tier(answeredBy);
            summary(COST, "Dollars spent per answered request", tier).record(info.cost());
            double saving = info.saving();
            if (saving >= 0) {
                summary(SAVING, "Dollars saved against the strongest tier", tier).record(saving);
            } else {
                summary(OVERSPEND, "Dollars spent beyond the strongest tier", tier).record(-saving);
            }
        }
    }

    /** Votes from the verdict's details: {@code votes} counted, {@code observation} the share that said correct. */
    private void votes(TierCall call, Tags tier) {
        Double votes = call.details().get("votes");
        Double share = call.details().get("observation");
        if (votes == null || share == null || votes <= 0) {
            return;
        }
        long correct = Math.round(share * votes);
        long incorrect = Math.round(votes) - correct;
        if (correct > 0) {
            counter(VOTES, "Self-evaluation votes", tier.and("vote", "correct")).increment(correct);
        }
        if (incorrect > 0) {
            counter(VOTES, "Self-evaluation votes", tier.and("vote", "incorrect")).increment(incorrect);
        }
    }

    /** A small fixed set, so that the tag stays low-cardinality. */
    static String failureReason(TierCall call) {
        if (call.rateLimited()) {
            return "rate-limit";
        }
        Optional<Throwable> error = call.error();
        for (Throwable t = error.orElse(null); t != null; t = t.getCause()) {
            if (t instanceof EmptyAnswerException) {
                return "empty-answer";
            }
            if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
        }
        for (Throwable t = error.orElse(null); t != null; t = t.getCause()) {
            if (t instanceof HttpException) {
                return "http-error";
            }
        }
        return "error";
    }

    private static String name(TierCall.Outcome outcome) {
        return outcome.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Tags tier(String tier) {
        return common.and("tier", tier);
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    private DistributionSummary summary(String name, String description, Tags tags) {
        return DistributionSummary.builder(name).description(description).baseUnit(DOLLARS).tags(tags)
                .register(registry);
    }

    @Override
    public String toString() {
        return "RoutingMetrics" + common;
    }

    /** Builder for {@link RoutingMetrics}. */
    public static final class Builder extends TagsBuilder<Builder> {
        private MeterRegistry registry;
        private Tags extraTags = Tags.empty();

        private Builder() {
        }

        /** Where the meters go; required. */
        public Builder registry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Further tags on every meter, e.g. the application's name. */
        public Builder tags(Iterable<Tag> tags) {
            this.extraTags = Tags.of(tags);
            return this;
        }

        public RoutingMetrics build() {
            return new RoutingMetrics(this);
        }
    }
}
