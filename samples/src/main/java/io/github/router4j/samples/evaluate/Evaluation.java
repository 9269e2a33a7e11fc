package io.github.router4j.samples.evaluate;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.eval.StrongScorer;
import io.github.router4j.samples.cli.ProgressBar;

import java.util.function.Function;

/**
 * Runs one router over a data set so that every request is scored exactly once by a router that
 * never saw it: k-fold cross-validation, or training on a separate set.
 */
final class Evaluation {

    private final RecordedResults data;
    private final String weak;
    private final String strong;
    private final Function<String, float[]> embedder;
    private final long seed;
    private final boolean template;

    Evaluation(RecordedResults data, String weak, String strong, Function<String, float[]> embedder, long seed) {
        this(data, weak, strong, embedder, seed, true);
    }

    /** @param template whether learned routers remove the training prompts' shared template */
    Evaluation(RecordedResults data, String weak, String strong, Function<String, float[]> embedder, long seed,
               boolean template) {
        this.data = data;
        this.weak = weak;
        this.strong = strong;
        this.embedder = embedder;
        this.seed = seed;
        this.template = template;
    }

    /** Scores of every request, each from the router trained on the other {@code k − 1} folds. */
    double[] crossValidated(EvaluatedRouter router, int k) {
        Folds folds = Folds.split(data.size(), k, seed);
        double[] scores = new double[data.size()];
        try (ProgressBar bar = new ProgressBar(router.name() + " " + k + "-fold", data.size())) {
            for (int f = 0; f < k; f++) {
                RecordedResults test = data.subset(folds.test(f));
                StrongScorer scorer = router.trainer().train(context(data.subset(folds.train(f)), test));
                int[] idx = folds.test(f);
                for (int i : idx) {
                    scores[i] = score(scorer, data.get(i));
                    bar.step();
                }
            }
        }
        return scores;
    }

    /** Scores of every request from the router trained once on {@code training}. */
    double[] trainedOn(EvaluatedRouter router, RecordedResults training) {
        StrongScorer scorer = router.trainer().train(context(training, data));
        double[] scores = new double[data.size()];
        try (ProgressBar bar = new ProgressBar(router.name() + " scoring", data.size())) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = score(scorer, data.get(i));
                bar.step();
            }
        }
        return scores;
    }

    private EvaluatedRouter.Context context(RecordedResults training, RecordedResults evaluation) {
        return new EvaluatedRouter.Context(training, evaluation, weak, strong, embedder, seed, n -> { }, template);
    }

    private double score(StrongScorer scorer, RecordedRequest r) {
        return scorer.strongScore(routingRequest(r, embedder));
    }

    /** What a router sees of a recorded request: its prompt, labels, and (lazily) its embedding. */
    static RoutingRequest routingRequest(RecordedRequest r, Function<String, float[]> embedder) {
        RoutingRequest.Builder b = RoutingRequest.builder().text(r.prompt()).attributes(r.attributes());
        if (embedder != null) {
            b.embedder(embedder);
        }
        return b.build();
    }
}
