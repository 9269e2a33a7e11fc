package io.github.router4j.samples.evaluate;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.learned.SharedTemplate;
import io.github.router4j.core.eval.StrongScorer;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * A router the {@code evaluate} command can compare: how to train it on recorded results and get
 * its strong-model score for held-out requests. Registered by name in {@link EvaluatedRouters}.
 *
 * @param name            the {@code --router} name
 * @param description     one line for {@code --help} and the table
 * @param needsEmbeddings whether training and scoring use sentence embeddings of the prompts
 * @param applicable      whether the router can run on a data set (e.g. subject-prior needs subjects)
 * @param trainer         trains on a context and returns the scorer of held-out requests
 * @param cascade         whether it is a weak-then-strong cascade: the weak call is always paid
 * @param calibrated      whether its score is 1 − P(weak answer good), so its calibration can be measured
 * @param nTier           trains a predictor of every model's quality on a context (all of its models), or
 *                        {@code null} when the router only compares two models
 */
record EvaluatedRouter(String name, String description, boolean needsEmbeddings,
                       Predicate<RecordedResults> applicable, Trainer trainer, boolean cascade, boolean calibrated,
                       NTierTrainer nTier) {

    /** A pre-call router that compares two models. */
    EvaluatedRouter(String name, String description, boolean needsEmbeddings, Predicate<RecordedResults> applicable,
                    Trainer trainer) {
        this(name, description, needsEmbeddings, applicable, trainer, false, false, null);
    }

    /** A pre-call router that also predicts every model's quality. */
    EvaluatedRouter(String name, String description, boolean needsEmbeddings, Predicate<RecordedResults> applicable,
                    Trainer trainer, NTierTrainer nTier) {
        this(name, description, needsEmbeddings, applicable, trainer, false, false, nTier);
    }

    /** A weak-then-strong cascade ({@code cascade}) or a pre-call router, comparing two models. */
    EvaluatedRouter(String name, String description, boolean needsEmbeddings, Predicate<RecordedResults> applicable,
                    Trainer trainer, boolean cascade, boolean calibrated) {
        this(name, description, needsEmbeddings, applicable, trainer, cascade, calibrated, null);
    }

    /** Learns a predictor of every model's quality from the training part of a context. */
    @FunctionalInterface
    interface NTierTrainer {
        QualityPredictor train(Context context);
    }

    /** Learns a scorer from the training part of a context. */
    @FunctionalInterface
    interface Trainer {
        StrongScorer train(Context context);
    }

    /**
     * What a router may learn from.
     *
     * @param training   the requests it may learn from
     * @param evaluation the held-out requests it will score (only the oracle may look at their outcomes)
     * @param weak       the weak model's name in the data
     * @param strong     the strong model's name in the data
     * @param models     every model routed among, cheap to strong (the weak and the strong one for two)
     * @param embedder   the (cached) embedding of a prompt
     * @param seed       the run's seed
     * @param progress   reports units of training work (e.g. epochs), for the progress bar
     * @param template   whether learned routers remove the training prompts' shared template
     * @param log        takes one line about what training chose (e.g. tuned settings) for the console
     */
    record Context(RecordedResults training, RecordedResults evaluation, String weak, String strong,
                   List<String> models, Function<String, float[]> embedder, long seed, IntConsumer progress,
                   boolean template, Consumer<String> log) {

        /** The template of the training prompts, or none when templates are off. */
        SharedTemplate sharedTemplate() {
            return template ? SharedTemplate.learn(training.requests().stream().map(RecordedRequest::prompt).toList())
                    : SharedTemplate.none();
        }
    }
}
