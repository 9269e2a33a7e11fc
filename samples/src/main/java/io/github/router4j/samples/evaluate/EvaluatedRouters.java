package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.eval.OracleRouter;
import io.github.router4j.core.eval.RandomRouter;
import io.github.router4j.core.eval.SubjectPriorRouter;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.ClassifierRouter.Algorithm;
import io.github.router4j.learned.KnnRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.QualityShrinkage;
import io.github.router4j.learned.SharedTemplate;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The routers {@code evaluate} knows, by {@code --router} name. Adding one is one line in
 * {@link #REGISTRY}.
 */
final class EvaluatedRouters {

    private static final Predicate<RecordedResults> ANY = data -> true;
    private static final Predicate<RecordedResults> HAS_SUBJECT =
            data -> data.requests().stream().allMatch(r -> r.attribute(RouteLlmData.SUBJECT).isPresent());

    private static final List<EvaluatedRouter> REGISTRY = List.of(
            new EvaluatedRouter("random", "uniform random score per request (the 0.5 APGR baseline)", false, ANY,
                    c -> new RandomRouter(c.seed())),
            new EvaluatedRouter("oracle", "knows every outcome: the upper bound, not a real router", false, ANY,
                    c -> new OracleRouter(c.evaluation().requests(), c.weak(), c.strong())),
            new EvaluatedRouter("subject-prior", "MMLU subject label -> mean strong advantage on the training folds",
                    false, HAS_SUBJECT, c -> SubjectPriorRouter.train(c.training().requests(), RouteLlmData.SUBJECT,
                    c.weak(), c.strong())),
            learned("classifier-logreg", "Smile logistic regression on MiniLM embeddings + text features",
                    (c, set, perModel) -> ClassifierRouter.train(set,
                            classifier(c, perModel, Algorithm.LOGISTIC_REGRESSION))),
            learned("classifier-gbt", "Smile gradient tree boosting on MiniLM embeddings + text features",
                    (c, set, perModel) -> ClassifierRouter.train(set,
                            classifier(c, perModel, Algorithm.GRADIENT_BOOSTING))),
            learned("classifier-mlp", "one-hidden-layer MLP on MiniLM embeddings + text features",
                    (c, set, perModel) -> ClassifierRouter.train(set, classifier(c, perModel, Algorithm.MLP))),
            learned("sw-bt", "similarity-weighted Bradley-Terry (RouteLLM SW ranking), gamma 10",
                    (c, set, perModel) -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build())),
            learned("mf", "matrix factorisation (RouteLLM's strongest router) on MiniLM embeddings",
                    (c, set, perModel) -> MatrixFactorizationRouter.train(set, MatrixFactorizationRouter.options()
                            .seed(c.seed()).build())),
            learned("knn", "mean quality of each model over the 100 nearest training prompts (MiniLM)",
                    (c, set, perModel) -> KnnRouter.train(set, SwBradleyTerryRouter.options().build())),
            learned("knn-cv", "knn with its neighbours (10-200) and its shrinkage toward each model's training mean"
                    + " chosen by 3 x 5-fold cross-validation on the training data",
                    (c, set, perModel) -> tunedKnn(c, set)),
            CascadeRouters.codeVerifier(),
            CascadeRouters.verifier(),
            CascadeRouters.hybrid());

    /**
     * A learned router: for the binary metrics trained on the weak and strong models, for the N-tier ones on every
     * model (the classifiers then learn P(good) per model).
     */
    private static EvaluatedRouter learned(String name, String description,
                                           LearnedTrainer trainer) {
        return new EvaluatedRouter(name, description, true, ANY,
                c -> templated(c, List.of(c.weak(), c.strong()), false, trainer)::strongProbability,
                c -> templated(c, c.models(), true, trainer));
    }

    /** Trains a learned router on a training set; {@code perModel}: it must predict every model's quality. */
    @FunctionalInterface
    private interface LearnedTrainer {
        LearnedRouter train(EvaluatedRouter.Context context, TrainingSet set, boolean perModel);
    }

    /** Trained without the training prompts' shared template, which it then removes from every routing text. */
    private static LearnedRouter templated(EvaluatedRouter.Context c, List<String> models, boolean perModel,
                                           LearnedTrainer trainer) {
        SharedTemplate template = c.sharedTemplate();
        TrainingSet set = TrainingSet.from(c.training(), models, c.embedder(), template);
        return LearnedRouters.withTemplate(trainer.train(c, set, perModel), template);
    }

    private static LearnedRouter tunedKnn(EvaluatedRouter.Context c, TrainingSet set) {
        QualityShrinkage.Tuned tuned = KnnRouter.tuned(set, SwBradleyTerryRouter.options().build(),
                QualityShrinkage.FOLDS, QualityShrinkage.ROUNDS, c.seed());
        c.log().accept(String.format("evaluate: knn-cv chose %d neighbours, shrinkage weight %.3f (%d x %d-fold"
                        + " quality of the predicted best model %.4f on %d training requests)",
                KnnRouter.NEIGHBOURS.get(tuned.candidate()), tuned.shrinkage().weight(), QualityShrinkage.ROUNDS,
                QualityShrinkage.FOLDS, tuned.crossValidatedQuality(), set.size()));
        return tuned.router();
    }

    private static ClassifierRouter.Options classifier(EvaluatedRouter.Context c, boolean perModel,
                                                       Algorithm algorithm) {
        return ClassifierRouter.options().algorithm(algorithm).seed(c.seed())
                .target(perModel ? ClassifierRouter.Target.QUALITY_PER_MODEL : ClassifierRouter.Target.STRONG_BETTER)
                .build();
    }

    /** Left out of {@code all}: its nested cross-validation costs minutes on tens of thousands of prompts. */
    private static final java.util.Set<String> NAMED_ONLY = java.util.Set.of("knn-cv");

    private EvaluatedRouters() {
    }

    static List<EvaluatedRouter> all() {
        return REGISTRY;
    }

    /**
     * The routers named in a {@code --router} value (comma-separated; {@code all} = every router
     * applicable to {@code data} except {@code knn-cv}, which is run only by name).
     */
    static List<EvaluatedRouter> select(List<String> names, RecordedResults data) {
        Map<String, EvaluatedRouter> byName = new LinkedHashMap<>();
        REGISTRY.forEach(r -> byName.put(r.name(), r));
        List<EvaluatedRouter> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("all")) {
                REGISTRY.stream().filter(r -> r.applicable().test(data) && !out.contains(r)
                        && !NAMED_ONLY.contains(r.name())).forEach(out::add);
                continue;
            }
            EvaluatedRouter r = byName.get(name);
            if (r == null) {
                throw new IllegalArgumentException("unknown router '" + name + "'; known: " + byName.keySet()
                        + " or all");
            }
            if (!r.applicable().test(data)) {
                throw new IllegalArgumentException("router '" + name + "' cannot run on " + data.source()
                        + ": " + r.description());
            }
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no router selected");
        }
        return out;
    }
}
