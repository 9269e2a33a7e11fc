package io.github.router4j.learned;

import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.trace.RoutingTrace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recorded requests with the quality each model reached, the models ordered like the tiers they
 * stand for: cheapest (weak) first, strongest last. Two-tier routers compare the first with the last.
 *
 * @param models   model names, cheap to strong; at least two, unique
 * @param examples the requests; each carries one quality per model
 */
public record TrainingSet(List<String> models, List<TrainingExample> examples) {

    public TrainingSet {
        models = List.copyOf(models);
        examples = List.copyOf(examples);
        if (models.size() < 2) {
            throw new IllegalArgumentException("a training set needs at least two models, got " + models);
        }
        if (new HashSet<>(models).size() != models.size()) {
            throw new IllegalArgumentException("model names must be unique, got " + models);
        }
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample e = Objects.requireNonNull(examples.get(i), "example " + i);
            if (e.quality().length != models.size()) {
                throw new IllegalArgumentException("example " + i + " has " + e.quality().length
                        + " quality values, expected one per model " + models);
            }
        }
    }

    /** A training set for two models, weak then strong. */
    public static TrainingSet of(String weak, String strong, List<TrainingExample> examples) {
        return new TrainingSet(List.of(weak, strong), examples);
    }

    /**
     * The training set of recorded results for {@code models} (cheap to strong); a model missing on a request gets
     * quality {@code NaN}. {@code embedder} gives the embedding of a prompt (e.g. a cached embedding model), or is
     * {@code null} for routers that use text features only.
     */
    public static TrainingSet from(RecordedResults data, List<String> models, Function<String, float[]> embedder) {
        return from(data, models, embedder, SharedTemplate.none());
    }

    /**
     * Like {@link #from(RecordedResults, List, Function)}, with {@code template} removed from every prompt
     * before it becomes the example's text and is embedded (wrap the trained router with
     * {@link LearnedRouters#withTemplate} so routing removes it too).
     */
    public static TrainingSet from(RecordedResults data, List<String> models, Function<String, float[]> embedder,
                                   SharedTemplate template) {
        List<String> known = data.modelNames();
        for (String m : models) {
            if (!known.contains(m)) {
                throw new IllegalArgumentException(data.source() + ": unknown model '" + m + "'; the data has " + known);
            }
        }
        for (String m : models) {
            if (data.requests().stream().noneMatch(r -> r.has(m))) {
                throw new IllegalArgumentException(data.source() + ": model '" + m + "' has no recorded results");
            }
        }
        List<TrainingExample> examples = new ArrayList<>(data.size());
        for (RecordedRequest r : data) {
            double[] q = new double[models.size()];
            for (int j = 0; j < q.length; j++) {
                q[j] = r.has(models.get(j)) ? r.quality(models.get(j)) : Double.NaN;
            }
            String text = template.strip(r.prompt());
            examples.add(new TrainingExample(text, embedder == null ? null : embedder.apply(text), q));
        }
        return new TrainingSet(models, examples);
    }

    /**
     * A training set taught by the cascade's own traces, for a pre-call router that sends requests the cascade would
     * escalate straight to a stronger tier: a trace whose cheapest tier's answer was escalated, or returned and then
     * judged bad, is an example where the strong tier is needed (weak quality 0, strong 1); one whose cheap answer was
     * kept is an example where it is not (1, 1). Traces that say nothing about the cheapest tier (it was not tried, or
     * failed) and traces without a prompt embedding are left out and counted. The text of an example is the recorded
     * prompt, or empty when prompts were not recorded.
     */
    public static FromTraces fromTraces(List<RoutingTrace> traces) {
        List<TrainingExample> examples = new ArrayList<>();
        String cheapest = null;
        String strongest = null;
        int strongestIndex = 0;
        int unlabelled = 0;
        int withoutEmbedding = 0;
        int dimension = -1;
        for (RoutingTrace t : traces) {
            Optional<Boolean> enough = t.cheapestWasGoodEnough();
            if (enough.isEmpty()) {
                unlabelled++;
                continue;
            }
            if (t.promptEmbedding().length == 0 || dimension >= 0 && t.promptEmbedding().length != dimension) {
                withoutEmbedding++;
                continue;
            }
            dimension = t.promptEmbedding().length;
            for (RoutingTrace.Step step : t.steps()) {
                if (step.index() == 0 && cheapest == null) {
                    cheapest = step.tier();
                }
                if (step.index() > strongestIndex) {
                    strongestIndex = step.index();
                    strongest = step.tier();
                }
            }
            examples.add(TrainingExample.of(t.prompt().orElse(""), t.promptEmbedding(), enough.get() ? 1 : 0, 1));
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no trace says whether the cheapest tier was good enough ("
                    + unlabelled + " without a cheapest-tier answer, " + withoutEmbedding + " without an embedding)");
        }
        if (strongest == null || strongest.equals(cheapest)) {
            strongest = "stronger than " + cheapest;
        }
        boolean allPrompts = traces.stream().allMatch(t -> t.prompt().isPresent());
        return new FromTraces(of(cheapest, strongest, examples), unlabelled, withoutEmbedding, allPrompts);
    }

    /**
     * What {@link #fromTraces(List)} made of a list of traces.
     *
     * @param set              the examples: cheapest tier vs the strongest tier seen
     * @param unlabelled       traces left out because the cheapest tier gave no answer
     * @param withoutEmbedding traces left out for lack of a prompt embedding (or one of another dimension)
     * @param withPrompts      whether every trace recorded its prompt, so text features can be used
     */
    public record FromTraces(TrainingSet set, int unlabelled, int withoutEmbedding, boolean withPrompts) {
    }

    public int size() {
        return examples.size();
    }

    /**
     * Model pairs left out of training because a request lacks one of the two results: summed over requests, the
     * number of pairs (a, b), a &lt; b, with {@code NaN} quality for a or b. Pairwise routers skip them; per-model
     * routers use every result a request has.
     */
    public long skippedPairs() {
        long skipped = 0;
        int m = models.size();
        for (TrainingExample e : examples) {
            int missing = 0;
            for (double q : e.quality()) {
                if (Double.isNaN(q)) {
                    missing++;
                }
            }
            skipped += (long) missing * (m - missing) + (long) missing * (missing - 1) / 2;
        }
        return skipped;
    }

    public int weak() {
        return 0;
    }

    public int strong() {
        return models.size() - 1;
    }

    /** The examples at the given positions, e.g. one fold of a k-fold split. */
    public TrainingSet subset(int[] indices) {
        List<TrainingExample> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(examples.get(i));
        }
        return new TrainingSet(models, out);
    }

    /** The embedding dimension shared by all examples. */
    int embeddingDimension(String router) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(router + ": the training set is empty");
        }
        int d = -1;
        for (int i = 0; i < examples.size(); i++) {
            float[] e = examples.get(i).embedding();
            if (e == null) {
                throw new IllegalArgumentException(router + " needs embeddings, but example " + i + " has none");
            }
            if (d < 0) {
                d = e.length;
            } else if (e.length != d) {
                throw new IllegalArgumentException(router + ": example " + i + " has a " + e.length
                        + "-dimensional embedding, earlier ones " + d);
            }
        }
        return d;
    }
}
