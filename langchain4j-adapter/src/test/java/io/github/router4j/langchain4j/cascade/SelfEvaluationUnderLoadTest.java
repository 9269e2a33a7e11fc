package io.github.router4j.langchain4j.cascade;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.cascade.ThresholdPolicy;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Self-evaluation votes with many requests at once, votes cancelled mid-retry, and closing. */
class SelfEvaluationUnderLoadTest {

    private static final String YES = "{\"rationale\": \"fine\", \"judgement\": true}";

    private final AtomicInteger votes = new AtomicInteger();
    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
        votes.incrementAndGet();
        return Reply.text(YES).withDelay(Duration.ofMillis(200)).withUsage(50, 10);
    });
    private SelfEvaluation evaluation;

    @AfterEach
    void close() {
        server.close();
        if (evaluation != null) {
            evaluation.close();
        }
    }

    private Tier tier() {
        ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("small")
                .maxRetries(0).timeout(Duration.ofSeconds(10)).build();
        return Tier.builder().name("small").model(model).inputPricePerMillion(1).outputPricePerMillion(2).build();
    }

    private static AcceptanceContext context(Tier tier, List<TokenUsage> booked) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("What is 6 x 7?")).build();
        ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("42")).build();
        return AcceptanceContext.of(request, response, tier, List.of(tier),
                RoutingRequest.builder().text("What is 6 x 7?").build(), (t, usage) -> booked.add(usage));
    }

    @Test
    void sixteen_requests_at_once_all_get_their_four_votes_within_a_deadline_shorter_than_the_queue_would_take()
            throws Exception {
        // 64 votes of 200 ms each: on 4 shared threads the last would start after 3 s, past the 1 s deadline.
        evaluation = SelfEvaluation.builder().samples(4).timeout(Duration.ofSeconds(1)).build();
        Tier tier = tier();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Evidence>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(callers.submit(() -> evaluation.gather(context(tier, new CopyOnWriteArrayList<>()))));
            }
            for (Future<Evidence> result : results) {
                Evidence evidence = result.get();
                assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(4.0);
                assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).hasValue(1.0);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_vote_cancelled_during_its_retry_still_books_the_first_attempt() {
        Tier tier = tier();
        tier.model().chat("warm up the client"); // so that the deadline measures the vote, not class loading
        server.clearBills();
        server.failNext("small", Reply.text("I cannot decide.").withUsage(70, 5));
        server.failNext("small", Reply.noResponse(Duration.ofSeconds(5)));
        evaluation = SelfEvaluation.builder().samples(1).timeout(Duration.ofMillis(1500)).build();
        List<TokenUsage> booked = new CopyOnWriteArrayList<>();

        Evidence evidence = evaluation.gather(context(tier, booked));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(0.0);
        assertThat(booked).singleElement().satisfies(u -> {
            assertThat(u.inputTokenCount()).isEqualTo(70);
            assertThat(u.outputTokenCount()).isEqualTo(5);
        });
        assertThat(server.billed("small").inputTokens()).isEqualTo(70);
    }

    @Test
    void closing_the_tiered_model_closes_the_self_evaluation_threads() throws Exception {
        evaluation = SelfEvaluation.builder().samples(3).timeout(Duration.ofSeconds(5)).build();
        Tier small = tier();
        TieredChatModel model = TieredChatModel.builder()
                .tiers(small, Tier.builder().name("large").model(OpenAiChatModel.builder().baseUrl(server.baseUrl())
                        .apiKey("local").modelName("large").maxRetries(0).build()).build())
                .acceptance(AcceptanceStep.of(evaluation, ThresholdPolicy.onShare(0.5)))
                .build();
        Set<Thread> before = selfEvaluationThreads();
        model.chat(ChatRequest.builder().messages(UserMessage.from("What is 6 x 7?")).build());
        Set<Thread> started = selfEvaluationThreads();
        started.removeAll(before);
        assertThat(started).hasSize(3);

        model.close();

        for (int i = 0; i < 250 && started.stream().anyMatch(Thread::isAlive); i++) {
            Thread.sleep(20);
        }
        assertThat(started).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> evaluation.gather(context(small, new CopyOnWriteArrayList<>())))
                .isInstanceOf(RejectedExecutionException.class);
    }

    private static Set<Thread> selfEvaluationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("router4j-self-evaluation-"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
