package io.github.router4j.samples.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.router4j.core.cascade.StackedPGood;
import io.github.router4j.core.data.Folds;
import io.github.router4j.core.data.JsonLines;
import io.github.router4j.core.eval.Reliability;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import io.github.router4j.core.cascade.Bandwidth;
import io.github.router4j.core.cascade.LabelledObservation;
import io.github.router4j.core.cascade.LabelledObservations;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.UntrustedAction;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.cascade.SelfEvaluation;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import java.io.IOException;
import java.io.Writer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code router4j calibrate}: fits the cascade's meta-verifier from labelled self-evaluation
 * observations, prints a summary of the fitted curves, saves the JSON file a
 * {@code self-evaluation} acceptance step loads, and draws the curves as PNG and SVG.
 */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {"Fit the cascade's meta-verifier (KDEs over self-evaluation shares) from labelled observations,"
                + " or produce them with a live tier from labelled question/answer pairs (--pairs).",
                "Input: JSON Lines, one answer per line: {\"observation\": 0.75, \"good\": true},"
                        + " {\"votes\": [true, false, ...], \"good\": true} or {\"correct\": 6, \"total\": 8, \"good\": false}."})
public final class CalibrateCommand implements Callable<Integer> {

    private static final String DEFAULT_OUTPUT = "meta-verifier.json";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--observations", paramLabel = "FILE",
            description = "Labelled observations (JSON Lines). Either this or --pairs.")
    Path observations;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = {"Labelled question/answer pairs (JSON Lines: {\"question\": ..., \"answer\": ..., \"good\": true},"
                    + " optional \"context\"): a live tier self-evaluates each answer to produce the observations.",
                    "The tier: --config and --tier, or --base-url and --model-name (OpenAI-compatible)."})
    Path pairs;

    @Option(names = "--stack", paramLabel = "FILE",
            description = {"Fit a stacked P(good) instead, from labelled answer signals (JSON Lines:"
                    + " {\"signals\": {\"verifier_logit\": 1.3, \"arithmetic\": 1.0}, \"good\": true}), and print its"
                    + " held-out reliability curve and expected calibration error (--folds)."})
    Path stack;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
            description = "--stack: folds for the held-out reliability (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "--stack: seed of the fold split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--l2", defaultValue = "0.001", paramLabel = "PENALTY",
            description = "--stack: L2 penalty on the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--config", paramLabel = "YAML", description = "Router YAML whose tier --tier self-evaluates (with --pairs).")
    Path config;

    @Option(names = "--tier", paramLabel = "NAME", description = "Tier of --config that self-evaluates (with --pairs).")
    String tierName;

    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI-compatible endpoint that self-evaluates (with --pairs).")
    String baseUrl;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Model at --base-url (with --pairs).")
    String modelName;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:OPENAI_API_KEY}",
            description = "API key for --base-url (default: $OPENAI_API_KEY).")
    String apiKey;

    @Option(names = {"-k", "--samples"}, defaultValue = "8", paramLabel = "K",
            description = "Self-evaluation votes per answer (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T",
            description = "Temperature of the votes (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--save-observations", paramLabel = "FILE",
            description = "With --pairs: also write the produced observations (JSON Lines, with vote counts).")
    Path saveObservations;

    @Option(names = {"-o", "--output"}, defaultValue = DEFAULT_OUTPUT, paramLabel = "FILE",
            description = "Where to save the fitted meta-verifier (default: ${DEFAULT-VALUE}; with --stack:"
                    + " stacked-p-good.json).")
    Path output;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Directory for the charts (PNG + SVG): densities, P(good), normalised density.")
    Path plots;

    @Option(names = "--bandwidth", defaultValue = "scott", paramLabel = "FACTOR|scott|silverman",
            description = "KDE bandwidth factor as scipy's bw_method (default: ${DEFAULT-VALUE}).")
    String bandwidth;

    @Option(names = "--min-bandwidth", defaultValue = "0", paramLabel = "SD",
            description = "Floor of each kernel's standard deviation; needed when one class's observations are all equal"
                    + " (default: ${DEFAULT-VALUE}, no floor).")
    double minimumBandwidth;

    @Option(names = "--density-threshold", defaultValue = "0.1", paramLabel = "T",
            description = "Normalised density below which an observation is not trusted (default: ${DEFAULT-VALUE}).")
    double densityThreshold;

    @Option(names = "--grid-points", defaultValue = "200", paramLabel = "N",
            description = "Points of the [0, 1] grid the density maximum is taken on (default: ${DEFAULT-VALUE}).")
    int gridPoints;

    @Option(names = "--prior-good", paramLabel = "P",
            description = "Prior P(good) in (0, 1); default: none (plain density ratio).")
    Double priorGood;

    @Option(names = "--untrusted", defaultValue = "ESCALATE", paramLabel = "ESCALATE|USE_PRIOR",
            description = "P(good) of an untrusted observation: 0 (ESCALATE) or the prior (default: ${DEFAULT-VALUE}).")
    UntrustedAction untrusted;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return run(out);
        } catch (IllegalArgumentException | IOException | RouterConfigException e) {
            spec.commandLine().getErr().println("calibrate: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        } finally {
            out.flush();
        }
    }

    int run(PrintWriter out) throws IOException {
        if (stack != null) {
            if (observations != null || pairs != null) {
                throw new IllegalArgumentException("--stack fits a stacked P(good); leave out --observations and --pairs");
            }
            return runStack(out);
        }
        if ((observations == null) == (pairs == null)) {
            throw new IllegalArgumentException("give either --observations (labelled observations) or --pairs"
                    + " (labelled question/answer pairs for a live tier)");
        }
        List<LabelledObservation> data = observations != null ? readObservations() : observeLive(out);
        MetaVerifier verifier = builder().fit(data);
        printSummary(verifier, out);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        verifier.save(output);
        out.println("saved " + output);
        if (plots != null) {
            for (Path p : MetaVerifierPlots.write(verifier, plots)) {
                out.println("wrote " + p);
            }
        }
        return 0;
    }

    private int runStack(PrintWriter out) throws IOException {
        if (!Files.isRegularFile(stack)) {
            throw new IllegalArgumentException("--stack " + stack + ": no such file");
        }
        List<JsonLines.Line> lines = JsonLines.read(stack, "labelled answer ({\"signals\": {...}, \"good\": true})");
        List<String> names = new ArrayList<>();
        lines.get(0).node().path("signals").fieldNames().forEachRemaining(names::add);
        double[][] x = new double[lines.size()][];
        boolean[] good = new boolean[lines.size()];
        for (int i = 0; i < x.length; i++) {
            JsonLines.Line line = lines.get(i);
            JsonNode signals = line.node().get("signals");
            if (signals == null || !signals.isObject() || signals.size() == 0) {
                throw line.error("'signals' must be an object of named numbers");
            }
            List<String> here = new ArrayList<>();
            signals.fieldNames().forEachRemaining(here::add);
            if (!new HashSet<>(here).equals(new HashSet<>(names))) {
                throw line.error("signals " + here + " differ from the first line's " + names);
            }
            x[i] = new double[names.size()];
            for (int j = 0; j < names.size(); j++) {
                JsonNode v = signals.get(names.get(j));
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw line.error("signal '" + names.get(j) + "' must be a finite number, got " + v);
                }
                x[i][j] = v.asDouble();
            }
            JsonNode g = line.node().get("good");
            if (g == null || !g.isBoolean()) {
                throw line.error("'good' must be true or false");
            }
            good[i] = g.asBoolean();
        }
        int positives = 0;
        for (boolean g : good) {
            positives += g ? 1 : 0;
        }
        out.printf(Locale.ROOT, "stacked P(good): %d answers (%d good, %d poor), signals %s%n", x.length, positives,
                x.length - positives, names);
        if (folds >= 2) {
            if (folds > x.length) {
                throw new IllegalArgumentException("--folds " + folds + " is more than the " + x.length + " answers");
            }
            Folds split = Folds.split(x.length, folds, seed);
            double[] p = new double[x.length];
            for (int f = 0; f < folds; f++) {
                int[] train = split.train(f);
                double[][] tx = new double[train.length][];
                boolean[] ty = new boolean[train.length];
                for (int i = 0; i < train.length; i++) {
                    tx[i] = x[train[i]];
                    ty[i] = good[train[i]];
                }
                StackedPGood fold = StackedPGood.fit(names, tx, ty, l2);
                for (int i : split.test(f)) {
                    p[i] = fold.pGood(x[i]);
                }
            }
            Reliability reliability = Reliability.of(p, good, 10);
            out.printf(Locale.ROOT, "%d-fold held-out reliability (seed %d):%n", folds, seed);
            out.println("  P(good) bin   mean predicted  observed good  answers");
            for (Reliability.Bin b : reliability.bins()) {
                out.printf(Locale.ROOT, "  %.1f-%.1f       %14.4f  %13.4f  %7d%n", b.from(), b.to(), b.meanPredicted(),
                        b.observed(), b.count());
            }
            out.printf(Locale.ROOT, "expected calibration error %.4f%n", reliability.ece());
        }
        StackedPGood fitted = StackedPGood.fit(names, x, good, l2);
        out.printf(Locale.ROOT, "weights %s, intercept %.4f%n", Arrays.toString(fitted.weights()), fitted.intercept());
        Path target = output.equals(Path.of(DEFAULT_OUTPUT)) ? Path.of("stacked-p-good.json") : output;
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        fitted.save(target);
        out.println("saved " + target);
        return 0;
    }

    private List<LabelledObservation> readObservations() throws IOException {
        if (!Files.isRegularFile(observations)) {
            throw new IllegalArgumentException("--observations " + observations + ": no such file");
        }
        return LabelledObservations.readJsonl(observations);
    }

    private List<LabelledObservation> observeLive(PrintWriter out) throws IOException {
        if (!Files.isRegularFile(pairs)) {
            throw new IllegalArgumentException("--pairs " + pairs + ": no such file");
        }
        List<LiveObservations.Pair> labelled = LiveObservations.readPairs(pairs);
        Tier tier = liveTier();
        out.printf(Locale.ROOT, "self-evaluating %d answers on tier '%s', %d votes each at temperature %s%n",
                labelled.size(), tier.name(), samples, temperature);
        out.flush();
        try (SelfEvaluation evaluation = SelfEvaluation.builder().samples(samples).temperature(temperature).build();
             Writer save = saveObservations == null ? null : Files.newBufferedWriter(saveObservations)) {
            LiveObservations.Result result = LiveObservations.observe(labelled, tier, evaluation, save, out);
            out.printf(Locale.ROOT, "self-evaluation tokens: %d in, %d out%n", result.inputTokens(), result.outputTokens());
            if (saveObservations != null) {
                out.println("saved observations " + saveObservations);
            }
            return result.observations();
        }
    }

    private Tier liveTier() {
        if (config != null) {
            if (tierName == null) {
                throw new IllegalArgumentException("--config needs --tier: which tier self-evaluates");
            }
            List<Tier> tiers = RouterConfig.load(config).toChatModel().tiers();
            return tiers.stream().filter(t -> t.name().equals(tierName)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--tier " + tierName + ": no such tier in " + config + "; tiers are "
                            + tiers.stream().map(Tier::name).toList()));
        }
        if (baseUrl == null || modelName == null) {
            throw new IllegalArgumentException("--pairs needs a tier: --config and --tier, or --base-url and --model-name");
        }
        ChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).modelName(modelName)
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey).build();
        return Tier.builder().name(modelName).model(model).build();
    }

    MetaVerifier.Builder builder() {
        MetaVerifier.Builder b = MetaVerifier.builder()
                .bandwidth(Bandwidth.parse(bandwidth))
                .minimumBandwidth(minimumBandwidth)
                .densityThreshold(densityThreshold)
                .densityGrid(0, 1, gridPoints)
                .untrustedAction(untrusted);
        if (priorGood != null) {
            b.priorGood(priorGood);
        }
        return b;
    }

    static void printSummary(MetaVerifier v, PrintWriter out) {
        out.printf(Locale.ROOT, "meta-verifier: %d good, %d poor observations; bandwidth %s%n",
                v.goodDensity().size(), v.poorDensity().size(), v.settings().bandwidth());
        out.printf(Locale.ROOT, "kernel sd: good %.4f, poor %.4f, all %.4f; density max %.4f; prior P(good) %.3f%n",
                v.goodDensity().bandwidth(), v.poorDensity().bandwidth(), v.allDensity().bandwidth(), v.densityMax(),
                v.prior());
        out.printf(Locale.ROOT, "untrusted below normalised density %.3f -> %s%n", v.densityThreshold(), v.untrustedAction());
        out.println("  share   f_good   f_poor  P(good)  density  trusted  P(good) used");
        MetaVerifier.Curves c = v.curves(17);
        for (MetaVerifier.Assessment a : c.assessments()) {
            out.printf(Locale.ROOT, "  %5.3f %8.4f %8.4f %8.4f %8.4f  %-7s  %8.4f%n", a.observation(), a.densityGood(),
                    a.densityPoor(), a.ratio(), a.normalisedDensity(), a.trusted() ? "yes" : "no", a.pGood());
        }
    }
}
