package io.github.router4j.langchain4j.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.cascade.LabelledObservation;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.TierCosts;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cascade end to end with scripted tiers whose self-evaluations are drawn from known
 * distributions: question {@code q<i>} has difficulty {@code (i + 0.5) / N}; a tier answers it
 * correctly below its skill (small 0.5, medium 0.8, large 1.0); each self-evaluation vote says
 * "correct" with probability 0.9 for a correct answer and 0.2 for a wrong one (seeded per question
 * and tier, so the votes do not depend on thread timing).
 */
class CascadeScenarioTest {

    private static final int QUESTIONS = 40;
    private static final String[] NAMES = {"small", "medium", "large"};
    private static final double[] SKILL = {0.5, 0.8, 1.01};
    private static final Pattern QUESTION = Pattern.compile("q(\\d+)\\b");
    private static final MetaVerifier VERIFIER = trainedVerifier();

    private final List<SelfEvaluation> evaluations = new ArrayList<>();

    @AfterEach
    void close() {
        evaluations.forEach(SelfEvaluation::close);
    }

    static double difficulty(int question) {
        return (question + 0.5) / QUESTIONS;
    }

    /** Observations of 300 answers from the same vote distributions, as a calibration run would record. */
    private static MetaVerifier trainedVerifier() {
        Random random = new Random(11);
        List<LabelledObservation> observations = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean good = i % 2 == 0;
            int yes = 0;
            for (int k = 0; k < 8; k++) {
                yes += random.nextDouble() < (good ? 0.9 : 0.2) ? 1 : 0;
            }
            observations.add(LabelledObservation.fromVotes(yes, 8, good));
        }
        return MetaVerifier.builder().fit(observations);
    }

    /** A tier that answers questions and votes on its own answers. */
    private static ChatModel tierModel(int tier, Behaviour evaluationBehaviour) {
        Map<Integer, AtomicInteger> votesCast = new ConcurrentHashMap<>();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                String text = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
                Matcher m = QUESTION.matcher(text);
                int q = m.find() ? Integer.parseInt(m.group(1)) : -1;
                if (!text.contains("AI-generated answer")) {
                    return reply("answer to q" + q + " by " + NAMES[tier]);
                }
                int vote = votesCast.computeIfAbsent(q, k -> new AtomicInteger()).getAndIncrement();
                String special = evaluationBehaviour.apply(vote);
                if (special != null) {
                    return reply(special);
                }
                boolean correct = difficulty(q) < SKILL[tier];
                boolean yes = new java.util.SplittableRandom(q * 1_000L + tier * 100L + vote).nextDouble() < (correct ? 0.9 : 0.2);
                return reply("{\"rationale\": \"checked\", \"judgement\": " + yes + "}");
            }
        };
    }

    /** Overrides a vote: null = vote normally, else the reply text; may throw or stall. */
    @FunctionalInterface
    interface Behaviour {
        String apply(int vote);
    }

    private static ChatResponse reply(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(200, 30)).build();
    }

    private TieredChatModel cascade(AcceptancePolicy policy, Behaviour behaviour, Duration timeout) {
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tiers.add(Tier.builder().name(NAMES[i]).model(tierModel(i, behaviour))
                    .inputPricePerMillion(Math.pow(10, i)).outputPricePerMillion(3 * Math.pow(10, i)).build());
        }
        SelfEvaluation evaluation = SelfEvaluation.builder().timeout(timeout).build();
        evaluations.add(evaluation);
        return TieredChatModel.builder().tiers(tiers).acceptance(AcceptanceStep.of(evaluation, policy)).build();
    }

    private static RewardPolicy reward(double lambda) {
        return RewardPolicy.builder().metaVerifier(VERIFIER).lambda(lambda).costs(TierCosts.relative(1, 1.2, 1.5)).build();
    }

    private record Outcome(int question, String tier, double cost) {
    }

    private static List<Outcome> ask(TieredChatModel model) {
        return ask(model, QUESTIONS);
    }

    private static List<Outcome> ask(TieredChatModel model, int questions) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            AiMessage answer = model.chat(ChatRequest.builder().messages(UserMessage.from("q" + q + ": solve it")).build())
                    .aiMessage();
            assertThat(answer.text()).startsWith("answer to q" + q);
            outcomes.add(new Outcome(q, RoutingInfo.tierOf(answer).orElseThrow(), RoutingInfo.costOf(answer).orElseThrow()));
        }
        return outcomes;
    }

    private static boolean correct(Outcome o) {
        int tier = List.of(NAMES).indexOf(o.tier());
        return difficulty(o.question()) < SKILL[tier];
    }

    @Test
    void escalatesWhereTheCheapAnswerIsWrongAndStopsWhereItIsRight() {
        List<Outcome> outcomes = ask(cascade(reward(0.5), vote -> null, Duration.ofSeconds(30)));

        List<Outcome> smallCouldSolve = outcomes.stream().filter(o -> difficulty(o.question()) < SKILL[0]).toList();
        List<Outcome> smallCouldNot = outcomes.stream().filter(o -> difficulty(o.question()) >= SKILL[0]).toList();
        assertThat(smallCouldSolve.stream().filter(o -> o.tier().equals("small")).count())
                .as("easy questions kept on the small tier").isGreaterThanOrEqualTo(smallCouldSolve.size() * 8 / 10);
        assertThat(smallCouldNot.stream().filter(o -> o.tier().equals("small")).count())
                .as("hard questions answered wrongly by the small tier").isLessThanOrEqualTo(smallCouldNot.size() / 10);
        assertThat(outcomes.stream().filter(CascadeScenarioTest::correct).count())
                .as("correct final answers").isGreaterThanOrEqualTo(QUESTIONS * 85 / 100);
    }

    @Test
    void largerLambdaTradesCostForQualityMonotonically() {
        long previousEscalations = -1;
        double previousCost = -1;
        long previousCorrect = -1;
        for (double lambda : new double[] {0.05, 0.3, 0.5, 0.65, 0.8}) {
            List<Outcome> outcomes = ask(cascade(reward(lambda), vote -> null, Duration.ofSeconds(30)));
            long escalations = outcomes.stream().filter(o -> !o.tier().equals("small")).count();
            double cost = outcomes.stream().mapToDouble(Outcome::cost).sum();
            long correct = outcomes.stream().filter(CascadeScenarioTest::correct).count();

            assertThat(escalations).as("escalations at lambda %s", lambda).isGreaterThanOrEqualTo(previousEscalations);
            assertThat(cost).as("cost at lambda %s", lambda).isGreaterThanOrEqualTo(previousCost);
            assertThat(correct).as("correct answers at lambda %s", lambda).isGreaterThanOrEqualTo(previousCorrect);
            previousEscalations = escalations;
            previousCost = cost;
            previousCorrect = correct;
        }
        assertThat(previousEscalations).as("at lambda 0.8 every small answer needs P(good) > 0.96").isPositive();
    }

    @Test
    void aFlakyVerifierNeverLosesTheRequest() {
        // votes cycle through: malformed JSON, an exception, a stall past the timeout, a normal vote
        Behaviour flaky = vote -> switch (vote % 4) {
            case 0 -> "{\"rationale\": \"the answer is corr";
            case 1 -> throw new IllegalStateException("verifier crashed");
            case 2 -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield "too late";
            }
            default -> null;
        };
        List<Outcome> outcomes = ask(cascade(reward(0.5), flaky, Duration.ofMillis(300)), 10);

        assertThat(outcomes).hasSize(10).allSatisfy(o -> assertThat(o.tier()).isIn((Object[]) NAMES));
    }

    @Test
    void whenNoVoteCountsTheRequestEscalatesAndIsStillAnswered() {
        List<Outcome> outcomes = ask(cascade(reward(0.5), vote -> "no verdict here", Duration.ofSeconds(30)));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.tier()).isEqualTo("large"));
    }
}
