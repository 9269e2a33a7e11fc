package io.github.router4j.samples.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.samples.Router4jCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import io.github.router4j.core.cascade.StackedPGood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CalibrateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int calibrate(String... args) {
        CommandLine cli = Router4jCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "calibrate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    /** Eight votes per answer: good answers say "correct" with p = 0.85, poor ones with p = 0.4. */
    private Path votes(int answers) throws Exception {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            boolean good = i % 2 == 0;
            int correct = 0;
            for (int k = 0; k < 8; k++) {
                correct += random.nextDouble() < (good ? 0.85 : 0.4) ? 1 : 0;
            }
            lines.add(i % 3 == 0
                    ? String.format(Locale.ROOT, "{\"observation\": %s, \"good\": %s}", correct / 8.0, good)
                    : String.format(Locale.ROOT, "{\"correct\": %d, \"total\": 8, \"good\": %s}", correct, good));
        }
        Path file = dir.resolve("observations.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void fitsSavesSummarisesAndPlots() throws Exception {
        Path saved = dir.resolve("out/meta-verifier.json");

        int exit = calibrate("--observations", votes(200).toString(), "-o", saved.toString(),
                "--plots", dir.resolve("plots").toString(), "--bandwidth", "0.3");

        assertThat(exit).as(err.toString()).isZero();
        MetaVerifier verifier = MetaVerifier.load(saved);
        assertThat(verifier.goodDensity().size()).isEqualTo(100);
        assertThat(verifier.pGood(1.0)).isGreaterThan(verifier.pGood(0.375));
        assertThat(out.toString()).contains("meta-verifier: 100 good, 100 poor observations; bandwidth 0.3")
                .contains("P(good) used").contains("saved " + saved);
        for (String chart : List.of("meta-verifier-densities", "meta-verifier-p-good", "meta-verifier-density")) {
            assertThat(dir.resolve("plots/" + chart + ".png")).isNotEmptyFile();
            assertThat(Files.readString(dir.resolve("plots/" + chart + ".svg"))).contains("<svg");
        }
    }

    @Test
    void aBadLineIsReportedWithFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"observation\": 0.5, \"good\": true}\n{\"observation\": \"half\", \"good\": false}\n");

        assertThat(calibrate("--observations", file.toString(), "-o", dir.resolve("mv.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("calibrate: " + file + ":2: field \"observation\": expected a number, got \"half\"");
    }

    @Test
    void identicalObservationsExplainTheMinimumBandwidthOption() throws Exception {
        Path file = dir.resolve("flat.jsonl");
        Files.writeString(file, "{\"observation\": 1.0, \"good\": true}\n{\"observation\": 1.0, \"good\": true}\n"
                + "{\"observation\": 0.25, \"good\": false}\n{\"observation\": 0.5, \"good\": false}\n");
        Path saved = dir.resolve("mv.json");

        assertThat(calibrate("--observations", file.toString(), "-o", saved.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("good answers").contains("all 2 observations equal 1.0").contains("minimum bandwidth");
        assertThat(calibrate("--observations", file.toString(), "-o", saved.toString(), "--min-bandwidth", "0.05")).isZero();
        assertThat(saved).isNotEmptyFile();
    }

    @Test
    void producesObservationsWithALiveTierFromLabelledAnswers() throws Exception {
        // an answer "42#n" draws n "correct" votes out of 8 from the local server
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> asked = new java.util.concurrent.ConcurrentHashMap<>();
        try (LocalOpenAiServer server = LocalOpenAiServer.start(request -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("AI-generated answer: (\\d+)#(\\d)")
                    .matcher(request.lastUserText());
            if (!m.find()) {
                return LocalOpenAiServer.Reply.error(400, "not a self-evaluation request");
            }
            int vote = asked.computeIfAbsent(m.group(0), k -> new java.util.concurrent.atomic.AtomicInteger()).getAndIncrement();
            boolean yes = vote % 8 < Integer.parseInt(m.group(2));
            return LocalOpenAiServer.Reply.text("{\"rationale\": \"checked\", \"judgement\": " + yes + "}");
        })) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean good = i % 2 == 0;
                int yes = good ? 5 + i % 4 : 1 + i % 4;
                lines.add(String.format(Locale.ROOT, "{\"question\": \"q%d\", \"answer\": \"%d#%d\", \"good\": %s}",
                        i, good ? 42 : 41, yes, good));
            }
            Path pairs = dir.resolve("pairs.jsonl");
            Files.write(pairs, lines);
            Path saved = dir.resolve("mv.json");
            Path observations = dir.resolve("observed.jsonl");

            int exit = calibrate("--pairs", pairs.toString(), "--base-url", server.baseUrl(), "--model-name", "small",
                    "--api-key", "local", "--save-observations", observations.toString(), "-o", saved.toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(server.requests("small")).hasSize(12 * 8)
                    .allSatisfy(r -> assertThat(r.body().path("temperature").asDouble()).isEqualTo(1.0));
            assertThat(Files.readAllLines(observations)).hasSize(12).first().asString()
                    .contains("\"observation\":0.625").contains("\"good\":true").contains("\"votes\":8");
            assertThat(MetaVerifier.load(saved).goodDensity().size()).isEqualTo(6);
            assertThat(out.toString()).contains("self-evaluating 12 answers on tier 'small'").contains("self-evaluation tokens:");
        }
    }

    @Test
    void takesTheSelfEvaluatingTierFromARouterYaml() throws Exception {
        try (LocalOpenAiServer server = LocalOpenAiServer.start(request -> LocalOpenAiServer.Reply.text(
                "{\"rationale\": \"r\", \"judgement\": " + request.lastUserText().contains("answer: 42") + "}"))) {
            Path yaml = dir.resolve("router.yaml");
            Files.writeString(yaml, """
                    tiers:
                      - name: small
                        model: {provider: openai, base-url: "%s", api-key: local, model-name: small-model, max-retries: 0}
                        price: {input: 0.2, output: 0.6}
                    """.formatted(server.baseUrl()));
            Path pairs = dir.resolve("pairs.jsonl");
            Files.writeString(pairs, "{\"question\": \"6 x 7?\", \"answer\": \"42\", \"good\": true}\n");

            assertThat(calibrate("--pairs", pairs.toString(), "--config", yaml.toString(), "--tier", "smal",
                    "-k", "2")).isEqualTo(2);
            assertThat(err.toString()).contains("--tier smal: no such tier").contains("[small]");
            assertThat(calibrate("--pairs", pairs.toString(), "--config", yaml.toString(), "--tier", "small", "-k", "2",
                    "--save-observations", dir.resolve("obs.jsonl").toString(), "-o", dir.resolve("mv.json").toString()))
                    .as("one good observation cannot fit a KDE").isEqualTo(2);
            assertThat(server.requests("small-model")).hasSize(2);
            assertThat(Files.readString(dir.resolve("obs.jsonl"))).contains("\"observation\":1.0");
            assertThat(err.toString()).contains("need at least 2 observations of good answers, got 1");
        }
    }

    @Test
    void aBadPairIsNamedByFileAndLine() throws Exception {
        Path pairs = dir.resolve("pairs.jsonl");
        Files.writeString(pairs, "{\"question\": \"q\", \"answer\": \"a\", \"good\": true}\n{\"question\": \"q\", \"good\": true}\n");

        assertThat(calibrate("--pairs", pairs.toString(), "--base-url", "http://127.0.0.1:9", "--model-name", "m")).isEqualTo(2);
        assertThat(err.toString()).contains(pairs + ":2: field \"answer\" is missing");
    }

    @Test
    void needsExactlyOneSource() {
        assertThat(calibrate("-o", dir.resolve("mv.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("give either --observations").contains("--pairs");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(calibrate("--observations", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--observations").contains("nope.jsonl: no such file");
    }

    /** Signals drawn so that P(good) = sigmoid(-0.5 + 1.5 x verifier_logit + 1 x arithmetic): a well-specified stack. */
    private Path signals(int answers) throws Exception {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            double verifier = random.nextGaussian();
            double arithmetic = random.nextBoolean() ? 1 : 0;
            double p = 1 / (1 + Math.exp(-(-0.5 + 1.5 * verifier + arithmetic)));
            lines.add(String.format(Locale.ROOT, "{\"signals\": {\"verifier_logit\": %.6f, \"arithmetic\": %.1f},"
                    + " \"good\": %s}", verifier, arithmetic, random.nextDouble() < p));
        }
        Path file = dir.resolve("signals.jsonl");
        Files.write(file, lines);
        return file;
    }

    @Test
    void fitsAStackedPGoodAndPrintsItsHeldOutReliability() throws Exception {
        Path saved = dir.resolve("stack.json");

        int exit = calibrate("--stack", signals(2000).toString(), "-o", saved.toString());

        assertThat(exit).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed).contains("stacked P(good): 2000 answers").contains("signals [verifier_logit, arithmetic]")
                .contains("5-fold held-out reliability (seed 42)").contains("saved " + saved);
        double ece = Double.parseDouble(printed.replaceAll("(?s).*expected calibration error ([0-9.]+).*", "$1"));
        assertThat(ece).isLessThan(0.05);
        StackedPGood stack = StackedPGood.load(saved);
        assertThat(stack.signals()).containsExactly("verifier_logit", "arithmetic");
        assertThat(stack.weights()[0]).isBetween(1.2, 1.8);
        assertThat(stack.weights()[1]).isBetween(0.7, 1.3);
    }

    @Test
    void aStackLineWithOtherSignalsIsAnErrorNamingFileAndLine() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of("{\"signals\": {\"a\": 1}, \"good\": true}", "{\"signals\": {\"b\": 1}, \"good\": false}"));

        int exit = calibrate("--stack", file.toString(), "-o", dir.resolve("x.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("calibrate: " + file + ":2: signals [b] differ from the first line's [a]");
    }
}
