package io.github.router4j.samples.train;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.PairwisePreference;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.eval.Degeneracy;
import io.github.router4j.core.eval.PairOutcomes;
import io.github.router4j.core.eval.Reliability;
import io.github.router4j.core.eval.RoutingCurve;
import io.github.router4j.core.trace.JsonlRoutingTraceStore;
import io.github.router4j.core.trace.RoutingTraces;
import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.CalibrationSample;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.KnnRouter;
import io.github.router4j.learned.EloRatings;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.LearnedRouters;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.QualityShrinkage;
import io.github.router4j.learned.SharedTemplate;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.ThresholdCalibration;
import io.github.router4j.learned.TrainingExample;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.samples.cli.ProgressBar;
import io.github.router4j.samples.evaluate.DataFormat;
import io.github.router4j.samples.evaluate.RecordedDataOptions;
import io.github.router4j.samples.evaluate.EmbeddingDiskCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code router4j train}: trains a learned router on recorded results (JSONL or RouteLLM's data) and saves it as
 * JSON for {@code strategy.router.model}. With {@code --folds k} it first reports the router's k-fold
 * cross-validated APGR and CPT(50%), and calibrates {@code --strong-share} on the held-out scores.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a learned router (classifier, sw-bt, mf, elo) or an answer verifier (--verifier) on recorded"
                + " results, or a pre-call router on routing traces (--traces), and save it as JSON.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    RecordedDataOptions input;

    @Option(names = "--models", split = ",", paramLabel = "A,B,C",
            description = "Several models, cheap to strong (instead of --weak/--strong): the router learns every"
                    + " model's quality (classifier: one per model), requests missing a model are used for the models"
                    + " they have, and a calibration sample is saved for the YAML type n-tier.")
    List<String> models;

    @Option(names = "--router", paramLabel = "TYPE",
            description = "classifier | sw-bt | mf | knn | elo (required, except with --traces: classifier).")
    String router;

    @Option(names = "--verifier",
            description = "Train an answer verifier (P(answer good | prompt, answer)) on the recorded answers of the weak"
                    + " model (or of every --models model) instead of a router.")
    boolean verifier;

    @Option(names = "--no-embeddings",
            description = "verifier: answer features only, no prompt/answer embeddings (no embedding model at run time).")
    boolean noEmbeddings;

    @Option(names = "--traces", paramLabel = "FILE",
            description = "Train a pre-call classifier from the cascade's routing traces (JSON Lines) instead of"
                    + " --data: requests whose cheap answer was escalated or judged bad go straight to the strong tier.")
    Path traces;

    @Option(names = "--algorithm", defaultValue = "logistic-regression", paramLabel = "NAME",
            description = "classifier: logistic-regression | gradient-boosting | mlp (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--target", paramLabel = "NAME",
            description = "classifier: strong-better | quality-per-model (the latter also feeds type: reward and"
                    + " n-tier; default: quality-per-model with --models, else strong-better).")
    String target;

    @Option(names = "--no-text-features", description = "classifier: embeddings only.")
    boolean noTextFeatures;

    @Option(names = "--neighbours", defaultValue = "100", description = "sw-bt and knn: nearest prompts used, 0 = all.")
    int neighbours;

    @Option(names = "--shrink", defaultValue = "none", paramLabel = "none|cv",
            description = "knn and classifier with --models: cv shrinks every model's predicted quality toward its"
                    + " training mean, the weight (and for knn the number of neighbours, 10-200, instead of"
                    + " --neighbours) chosen by 3 x 5-fold cross-validation on the training data; none (default)"
                    + " keeps the predictions.")
    String shrink;

    @Option(names = "--gamma", defaultValue = "10", description = "sw-bt: weight base gamma (default: 10).")
    double gamma;

    @Option(names = "--dimension", defaultValue = "32", description = "mf: rank of the factorisation.")
    int dimension;

    @Option(names = "--epochs", defaultValue = "30", description = "mf and classifier mlp: training epochs.")
    int epochs;

    @Option(names = "--k-factor", defaultValue = "4", description = "elo: K-factor (default: 4).")
    double kFactor;

    @Option(names = "--threshold", paramLabel = "P", description = "Threshold saved with the router (default 0.5).")
    Double threshold;

    @Option(names = "--strong-share", paramLabel = "S",
            description = "Calibrate the threshold to send this share of requests to the strong model"
                    + " (on cross-validated scores with --folds, else on the training scores).")
    Double strongShare;

    @Option(names = "--folds", defaultValue = "0", description = "Report k-fold cross-validated metrics first (0 = no).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fold split and of training.")
    long seed;

    @Option(names = "--no-template",
            description = "Keep the text the prompts share (by default a template of lines in at least 20%% of the"
                    + " prompts, and a common prefix and suffix, is removed before embedding and saved with the router).")
    boolean noTemplate;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save the trained JSON.")
    Path out;

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "On-disk embedding cache shared with evaluate (default: ~/.cache/router4j/embeddings).")
    Path embeddingCache = EmbeddingDiskCache.DEFAULT_DIR;

    PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            run();
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("train: " + e.getMessage());
            return 2;
        }
    }

    private void run() {
        if (traces != null) {
            trainFromTraces();
            return;
        }
        if (router == null && !verifier) {
            throw new IllegalArgumentException("--router TYPE is required: classifier, sw-bt, mf or elo");
        }
        DataFormat dataFormat = input.format();
        RecordedResults all = input.withPromptPrefix(dataFormat.load(input.data()));
        List<String> tierModels = input.tierModels(all, dataFormat, models);
        if (verifier) {
            trainVerifier(all, models != null && !models.isEmpty() ? tierModels : List.of(tierModels.get(0)));
            return;
        }
        if (router.equals("elo")) {
            trainElo(all, tierModels);
            return;
        }
        boolean nTier = models != null && !models.isEmpty();
        RecordedResults usable = nTier ? all.filter(r -> tierModels.stream().anyMatch(r::has))
                : all.withModels(tierModels);
        if (usable.size() < 2) {
            throw new IllegalArgumentException(input.data() + ": only " + usable.size() + " requests have every model "
                    + tierModels);
        }
        Trainer trainer = shrinking(trainer(), nTier);
        err.printf("train: %s on %d requests from %s, models %s%n", router, usable.size(), usable.source(), tierModels);
        SharedTemplate template = noTemplate ? SharedTemplate.none()
                : SharedTemplate.learn(usable.requests().stream().map(RecordedRequest::prompt).toList());
        if (!template.isEmpty()) {
            err.printf("train: removing the text the prompts share: %d template lines, prefix %d and suffix %d"
                    + " characters (--no-template keeps it)%n", template.lines().size(), template.prefix().length(),
                    template.suffix().length());
        }
        TrainingSet set;
        try (EmbeddingDiskCache cache = embeddings(usable, template, embeddingCache)) {
            set = TrainingSet.from(usable, tierModels, cache, template);
        }
        if (nTier) {
            err.printf("train: %d model pairs skipped (a request lacks one of the two results)%n", set.skippedPairs());
        }
        failIfDegenerate(Degeneracy.ofVectors(set.examples().stream().map(TrainingExample::embedding).toList()));
        double[] calibrationScores = null;
        if (folds > 0) {
            calibrationScores = crossValidate(set, usable, tierModels, trainer);
            failIfDegenerate(Degeneracy.ofScores(calibrationScores));
        }
        LearnedRouter trained;
        try (ProgressBar bar = new ProgressBar("training", 1)) {
            trained = LearnedRouters.withTemplate(trainer.train(set), template);
            bar.step();
        }
        saveWithThreshold(trained, set, calibrationScores);
    }

    private void trainVerifier(RecordedResults all, List<String> answering) {
        if (router != null) {
            throw new IllegalArgumentException("--verifier trains an answer verifier; leave out --router");
        }
        ClassifierRouter.Options options = ClassifierRouter.options()
                .algorithm(parseEnum(ClassifierRouter.Algorithm.class, algorithm, "--algorithm"))
                .useEmbedding(!noEmbeddings).epochs(epochs).seed(seed).threshold(threshold == null ? 0.5 : threshold)
                .build();
        AnswerVerifier.Examples examples;
        if (noEmbeddings) {
            examples = AnswerVerifier.examples(all, answering, null);
        } else {
            List<String> texts = new ArrayList<>();
            for (var r : all.requests()) {
                for (String m : answering) {
                    r.result(m).flatMap(x -> x.answer()).ifPresent(a -> {
                        texts.add(r.prompt());
                        texts.add(a);
                    });
                }
            }
            try (EmbeddingDiskCache cache = embeddings(texts, embeddingCache)) {
                examples = AnswerVerifier.examples(all, answering, cache);
            }
        }
        List<AnswerVerifier.Example> list = examples.examples();
        long good = list.stream().filter(AnswerVerifier.Example::good).count();
        err.printf("train: answer verifier on %d answers of %s from %s (%d good, %d poor); %d results without an"
                        + " answer skipped%n", list.size(), answering, all.source(), good, list.size() - good,
                examples.withoutAnswer());
        if (folds > 0) {
            Folds split = Folds.split(list.size(), folds, seed);
            double[] p = new double[list.size()];
            boolean[] outcomes = new boolean[list.size()];
            try (ProgressBar bar = new ProgressBar(folds + "-fold cross-validation", folds)) {
                for (int f = 0; f < folds; f++) {
                    List<AnswerVerifier.Example> training = new ArrayList<>();
                    for (int i : split.train(f)) {
                        training.add(list.get(i));
                    }
                    AnswerVerifier fold = AnswerVerifier.train(training, options);
                    for (int i : split.test(f)) {
                        AnswerVerifier.Example e = list.get(i);
                        p[i] = fold.pGood(e.prompt(), e.promptEmbedding(), e.answer(), e.answerEmbedding());
                        outcomes[i] = e.good();
                    }
                    bar.step();
                }
            }
            int right = 0;
            for (int i = 0; i < p.length; i++) {
                right += (p[i] >= options.threshold()) == outcomes[i] ? 1 : 0;
            }
            err.printf("train: %d-fold cross-validation: accuracy %.4f at threshold %.2f, expected calibration error"
                    + " %.4f%n", folds, (double) right / p.length, options.threshold(), Reliability.of(p, outcomes, 10).ece());
        }
        AnswerVerifier trained;
        try (ProgressBar bar = new ProgressBar("training", 1)) {
            trained = AnswerVerifier.train(list, options);
            bar.step();
        }
        trained.save(out);
        err.printf("train: saved answer verifier to %s%n", out);
    }

    private void trainFromTraces() {
        if (router != null && !router.equals("classifier")) {
            throw new IllegalArgumentException("--traces trains a classifier; --router must be classifier or left out");
        }
        RoutingTraces read = JsonlRoutingTraceStore.read(traces);
        read.skipped().forEach(e -> err.println("train: skipped " + e.getMessage()));
        TrainingSet.FromTraces fromTraces = TrainingSet.fromTraces(read.traces());
        TrainingSet set = fromTraces.set();
        long strong = set.examples().stream().filter(e -> e.quality()[0] == 0).count();
        err.printf("train: %d traces from %s: %d cheap answers escalated or judged bad, %d kept;"
                        + " left out: %d without a cheapest-tier answer, %d without an embedding%n",
                read.traces().size(), traces, strong, set.size() - strong, fromTraces.unlabelled(),
                fromTraces.withoutEmbedding());
        boolean textFeatures = !noTextFeatures && fromTraces.withPrompts();
        if (!noTextFeatures && !textFeatures) {
            err.println("train: the traces do not all record the prompt; embeddings only");
        }
        ClassifierRouter.Options options = ClassifierRouter.options()
                .algorithm(parseEnum(ClassifierRouter.Algorithm.class, algorithm, "--algorithm"))
                .useTextFeatures(textFeatures).epochs(epochs).seed(seed).build();
        LearnedRouter trained;
        try (ProgressBar bar = new ProgressBar("training", 1)) {
            trained = ClassifierRouter.train(set, options);
            bar.step();
        }
        saveWithThreshold(trained, set, null);
    }

    private void saveWithThreshold(LearnedRouter fitted, TrainingSet set, double[] calibrationScores) {
        LearnedRouter trained = fitted;
        if (strongShare != null) {
            double[] scores = calibrationScores != null ? calibrationScores : scores(trained, set, null);
            ThresholdCalibration.Calibration c = ThresholdCalibration.forStrongShare(scores, strongShare);
            trained = trained.withThreshold(c.threshold());
            err.printf("train: threshold %.4f sends %.1f%% of %s requests to the strong model%n", c.threshold(),
                    c.strongShare() * 100, calibrationScores != null ? "held-out" : "training");
        } else if (threshold != null) {
            trained = trained.withThreshold(threshold);
        }
        if (models != null && !models.isEmpty()) {
            CalibrationSample sample = calibrationSample(trained, set);
            writeString(out, sample.addTo(trained.toJson()));
            err.printf("train: saved %s router with a calibration sample of %d training requests to %s%n",
                    trained.type(), sample.inputTokens().length, out);
            return;
        }
        trained.save(out);
        err.printf("train: saved %s router to %s%n", trained.type(), out);
    }

    /** The trained router's predictions on up to 2,000 evenly spaced training requests (in-sample). */
    private static CalibrationSample calibrationSample(LearnedRouter trained, TrainingSet set) {
        int n = Math.min(set.size(), 2000);
        int[] tokens = new int[n];
        double[][] predicted = new double[n][];
        double[][] quality = new double[n][];
        for (int k = 0; k < n; k++) {
            TrainingExample e = set.examples().get((int) ((long) k * set.size() / n));
            tokens[k] = e.text().length() / 4;
            predicted[k] = trained.predictQuality(RoutingRequest.builder().text(e.text()).embedding(e.embedding())
                    .build());
            quality[k] = e.quality();
        }
        return new CalibrationSample(set.models(), tokens, predicted, quality);
    }

    private static void writeString(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void failIfDegenerate(Optional<String> problem) {
        problem.ifPresent(p -> {
            throw new IllegalArgumentException(input.data() + ": cannot train a " + router + " router: " + p);
        });
    }

    @FunctionalInterface
    private interface Trainer {
        LearnedRouter train(TrainingSet set);
    }

    private Trainer trainer() {
        return switch (router) {
            case "classifier" -> {
                ClassifierRouter.Options options = ClassifierRouter.options()
                        .algorithm(parseEnum(ClassifierRouter.Algorithm.class, algorithm, "--algorithm"))
                        .target(parseEnum(ClassifierRouter.Target.class, target != null ? target
                                : models != null && !models.isEmpty() ? "quality-per-model" : "strong-better",
                                "--target"))
                        .useTextFeatures(!noTextFeatures).epochs(epochs).seed(seed).build();
                yield set -> ClassifierRouter.train(set, options);
            }
            case "sw-bt" -> {
                SwBradleyTerryRouter.Options options = SwBradleyTerryRouter.options().neighbours(neighbours)
                        .gamma(gamma).build();
                yield set -> SwBradleyTerryRouter.train(set, options);
            }
            case "mf" -> {
                MatrixFactorizationRouter.Options options = MatrixFactorizationRouter.options().dimension(dimension)
                        .epochs(epochs).seed(seed).build();
                yield set -> MatrixFactorizationRouter.train(set, options);
            }
            case "knn" -> {
                SwBradleyTerryRouter.Options options = SwBradleyTerryRouter.options().neighbours(neighbours).build();
                yield set -> KnnRouter.train(set, options);
            }
            default -> throw new IllegalArgumentException("--router must be classifier, sw-bt, mf, knn or elo, got '"
                    + router + "'");
        };
    }

    /** The trainer itself, or with {@code --shrink cv} the trainer whose per-model predictions are shrunk. */
    private Trainer shrinking(Trainer plain, boolean nTier) {
        if (shrink.equals("none")) {
            return plain;
        }
        if (!shrink.equals("cv")) {
            throw new IllegalArgumentException("--shrink must be none or cv, got '" + shrink + "'");
        }
        if (!nTier) {
            throw new IllegalArgumentException("--shrink cv shrinks the predicted quality of every --models model;"
                    + " give --models A,B,C,...");
        }
        if (!router.equals("knn") && !router.equals("classifier")) {
            throw new IllegalArgumentException("--shrink cv needs a router that predicts quality (knn or classifier);"
                    + " " + router + " predicts win shares");
        }
        return set -> {
            QualityShrinkage.Tuned tuned = router.equals("knn")
                    ? KnnRouter.tuned(set, SwBradleyTerryRouter.options().build(), QualityShrinkage.FOLDS,
                    QualityShrinkage.ROUNDS, seed)
                    : QualityShrinkage.tune(set, List.<Function<TrainingSet, ? extends LearnedRouter>>of(plain::train),
                    QualityShrinkage.FOLDS, QualityShrinkage.ROUNDS, seed);
            err.printf("train: shrinkage weight %.3f%s chosen by %d x %d-fold cross-validation on %d requests (quality"
                    + " of the predicted best model %.4f)%n", tuned.shrinkage().weight(), router.equals("knn")
                    ? ", " + KnnRouter.NEIGHBOURS.get(tuned.candidate()) + " neighbours" : "", QualityShrinkage.ROUNDS,
                    QualityShrinkage.FOLDS, set.size(), tuned.crossValidatedQuality());
            return tuned.router();
        };
    }

    private double[] crossValidate(TrainingSet set, RecordedResults usable, List<String> tierModels, Trainer trainer) {
        Folds split = Folds.split(set.size(), folds, seed);
        double[] scores = new double[set.size()];
        try (ProgressBar bar = new ProgressBar(folds + "-fold cross-validation", set.size())) {
            for (int f = 0; f < folds; f++) {
                LearnedRouter r = trainer.train(set.subset(split.train(f)));
                int[] test = split.test(f);
                double[] s = scores(r, set.subset(test), bar);
                for (int i = 0; i < test.length; i++) {
                    scores[test[i]] = s[i];
                }
            }
        }
        String weak = tierModels.get(0);
        String strong = tierModels.get(tierModels.size() - 1);
        List<RecordedRequest> both = new ArrayList<>();
        List<Double> bothScores = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (usable.get(i).has(weak) && usable.get(i).has(strong)) {
                both.add(usable.get(i));
                bothScores.add(scores[i]);
            }
        }
        RoutingCurve curve = RoutingCurve.sweep(bothScores.stream().mapToDouble(Double::doubleValue).toArray(),
                PairOutcomes.of(both, weak, strong), RoutingCurve.DEFAULT_BINS);
        err.printf("train: %d-fold cross-validation: APGR %.4f, CPT(50%%) %.2f%%, CPT(80%%) %.2f%%%n", folds,
                curve.apgr(), curve.cpt(0.5) * 100, curve.cpt(0.8) * 100);
        return scores;
    }

    private static double[] scores(LearnedRouter router, TrainingSet set, ProgressBar bar) {
        double[] s = new double[set.size()];
        for (int i = 0; i < s.length; i++) {
            TrainingExample e = set.examples().get(i);
            s[i] = router.strongProbability(RoutingRequest.builder().text(e.text()).embedding(e.embedding()).build());
            if (bar != null) {
                bar.step();
            }
        }
        return s;
    }

    /** The data set's prompts embedded with the default MiniLM, new ones in batches, kept in the disk cache. */
    static EmbeddingDiskCache embeddings(RecordedResults usable, Path embeddingCache) {
        return embeddings(usable, SharedTemplate.none(), embeddingCache);
    }

    /** The data set's prompts without {@code template}, embedded as {@link #embeddings(List, Path)} does. */
    static EmbeddingDiskCache embeddings(RecordedResults usable, SharedTemplate template, Path embeddingCache) {
        return embeddings(usable.requests().stream().map(r -> template.strip(r.prompt())).toList(), embeddingCache);
    }

    /** {@code texts} embedded with the default MiniLM, new ones in batches, kept in the disk cache. */
    static EmbeddingDiskCache embeddings(List<String> texts, Path embeddingCache) {
        EmbeddingModel model = DefaultEmbeddingModels.allMiniLmL6V2Q();
        Map<String, float[]> fresh = new HashMap<>();
        EmbeddingDiskCache cache = new EmbeddingDiskCache(embeddingCache, DefaultEmbeddingModels.ALL_MINILM_L6_V2_Q,
                text -> fresh.containsKey(text) ? fresh.get(text) : model.embed(text).content().vector());
        List<String> missing = texts.stream().distinct().filter(t -> !cache.contains(t)).toList();
        if (!missing.isEmpty()) {
            try (ProgressBar bar = new ProgressBar("embedding", missing.size())) {
                for (int start = 0; start < missing.size(); start += 64) {
                    List<String> batch = missing.subList(start, Math.min(missing.size(), start + 64));
                    List<Embedding> vectors = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
                    for (int i = 0; i < batch.size(); i++) {
                        fresh.put(batch.get(i), vectors.get(i).vector());
                        cache.apply(batch.get(i));
                    }
                    bar.step(batch.size());
                }
            }
        }
        return cache;
    }

    private void trainElo(RecordedResults all, List<String> tierModels) {
        List<PairwisePreference> games = new ArrayList<>();
        for (int a = 0; a < tierModels.size(); a++) {
            for (int b = a + 1; b < tierModels.size(); b++) {
                games.addAll(PairwisePreference.fromRecorded(all, tierModels.get(a), tierModels.get(b)));
            }
        }
        if (games.isEmpty()) {
            throw new IllegalArgumentException(input.data() + ": no request has results for two of " + tierModels);
        }
        EloRatings elo = EloRatings.fit(games, kFactor, 1000);
        elo.save(out);
        err.printf("train: Elo from %d comparisons (K=%s): %s%n", games.size(), kFactor, elo.ranking().stream()
                .map(m -> String.format("%s %.0f", m, elo.rating(m))).toList());
        err.printf("train: saved Elo ratings to %s%n", out);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
    }
}
