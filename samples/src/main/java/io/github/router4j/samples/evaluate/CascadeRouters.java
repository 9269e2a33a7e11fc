package io.github.router4j.samples.evaluate;

import io.github.router4j.core.Evidence;
import io.github.router4j.core.cascade.StackedPGood;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.eval.StrongScorer;
import io.github.router4j.core.scoring.ArithmeticConsistencyScorer;
import io.github.router4j.core.scoring.FinalAnswerFormatScorer;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.learned.langchain4j.AnswerSignals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Weak-then-strong cascades on recorded answers: the weak model always answers (its call is always
 * paid), then a score of its recorded answer decides whether the strong model is called too. Each
 * router's score is P(the weak answer is poor) or a code-check penalty; the threshold sweep turns it
 * into escalation shares.
 */
public final class CascadeRouters {

    /** Data where at least one model's answers are recorded. */
    static final Predicate<RecordedResults> HAS_ANSWERS = data -> data.requests().stream()
            .anyMatch(r -> r.models().values().stream().anyMatch(m -> m.answer().isPresent()));

    private static final List<String> SIGNALS = AnswerSignals.NAMES;
    private static final FinalAnswerFormatScorer FORMAT = new FinalAnswerFormatScorer();
    private static final int INNER_FOLDS = 3;

    private CascadeRouters() {
    }

    static EvaluatedRouter codeVerifier() {
        return new EvaluatedRouter("code-verifier-cascade", "weak answer, escalate on failed code checks"
                + " (arithmetic recomputed, '#### n' line), shorter answers first", false, HAS_ANSWERS,
                c -> scorer(c, answer -> codePenalty(answer)), true, false);
    }

    static EvaluatedRouter verifier() {
        return new EvaluatedRouter("verifier-cascade", "weak answer, escalate when the learned answer verifier's"
                + " P(good) is low (MiniLM prompt+answer embeddings + answer features, logistic regression)", true,
                HAS_ANSWERS, c -> {
                    AnswerVerifier verifier = trainVerifier(c, c.training());
                    return scorer(c, (r, answer) -> 1 - pGood(verifier, c, r.prompt(), answer));
                }, true, true);
    }

    static EvaluatedRouter hybrid() {
        return new EvaluatedRouter("hybrid", "weak answer, escalate on a stacked P(good): pre-call classifier +"
                + " answer verifier + code checks (+ self-evaluation share where recorded)", true, HAS_ANSWERS,
                CascadeRouters::trainHybrid, true, true);
    }

    /** Failed format checks weigh most, then wrong arithmetic, then length (longer answers are worse). */
    public static double codePenalty(String answer) {
        double format = FORMAT.score(answer, "").value();
        double arithmetic = ArithmeticConsistencyScorer.check(answer).consistency();
        return 2 * (1 - format) + (1 - arithmetic) + Math.min(1, Math.log1p(answer.length()) / 10);
    }

    private interface AnswerScore {
        double score(RecordedRequest request, String weakAnswer);
    }

    private static StrongScorer scorer(EvaluatedRouter.Context c, java.util.function.ToDoubleFunction<String> f) {
        return scorer(c, (r, answer) -> f.applyAsDouble(answer));
    }

    /** Looks each held-out request up by its prompt; a request without a weak answer is escalated and counted. */
    private static StrongScorer scorer(EvaluatedRouter.Context c, AnswerScore score) {
        Map<String, RecordedRequest> byPrompt = new HashMap<>();
        c.evaluation().forEach(r -> byPrompt.putIfAbsent(r.prompt(), r));
        AtomicInteger missing = new AtomicInteger();
        return request -> {
            RecordedRequest r = byPrompt.get(request.text());
            Optional<String> answer = r == null ? Optional.empty() : weakAnswer(r, c.weak());
            if (answer.isEmpty()) {
                if (missing.incrementAndGet() == 1) {
                    System.err.println("evaluate: a held-out request has no recorded answer of " + c.weak()
                            + "; it is escalated (first: " + (r == null ? "unknown prompt" : r.id()) + ")");
                }
                return 10;
            }
            return score.score(r, answer.get());
        };
    }

    private static Optional<String> weakAnswer(RecordedRequest r, String weak) {
        return r.result(weak).flatMap(ModelResult::answer);
    }

    private static AnswerVerifier trainVerifier(EvaluatedRouter.Context c, RecordedResults training) {
        AnswerVerifier.Examples examples = AnswerVerifier.examples(training, List.of(c.weak()), c.embedder());
        if (examples.withoutAnswer() > 0) {
            System.err.println("evaluate: answer verifier: " + examples.withoutAnswer() + " training results of "
                    + c.weak() + " have no answer and were skipped");
        }
        return AnswerVerifier.train(examples.examples(), ClassifierRouter.options().seed(c.seed()).build());
    }

    private static double pGood(AnswerVerifier verifier, EvaluatedRouter.Context c, String prompt, String answer) {
        return verifier.pGood(prompt, c.embedder().apply(prompt), answer, c.embedder().apply(answer));
    }

    private static LearnedRouter trainPreCall(EvaluatedRouter.Context c, RecordedResults training) {
        return ClassifierRouter.train(TrainingSet.from(training, List.of(c.weak(), c.strong()), c.embedder()),
                ClassifierRouter.options().seed(c.seed()).build());
    }

    private static double[] signals(LearnedRouter preCall, AnswerVerifier verifier, EvaluatedRouter.Context c,
                                    RecordedRequest r, String answer, boolean observed) {
        Evidence e = AnswerSignals.builder().verifier(verifier, c.embedder()).preCallRouter(preCall).build()
                .of(Evaluation.routingRequest(r, c.embedder()), answer);
        double[] s = new double[SIGNALS.size() + (observed ? 1 : 0)];
        for (int i = 0; i < SIGNALS.size(); i++) {
            s[i] = e.get(SIGNALS.get(i)).getAsDouble();
        }
        if (observed) {
            s[SIGNALS.size()] = r.result(c.weak()).orElseThrow().observation().getAsDouble();
        }
        return s;
    }

    /**
     * Signals of the training requests from models that did not see them ({@value #INNER_FOLDS}-fold), the
     * stack fitted on those, then the pre-call router and verifier retrained on all training requests.
     */
    private static StrongScorer trainHybrid(EvaluatedRouter.Context c) {
        RecordedResults training = c.training().subset(withAnswer(c.training(), c.weak()));
        boolean observed = training.requests().stream().allMatch(r -> r.result(c.weak()).orElseThrow()
                .observation().isPresent()) && c.evaluation().requests().stream()
                .allMatch(r -> r.result(c.weak()).map(m -> m.observation().isPresent()).orElse(false));
        List<String> names = new ArrayList<>(SIGNALS);
        if (observed) {
            names.add("self_evaluation_share");
        }
        double[][] x = new double[training.size()][];
        boolean[] good = new boolean[training.size()];
        Folds folds = Folds.split(training.size(), INNER_FOLDS, c.seed());
        for (int f = 0; f < INNER_FOLDS; f++) {
            RecordedResults inner = training.subset(folds.train(f));
            LearnedRouter preCall = trainPreCall(c, inner);
            AnswerVerifier verifier = trainVerifier(c, inner);
            for (int i : folds.test(f)) {
                RecordedRequest r = training.get(i);
                x[i] = signals(preCall, verifier, c, r, weakAnswer(r, c.weak()).orElseThrow(), observed);
                good[i] = r.quality(c.weak()) >= 0.5;
            }
        }
        StackedPGood stack = StackedPGood.fit(names, x, good, 1e-3);
        LearnedRouter preCall = trainPreCall(c, training);
        AnswerVerifier verifier = trainVerifier(c, training);
        return scorer(c, (r, answer) -> 1 - stack.pGood(signals(preCall, verifier, c, r, answer, observed)));
    }

    private static int[] withAnswer(RecordedResults data, String model) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (weakAnswer(data.get(i), model).isPresent()) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }
}
