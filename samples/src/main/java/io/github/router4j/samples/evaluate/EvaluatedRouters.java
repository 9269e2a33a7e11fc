package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.eval.OracleRouter;
import io.github.router4j.core.eval.RandomRouter;
import io.github.router4j.core.eval.SubjectPriorRouter;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.ClassifierRouter.Algorithm;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.SharedTemplate;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
                    (c, set) -> ClassifierRouter.train(set, classifier(c, Algorithm.LOGISTIC_REGRESSION))),
            learned("classifier-gbt", "Smile gradient tree boosting on MiniLM embeddings + text features",
                    (c, set) -> ClassifierRouter.train(set, classifier(c, Algorithm.GRADIENT_BOOSTING))),
            learned("classifier-mlp", "one-hidden-layer MLP on MiniLM embeddings + text features",
                    (c, set) -> ClassifierRouter.train(set, classifier(c, Algorithm.MLP))),
            learned("sw-bt", "similarity-weighted Bradley-Terry (RouteLLM SW ranking), gamma 10",
                    (c, set) -> SwBradleyTerryRouter.train(set, SwBradleyTerryRouter.options().build())),
            learned("mf", "matrix factorisation (RouteLLM's strongest router) on MiniLM embeddings",
                    (c, set) -> MatrixFactorizationRouter.train(set, MatrixFactorizationRouter.options().seed(c.seed())
                            .build())));

    private static EvaluatedRouter learned(String name, String description,
                                           BiFunction<EvaluatedRouter.Context, TrainingSet, LearnedRouter> trainer) {
        return new EvaluatedRouter(name, description, true, ANY, c -> {
            SharedTemplate template = c.sharedTemplate();
            TrainingSet set = TrainingSet.from(c.training(), List.of(c.weak(), c.strong()), c.embedder(), template);
            return LearnedRouters.withTemplate(trainer.apply(c, set), template)::strongProbability;
        });
    }

    private static ClassifierRouter.Options classifier(EvaluatedRouter.Context c, Algorithm algorithm) {
        return ClassifierRouter.options().algorithm(algorithm).seed(c.seed()).build();
    }

    private EvaluatedRouters() {
    }

    static List<EvaluatedRouter> all() {
        return REGISTRY;
    }

    /**
     * The routers named in a {@code --router} value (comma-separated; {@code all} = every router
     * applicable to {@code data}).
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
                REGISTRY.stream().filter(r -> r.applicable().test(data) && !out.contains(r)).forEach(out::add);
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
