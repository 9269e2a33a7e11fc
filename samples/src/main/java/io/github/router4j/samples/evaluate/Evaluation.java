package io.github.router4j.samples.evaluate;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.eval.StrongScorer;
import io.github.router4j.samples.cli.ProgressBar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one router over a data set so that every request is scored exactly once by a router that
 * never saw it: k-fold cross-validation, or training on a separate set.
 */
final class Evaluation {

    private final RecordedResults data;
    private final String weak;
    private final String strong;
    private final List<String> models;
    private final Function<String, float[]> embedder;
    private final long seed;
    private final List<TierInfo> tiers;
    private final boolean template;
    private final Consumer<String> log;

    Evaluation(RecordedResults data, List<String> models, Function<String, float[]> embedder, long seed) {
        this(data, models, embedder, seed, true);
    }

    /** @param template whether learned routers remove the training prompts' shared template */
    Evaluation(RecordedResults data, List<String> models, Function<String, float[]> embedder, long seed,
               boolean template) {
        this(data, models, embedder, seed, template, line -> { });
    }

    /** @param log takes the lines routers write about what training chose */
    Evaluation(RecordedResults data, List<String> models, Function<String, float[]> embedder, long seed,
               boolean template, Consumer<String> log) {
        this.data = data;
        this.models = List.copyOf(models);
        this.weak = models.get(0);
        this.strong = models.get(models.size() - 1);
        this.embedder = embedder;
        this.seed = seed;
        List<TierInfo> infos = new ArrayList<>();
        for (int i = 0; i < this.models.size(); i++) {
            infos.add(new TierInfo(this.models.get(i), i, 0, 0, Set.of()));
        }
        this.tiers = List.copyOf(infos);
        this.template = template;
        this.log = log;
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

    /** Every model's predicted quality on every request (requests x models), k-fold cross-validated. */
    double[][] predictedCrossValidated(EvaluatedRouter router, int k) {
        Folds folds = Folds.split(data.size(), k, seed);
        double[][] predicted = new double[data.size()][];
        try (ProgressBar bar = new ProgressBar(router.name() + " n-tier " + k + "-fold", data.size())) {
            for (int f = 0; f < k; f++) {
                QualityPredictor predictor = router.nTier().train(
                        context(data.subset(folds.train(f)), data.subset(folds.test(f))));
                for (int i : folds.test(f)) {
                    predicted[i] = predict(predictor, data.get(i));
                    bar.step();
                }
            }
        }
        return predicted;
    }

    /** Every model's predicted quality on every request, from the predictor trained once on {@code training}. */
    double[][] predictedTrainedOn(EvaluatedRouter router, RecordedResults training) {
        QualityPredictor predictor = router.nTier().train(context(training, data));
        double[][] predicted = new double[data.size()][];
        try (ProgressBar bar = new ProgressBar(router.name() + " n-tier scoring", data.size())) {
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = predict(predictor, data.get(i));
                bar.step();
            }
        }
        return predicted;
    }

    private double[] predict(QualityPredictor predictor, RecordedRequest r) {
        return predictor.predictQuality(routingRequest(r, embedder), tiers);
    }

    private EvaluatedRouter.Context context(RecordedResults training, RecordedResults evaluation) {
        return new EvaluatedRouter.Context(training, evaluation, weak, strong, models, embedder, seed, n -> { },
                template, log);
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
