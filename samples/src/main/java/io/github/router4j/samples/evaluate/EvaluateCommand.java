package io.github.router4j.samples.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.core.eval.CurvePoint;
import io.github.router4j.core.eval.Degeneracy;
import io.github.router4j.core.eval.Ibc;
import io.github.router4j.core.eval.PairOutcomes;
import io.github.router4j.core.eval.ParetoCurve;
import io.github.router4j.core.eval.Reliability;
import io.github.router4j.core.eval.RoutingCurve;
import io.github.router4j.core.routing.PolicyTarget;
import io.github.router4j.core.routing.TierPolicy;
import io.github.router4j.learned.SharedTemplate;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.samples.cli.Charts;
import io.github.router4j.samples.cli.ProgressBar;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code evaluate}: compares routers on recorded results with RouteLLM's metrics (APGR, CPT, AUC,
 * cost-saving ratio), a console table, a JSON file and one cost–quality plot for all routers.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate routers on recorded results: the curve of (strong-call share, quality) over a"
                + " threshold sweep, AUC, APGR, CPT(20/50/80%%), the cost-saving ratio at CPT(50%%) and the dollar"
                + " saving against always-strong, as RouteLLM defines them.",
                "Every request is routed exactly once by a router that never saw it (k-fold cross-validation,"
                        + " or --train)."},
        footer = {"", "Example:",
                "  evaluate --data ../shared/data/routellm --format routellm-mmlu --router all --folds 5 --seed 42"
                        + " --json mmlu.json --plot mmlu.png"})
public final class EvaluateCommand implements Callable<Integer> {

    static final String EMBEDDING_MODEL = "all-minilm-l6-v2-q";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    RecordedDataOptions input;

    @Option(names = "--models", split = ",", paramLabel = "A,B,C",
            description = "Several models, cheap to strong: the binary metrics compare the first with the last;"
                    + " the N-tier evaluation routes among all of them (a lambda sweep into a cost-quality curve, AIQ,"
                    + " quality at 10/25/50%% of the best single model's cost, the N-model oracle).")
    List<String> models;

    @Option(names = "--policy", defaultValue = "reward", paramLabel = "reward|epsilon",
            description = "N-tier policy: reward = quality - lambda * cost (default), epsilon = cheapest model within"
                    + " epsilon of the best prediction.")
    String policy;

    @Option(names = "--target", defaultValue = "cost-share=0.5", paramLabel = "KIND=VALUE",
            description = "N-tier calibrated point: budget=DOLLARS_PER_1000_REQUESTS, cost-share=SHARE (of the most"
                    + " expensive model) or quality=Q (predicted); calibrated on the predictions, never on outcomes"
                    + " (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--price", paramLabel = "NAME=IN/OUT",
            description = "Dollars per million input/output tokens of a model, for data without per-request cost"
                    + " (tokens estimated as characters / 4). Repeatable.")
    List<String> prices = new ArrayList<>();

    @Option(names = "--router", split = ",", defaultValue = "all", paramLabel = "NAMES",
            description = "Routers to compare, comma-separated, or all (default). Known: ${COMPLETION-CANDIDATES}.",
            completionCandidates = RouterNames.class)
    List<String> routers;

    @Option(names = "--folds", defaultValue = "5", description = "k of k-fold cross-validation (default: 5).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fold split and random router.")
    long seed;

    @Option(names = "--train", paramLabel = "FILE", split = ",",
            description = "Train on this data instead of cross-validating: a JSONL file or FORMAT:PATH (e.g."
                    + " routellm-mmlu:../shared/data/routellm); several are concatenated.")
    List<String> train;

    @Option(names = "--bins", defaultValue = "10",
            description = "Threshold sweep: equal-count score bins, RouteLLM uses 10 (default).")
    int bins;

    @Option(names = "--no-template",
            description = "Learned routers keep the text the prompts share (by default they remove the template"
                    + " learned from their training prompts before embedding).")
    boolean noTemplate;

    @Option(names = "--long-text", defaultValue = "whole", paramLabel = "MODE",
            description = "What learned routers embed of a prompt longer than --long-text-chars: whole (default),"
                    + " head, tail, head-and-tail or chunks (mean of the chunks' embeddings).")
    String longText;

    @Option(names = "--long-text-chars", defaultValue = "512", paramLabel = "N",
            description = "Prompts longer than this many characters count as long (default: ${DEFAULT-VALUE}).")
    int longTextChars;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the metrics and curves as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Plot all routers' curves (PNG and SVG).")
    Path plot;

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "On-disk embedding cache (default: ~/.cache/router4j/embeddings).")
    Path embeddingCache = EmbeddingDiskCache.DEFAULT_DIR;

    PrintStream out = System.out;
    private final Map<String, Reliability> calibration = new LinkedHashMap<>();
    private double alwaysStrongCost;
    PrintStream err = System.err;

    /** Completion candidates for --help. */
    static final class RouterNames extends ArrayList<String> {
        RouterNames() {
            EvaluatedRouters.all().forEach(r -> add(r.name()));
        }
    }

    /** One router's results; {@code degenerate} says why its metrics are no result, when they are not. */
    record Result(String name, RoutingCurve curve, double ibcLift, double aiq, Optional<String> degenerate) {
    }

    @Override
    public Integer call() {
        try {
            run();
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("evaluate: " + e.getMessage());
            return 2;
        }
    }

    private void run() {
        DataFormat dataFormat = input.format();
        RecordedResults all = input.withPromptPrefix(dataFormat.load(input.data()));
        List<String> tierModels = tierModels(all, dataFormat);
        String weakModel = tierModels.get(0);
        String strongModel = tierModels.get(tierModels.size() - 1);
        RecordedResults evaluated = all.withModels(tierModels);
        if (evaluated.size() < 2) {
            throw new IllegalArgumentException(input.data() + ": only " + evaluated.size()
                    + " requests have results for every model " + tierModels);
        }
        RecordedResults training = null;
        RecordedResults nTierTraining = null;
        if (train != null && !train.isEmpty()) {
            for (String spec : train) {
                RecordedResults t = DataFormat.loadSource(spec);
                training = training == null ? t : training.concat(t);
            }
            nTierTraining = training;
            training = training.withModels(List.of(weakModel, strongModel));
        } else if (folds < 2 || folds > evaluated.size()) {
            throw new IllegalArgumentException("--folds must be in [2, " + evaluated.size() + "], was " + folds);
        }
        List<EvaluatedRouter> selected = EvaluatedRouters.select(routers, evaluated);
        Map<String, double[]> priceTable = parsePrices(all.modelNames());
        boolean nTier = models != null && !models.isEmpty();
        TierPolicy nTierPolicy = TierPolicy.of(policy, 0);
        PolicyTarget nTierTarget = PolicyTarget.parse(target);
        if (nTier) {
            requireCosts(all, tierModels, priceTable);
            if (nTierTraining != null) {
                nTierTraining = nTierTraining.filter(r -> tierModels.stream().anyMatch(r::has));
                err.printf("evaluate: n-tier training on %d requests; %d model pairs skipped (a result missing)%n",
                        nTierTraining.size(), TrainingSet.from(nTierTraining, tierModels, null).skippedPairs());
            }
        }
        PairOutcomes outcomes = PairOutcomes.of(evaluated.requests(), weakModel, strongModel,
                (r, m) -> cost(r, m, priceTable));

        err.printf("evaluate: %d requests from %s; weak %s (quality %.4f), strong %s (quality %.4f)%n",
                evaluated.size(), evaluated.source(), weakModel, outcomes.meanQuality(false), strongModel,
                outcomes.meanQuality(true));
        SharedTemplate template = noTemplate ? SharedTemplate.none() : SharedTemplate.learn(
                (training != null ? training : evaluated).requests().stream().map(RecordedRequest::prompt).toList());
        if (!template.isEmpty()) {
            err.printf("evaluate: learned routers remove the text the prompts share: %d template lines, prefix %d and"
                    + " suffix %d characters (--no-template keeps it)%n", template.lines().size(),
                    template.prefix().length(), template.suffix().length());
        }
        boolean embeddings = selected.stream().anyMatch(EvaluatedRouter::needsEmbeddings);
        LongText mode = LongText.parse(longText);
        try (EmbeddingDiskCache cache = embeddings ? openEmbeddings(evaluated, training, template, mode) : null) {
            Function<String, float[]> embedder = cache == null ? null : mode.embedder(cache, longTextChars);
            Optional<String> flatVectors = embeddings ? Degeneracy.ofVectors(evaluated.requests().stream()
                    .map(r -> embedder.apply(template.strip(r.prompt()))).toList()) : Optional.empty();
            Evaluation evaluation = new Evaluation(evaluated, tierModels, embedder, seed, !noTemplate,
                    err::println);
            List<Result> results = new ArrayList<>();
            for (EvaluatedRouter router : selected) {
                double[] scores = training == null ? evaluation.crossValidated(router, folds)
                        : evaluation.trainedOn(router, training);
                Optional<String> degenerate = router.needsEmbeddings() && flatVectors.isPresent() ? flatVectors
                        : router.name().equals("oracle") ? Optional.empty() : Degeneracy.ofScores(scores);
                results.add(result(router.name(), RoutingCurve.sweep(scores, router.cascade() ? outcomes.cascade()
                        : outcomes, bins), outcomes, degenerate));
                if (router.calibrated()) {
                    calibration.put(router.name(), reliability(scores, evaluated, weakModel));
                }
            }
            cascadeResult(evaluated, weakModel, outcomes).ifPresent(results::add);
            ParetoCurve singles = singleModels(evaluated, tierModels, priceTable);
            printTable(results, outcomes, singles, tierModels.size() > 2);
            printCascadeMetrics(results, outcomes);
            NTierReport nTierReport = null;
            if (nTier) {
                NTierReport report = new NTierReport(evaluated, tierModels, (r, m) -> cost(r, m, priceTable), singles,
                        nTierPolicy, nTierTarget);
                for (EvaluatedRouter router : selected) {
                    if (router.nTier() != null) {
                        report.add(router.name(), nTierTraining == null
                                ? evaluation.predictedCrossValidated(router, folds)
                                : evaluation.predictedTrainedOn(router, nTierTraining));
                    }
                }
                report.print(out);
                nTierReport = report;
            }
            if (json != null) {
                writeJson(results, nTierReport);
            }
            if (plot != null) {
                String title = dataFormat.cliName() + " " + input.data().getFileName();
                writePlot(results, outcomes, title);
                if (nTierReport != null) {
                    Path nTierPlot = plot.resolveSibling(plot.getFileName().toString()
                            .replaceFirst("(?i)\\.(png|svg)$", "") + "-n-tier.png");
                    try {
                        err.println("evaluate: wrote " + Charts.savePngAndSvg(nTierReport.chart(title), nTierPlot));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + nTierPlot + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private List<String> tierModels(RecordedResults all, DataFormat dataFormat) {
        List<String> tierModels = input.tierModels(all, dataFormat, models);
        if ((models == null || models.isEmpty()) && tierModels.get(0).equals(tierModels.get(1))) {
            throw new IllegalArgumentException("--weak and --strong must differ, both are '" + tierModels.get(0) + "'");
        }
        return tierModels;
    }

    private Map<String, double[]> parsePrices(List<String> known) {
        Map<String, double[]> table = new HashMap<>();
        for (String p : prices) {
            int eq = p.lastIndexOf('=');
            int slash = p.lastIndexOf('/');
            if (eq <= 0 || slash < eq) {
                throw new IllegalArgumentException("--price " + p + ": expected NAME=IN/OUT, e.g. gpt-4=10/30");
            }
            String name = p.substring(0, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--price " + p + ": unknown model '" + name + "'; the data has "
                        + known);
            }
            try {
                double in = Double.parseDouble(p.substring(eq + 1, slash));
                double outPrice = Double.parseDouble(p.substring(slash + 1));
                if (in < 0 || outPrice < 0) {
                    throw new NumberFormatException("negative");
                }
                table.put(name, new double[] {in, outPrice});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--price " + p + ": prices must be non-negative numbers");
            }
        }
        return table;
    }

    /** N-tier costs must be known: a model without recorded cost on a request needs a price. */
    private void requireCosts(RecordedResults all, List<String> tierModels, Map<String, double[]> prices) {
        for (String m : tierModels) {
            if (prices.containsKey(m)) {
                continue;
            }
            for (int i = 0; i < all.size(); i++) {
                var result = all.get(i).result(m);
                if (result.isPresent() && result.get().cost().isEmpty()) {
                    throw new IllegalArgumentException(all.source() + " line " + (i + 1) + " (request '"
                            + all.get(i).id() + "'): model '" + m + "' has no recorded cost; give its price with"
                            + " --price " + m + "=IN/OUT");
                }
            }
        }
    }

    /** Recorded cost, else a price-based estimate (characters / 4 tokens), else 0. */
    public static double cost(RecordedRequest r, String model, Map<String, double[]> prices) {
        var result = r.result(model).orElseThrow();
        if (result.cost().isPresent()) {
            return result.cost().getAsDouble();
        }
        double[] p = prices.get(model);
        if (p == null) {
            return 0;
        }
        double in = Math.ceil(r.prompt().length() / 4.0);
        double outTokens = result.answer().map(a -> Math.ceil(a.length() / 4.0)).orElse(0.0);
        return (in * p[0] + outTokens * p[1]) / 1e6;
    }

    private Result result(String name, RoutingCurve curve, PairOutcomes outcomes) {
        return result(name, curve, outcomes, Optional.empty());
    }

    private Result result(String name, RoutingCurve curve, PairOutcomes outcomes, Optional<String> degenerate) {
        boolean costs = outcomes.meanCost(true) > outcomes.meanCost(false);
        double lift = costs ? Ibc.meanLift(curve, outcomes.meanQuality(true), outcomes.meanCost(true)) : Double.NaN;
        double aiq = Double.NaN;
        if (costs) {
            List<ParetoCurve.Point> points = new ArrayList<>();
            curve.points().forEach(p -> points.add(new ParetoCurve.Point(name, p.cost(), p.quality())));
            aiq = new ParetoCurve(points).aiq(outcomes.meanCost(false), outcomes.meanCost(true));
        }
        return new Result(name, curve, lift, aiq, degenerate);
    }

    /** When the weak model's answers carry self-evaluation observations: the weak-then-strong cascade. */
    private Optional<Result> cascadeResult(RecordedResults evaluated, String weakModel,
                                                     PairOutcomes outcomes) {
        boolean observed = evaluated.requests().stream()
                .allMatch(r -> r.result(weakModel).orElseThrow().observation().isPresent());
        if (!observed) {
            return Optional.empty();
        }
        double[] scores = evaluated.requests().stream()
                .mapToDouble(r -> 1 - r.result(weakModel).orElseThrow().observation().getAsDouble()).toArray();
        RoutingCurve curve = RoutingCurve.sweep(scores, outcomes.cascade(), bins);
        return Optional.of(result("cascade (self-evaluation)", curve, outcomes));
    }

    private static ParetoCurve singleModels(RecordedResults evaluated, List<String> tierModels,
                                            Map<String, double[]> prices) {
        List<ParetoCurve.Point> points = new ArrayList<>();
        for (String m : tierModels) {
            double q = evaluated.meanQuality(m);
            double c = evaluated.requests().stream().mapToDouble(r -> cost(r, m, prices)).average().orElse(0);
            points.add(new ParetoCurve.Point(m, c, q));
        }
        return new ParetoCurve(points);
    }

    private EmbeddingDiskCache openEmbeddings(RecordedResults evaluated, RecordedResults training,
                                              SharedTemplate template, LongText mode) {
        AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        EmbeddingDiskCache cache = new EmbeddingDiskCache(embeddingCache, EMBEDDING_MODEL,
                text -> model.embed(text).content().vector());
        List<String> texts = new ArrayList<>();
        evaluated.forEach(r -> texts.addAll(mode.parts(template.strip(r.prompt()), longTextChars)));
        if (training != null) {
            training.forEach(r -> texts.addAll(mode.parts(template.strip(r.prompt()), longTextChars)));
        }
        List<String> missing = texts.stream().distinct().filter(t -> !cache.contains(t)).toList();
        if (!missing.isEmpty()) {
            try (ProgressBar bar = new ProgressBar("embedding", missing.size())) {
                missing.parallelStream().forEach(t -> {
                    cache.apply(t);
                    bar.step();
                });
            }
        }
        err.printf("evaluate: %d prompts embedded with %s (%d new, cache %s)%n", texts.size(), EMBEDDING_MODEL,
                missing.size(), cache.file());
        return cache;
    }

    private void printTable(List<Result> results, PairOutcomes outcomes, ParetoCurve singles, boolean multi) {
        boolean costs = outcomes.meanCost(true) > outcomes.meanCost(false);
        int width = Math.max(26, results.stream().mapToInt(r -> label(r).length()).max().orElse(0));
        out.printf("%-" + width + "s %7s %8s %8s %8s %8s %9s%s%n", "router", "APGR", "CPT20", "CPT50", "CPT80", "AUC",
                "savings", costs ? String.format(" %11s %9s %7s", "$ saved@50", "IBC lift", "AIQ") : "");
        for (Result r : results) {
            RoutingCurve c = r.curve();
            out.printf("%-" + width + "s %7.4f %7.2f%% %7.2f%% %7.2f%% %8.4f %8.2fx%s%n", label(r), c.apgr(), c.cpt(0.2) * 100,
                    c.cpt(0.5) * 100, c.cpt(0.8) * 100, c.auc(), c.savingsAtCpt50(),
                    costs ? String.format(" %10.1f%% %9.3f %7.4f", c.dollarSavingShareAtCpt50() * 100, r.ibcLift(),
                            r.aiq()) : "");
        }
        for (Result r : results) {
            r.degenerate().ifPresent(why -> out.printf("DEGENERATE %s: its metrics are no result: %s%n", r.name(), why));
        }
        out.printf("oracle CPT: 20%% %.2f%%, 50%% %.2f%%, 80%% %.2f%%%n", outcomes.oracleCpt(0.2) * 100,
                outcomes.oracleCpt(0.5) * 100, outcomes.oracleCpt(0.8) * 100);
        if (multi || costs) {
            for (ParetoCurve.Point p : singles.points()) {
                out.printf("single model %-40s quality %.4f  $%.6f/request%n", p.label(), p.quality(), p.cost());
            }
            out.printf("best single model: %s; single-model Pareto AIQ %.4f%n", singles.best().label(),
                    singles.aiq());
        }
    }

    private static String label(Result r) {
        return r.degenerate().isPresent() ? r.name() + " (degenerate)" : r.name();
    }

    private void writeJson(List<Result> results, NTierReport nTierReport) {
        ObjectNode root = JSON.createObjectNode();
        for (Result r : results) {
            RoutingCurve c = r.curve();
            ObjectNode node = root.putObject(r.name());
            node.put("degenerate", r.degenerate().isPresent());
            r.degenerate().ifPresent(why -> node.put("degenerate_reason", why));
            putNumber(node, "apgr", c.apgr());
            putNumber(node, "cpt20", c.cpt(0.2));
            putNumber(node, "cpt50", c.cpt(0.5));
            putNumber(node, "cpt80", c.cpt(0.8));
            putNumber(node, "auc", c.auc());
            putNumber(node, "savings_at_cpt50", c.savingsAtCpt50());
            putNumber(node, "dollar_saving_at_cpt50", c.dollarSavingShareAtCpt50());
            putNumber(node, "dollars_saved_per_request_at_cpt50",
                    c.strongCost() > 0 ? c.dollarSavingPerRequestAtCpt50() : Double.NaN);
            putNumber(node, "ibc_lift", r.ibcLift());
            putNumber(node, "aiq", r.aiq());
            putNumber(node, "saving_at_q95", savingAtQ95(c));
            Reliability reliability = calibration.get(r.name());
            if (reliability != null) {
                putNumber(node, "ece", reliability.ece());
                ArrayNode curve = node.putArray("reliability");
                for (Reliability.Bin b : reliability.bins()) {
                    curve.addObject().put("from", b.from()).put("to", b.to()).put("mean_p_good", b.meanPredicted())
                            .put("observed_good", b.observed()).put("count", b.count());
                }
            }
            putNumber(node, "weak_quality", c.weakQuality());
            putNumber(node, "strong_quality", c.strongQuality());
            ArrayNode points = node.putArray("points");
            for (CurvePoint p : c.points()) {
                ObjectNode pn = points.addObject();
                putNumber(pn, "threshold", p.threshold());
                pn.put("strong_share", p.strongShare());
                pn.put("quality", p.quality());
                pn.put("cost", p.cost());
            }
        }
        if (nTierReport != null) {
            nTierReport.writeJson(root);
        }
        try {
            Path parent = json.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
        }
        err.println("evaluate: wrote " + json);
    }

    /**
     * Share of the always-strong cost (the strong call alone) saved at the first operating point reaching 95%
     * of the strong model's quality; a cascade's curve already counts its always-paid weak call.
     */
    private double savingAtQ95(RoutingCurve c) {
        double cost = c.costAtQuality(0.95 * c.strongQuality());
        return alwaysStrongCost > 0 && !Double.isNaN(cost) ? 1 - cost / alwaysStrongCost : Double.NaN;
    }

    /** Calibration of a cascade's P(weak answer good) = 1 − score against the recorded weak quality. */
    private static Reliability reliability(double[] scores, RecordedResults evaluated, String weakModel) {
        double[] p = new double[scores.length];
        boolean[] good = new boolean[scores.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(1, Math.max(0, 1 - scores[i]));
            good[i] = evaluated.get(i).quality(weakModel) >= 0.5;
        }
        return Reliability.of(p, good, 10);
    }

    private void printCascadeMetrics(List<Result> results, PairOutcomes outcomes) {
        alwaysStrongCost = outcomes.meanCost(true);
        if (alwaysStrongCost > 0) {
            for (Result r : results) {
                double saving = savingAtQ95(r.curve());
                out.printf("saving at 95%% of strong quality: %-26s %s%n", r.name(),
                        Double.isNaN(saving) ? "not reached" : String.format("%.1f%%", saving * 100));
            }
        }
        calibration.forEach((name, rel) -> {
            out.printf("calibration of %s P(weak answer good), held out: ECE %.4f%n", name, rel.ece());
            for (Reliability.Bin b : rel.bins()) {
                out.printf("  P(good) %.1f-%.1f: mean predicted %.3f, observed %.3f (%d answers)%n", b.from(), b.to(),
                        b.meanPredicted(), b.observed(), b.count());
            }
        });
    }

    static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private void writePlot(List<Result> results, PairOutcomes outcomes, String source) {
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Strong-model calls vs quality: " + source)
                .xAxisTitle("strong model calls (%)").yAxisTitle("quality").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0);
        for (Result r : results) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (CurvePoint p : r.curve().points()) {
                x.add(p.strongShare() * 100);
                y.add(p.quality());
            }
            XYSeries s = chart.addSeries(String.format("%s (APGR %.3f)", r.name(), r.curve().apgr()), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        Map<String, Double> lines = new LinkedHashMap<>();
        lines.put("weak only", outcomes.meanQuality(false));
        lines.put("strong only", outcomes.meanQuality(true));
        lines.forEach((label, q) -> {
            XYSeries s = chart.addSeries(label, List.of(0.0, 100.0), List.of(q, q));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
        });
        try {
            List<Path> written = Charts.savePngAndSvg(chart, plot);
            err.println("evaluate: wrote " + written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + plot + ": " + e.getMessage(), e);
        }
    }

    /** For tests and embedding in other programs: the table and messages go to these streams. */
    EvaluateCommand streams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        return this;
    }
}
