package io.github.router4j.samples.evaluate;

import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.eval.OracleRouter;
import io.github.router4j.core.eval.RandomRouter;
import io.github.router4j.core.eval.SubjectPriorRouter;

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
                    c.weak(), c.strong())));

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
