package io.github.router4j.langchain4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SelfEvaluationTest {

    private static final String YES = "{\"rationale\": \"6 x 7 = 42\", \"judgement\": true}";
    private static final String NO = "{\"rationale\": \"6 x 7 is not 41\", \"judgement\": false}";

    private final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    private final List<TokenUsage> booked = new CopyOnWriteArrayList<>();
    private SelfEvaluation evaluation;

    @AfterEach
    void close() {
        if (evaluation != null) {
            evaluation.close();
        }
    }

    /** A model whose reply to the {@code n}-th evaluation call (0-based) is {@code script(n)}. */
    private ChatModel model(Function<Integer, String> script) {
        AtomicInteger calls = new AtomicInteger();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                received.add(request);
                String text = script.apply(calls.getAndIncrement());
                return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(100, 20)).build();
            }
        };
    }

    private Evidence gather(ChatModel model, Set<TierCapability> capabilities, SelfEvaluation.Builder builder) {
        evaluation = builder.build();
        Tier tier = Tier.builder().name("small").model(model).inputPricePerMillion(1).outputPricePerMillion(2)
                .capabilities(capabilities).build();
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from("You are a calculator."), UserMessage.from("What is 6 x 7?")).build();
        ChatResponse answer = ChatResponse.builder().aiMessage(AiMessage.from("42")).build();
        AcceptanceContext context = AcceptanceContext.of(request, answer, tier, List.of(tier),
                RoutingRequest.of("What is 6 x 7?"), (t, usage) -> booked.add(usage));
        return evaluation.gather(context);
    }

    private Evidence gather(ChatModel model) {
        return gather(model, Set.of(), SelfEvaluation.builder());
    }

    @Test
    void asksTheTierKTimesAtTemperatureOneAndReportsTheShareOfCorrectVotes() {
        Evidence evidence = gather(model(n -> n < 6 ? YES : NO));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).hasValue(0.75);
        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(8);
        assertThat(evidence.get(SelfEvaluation.FAILED)).hasValue(0);
        assertThat(received).hasSize(8).allSatisfy(r -> assertThat(r.temperature()).isEqualTo(1.0));
        assertThat(booked).as("self-evaluation tokens go on the request's bill").hasSize(8);
    }

    @Test
    void thePromptCarriesContextQuestionAndAnswer() {
        gather(model(n -> YES), Set.of(), SelfEvaluation.builder().samples(1)
                .prompt("Q={{question}} A={{answer}} C={{context}} -> verdict?"));

        String prompt = ((UserMessage) received.get(0).messages().get(0)).singleText();
        assertThat(prompt).isEqualTo("Q=What is 6 x 7? A=42 C=System: You are a calculator. -> verdict?");
    }

    @Test
    void requestsTheJsonSchemaVerdictOnlyFromTiersThatSupportIt() {
        gather(model(n -> YES), Set.of(TierCapability.RESPONSE_FORMAT_JSON_SCHEMA), SelfEvaluation.builder().samples(1));
        gather(model(n -> YES), Set.of(TierCapability.RESPONSE_FORMAT_JSON), SelfEvaluation.builder().samples(1));

        assertThat(received.get(0).responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(received.get(0).responseFormat().jsonSchema().name()).isEqualTo("self_evaluation_verdict");
        assertThat(received.get(1).responseFormat()).isNull();
        assertThat(((UserMessage) received.get(1).messages().get(0)).singleText()).contains("\"judgement\"");
    }

    @Test
    void readsVerdictsFromPlainTextLeniently() {
        Evidence evidence = gather(model(n -> n % 2 == 0 ? "Looks right.\nVerdict: Correct" : "Judgement: incorrect"));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).hasValue(0.5);
    }

    @Test
    void anUnparsableSampleIsRetriedOnce() {
        // a sample retries on its own thread (pool threads are reused by later samples): three samples get a
        // truncated reply first, their retries parse
        AtomicInteger truncated = new AtomicInteger();
        ThreadLocal<Boolean> retryDue = ThreadLocal.withInitial(() -> false);
        Evidence evidence = gather(model(n -> {
            if (retryDue.get()) {
                retryDue.set(false);
                return YES;
            }
            if (truncated.getAndUpdate(t -> Math.min(t + 1, 3)) < 3) {
                retryDue.set(true);
                return "{\"rationale\": \"trunc";
            }
            return YES;
        }));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(8);
        assertThat(received).hasSize(11);
        assertThat(booked).hasSize(11);
    }

    @Test
    void samplesThatFailTwiceAreLeftOutAndTheRestCount() {
        AtomicInteger calls = new AtomicInteger();
        ChatModel flaky = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                int n = calls.getAndIncrement();
                if (n % 3 == 0) {
                    throw new RuntimeException("HTTP 500");
                }
                return ChatResponse.builder().aiMessage(AiMessage.from(n % 3 == 1 ? "no idea" : YES)).build();
            }
        };
        Evidence evidence = gather(flaky);

        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES).getAsDouble()).isBetween(1.0, 7.0);
        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES).getAsDouble() + evidence.get(SelfEvaluation.FAILED).getAsDouble())
                .isEqualTo(8);
        assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).hasValue(1.0);
    }

    @Test
    void withoutAnyCountedVoteThereIsNoShare() {
        Evidence evidence = gather(model(n -> "I cannot tell."));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).isEmpty();
        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(0);
        assertThat(evidence.get(SelfEvaluation.FAILED)).hasValue(8);
        assertThat(received).as("each sample retried once").hasSize(16);
    }

    @Test
    void theKSamplesRunConcurrently() {
        CyclicBarrier allEight = new CyclicBarrier(8);
        ChatModel needsCompany = model(n -> {
            try {
                allEight.await(10, TimeUnit.SECONDS);
                return YES;
            } catch (Exception e) {
                throw new IllegalStateException("samples did not run concurrently", e);
            }
        });

        assertThat(gather(needsCompany).get(Evidence.SELF_EVALUATION_VOTES)).hasValue(8);
    }

    @Test
    void samplesStillRunningAtTheTimeoutAreLeftOut() {
        ChatModel slowTail = model(n -> {
            if (n >= 5) {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return YES;
        });
        Evidence evidence = gather(slowTail, Set.of(), SelfEvaluation.builder().timeout(Duration.ofMillis(1500)));

        assertThat(evidence.get(Evidence.SELF_EVALUATION_VOTES)).hasValue(5);
        assertThat(evidence.get(SelfEvaluation.FAILED)).hasValue(3);
        assertThat(evidence.get(Evidence.SELF_EVALUATION_SHARE)).hasValue(1.0);
    }

    @Test
    void anEmptyAnswerIsNotEvaluated() {
        evaluation = SelfEvaluation.builder().build();
        Tier tier = Tier.builder().name("small").model(model(n -> YES)).build();
        AcceptanceContext context = AcceptanceContext.of(ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                ChatResponse.builder().aiMessage(AiMessage.from(" ")).build(), tier, List.of(tier),
                RoutingRequest.of("hi"), (t, u) -> { });

        assertThat(evaluation.gather(context).get(Evidence.SELF_EVALUATION_SHARE)).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> SelfEvaluation.builder().samples(0).build()).hasMessage("samples: expected at least 1, got 0");
        assertThatThrownBy(() -> SelfEvaluation.builder().prompt("Is it right?").build()).hasMessageContaining("{{answer}}");
        assertThatThrownBy(() -> SelfEvaluation.builder().timeout(Duration.ZERO).build()).hasMessageStartingWith("timeout");
    }
}
