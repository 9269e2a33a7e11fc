package io.github.router4j.samples.train;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.trace.JsonlRoutingTraceStore;
import io.github.router4j.core.trace.RoutingTrace;
import io.github.router4j.core.trace.RoutingTraces;
import io.github.router4j.learned.AnswerFeatures;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.LearnedRouter;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.samples.evaluate.CascadeRouters;
import io.github.router4j.samples.evaluate.DataFormat;
import io.github.router4j.samples.evaluate.EmbeddingDiskCache;
import io.github.router4j.samples.evaluate.EvaluateCommand;
import io.github.router4j.samples.evaluate.RecordedDataOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code router4j replay-traces}: the cascade teaching the router, on recorded answers. The first
 * requests of a shuffled data set are the traffic a code-verifier cascade (weak answer first,
 * escalate when {@link CascadeRouters#codePenalty(String)} reaches {@code --escalate-at}) answers
 * while a {@link JsonlRoutingTraceStore} records its traces; a pre-call classifier is trained from
 * those traces exactly as {@code train --traces} does; on the remaining requests the cascade runs
 * again, alone and behind that router (requests it scores at or above a threshold go straight to the
 * strong model), and the command prints how many weak calls ended escalated, the quality and the cost.
 */
@Command(name = "replay-traces", mixinStandardHelpOptions = true,
        description = "Replay recorded answers through a code-verifier cascade, record its traces, train a pre-call"
                + " router on them (as train --traces) and measure on later requests how many cheap calls it saves.")
public final class TraceReplayCommand implements Callable<Integer> {

    @Mixin
    RecordedDataOptions input;

    @Option(names = "--traces", required = true, paramLabel = "FILE", description = "Trace file to write (must not exist).")
    Path traces;

    @Option(names = "--traffic", defaultValue = "0.5", paramLabel = "SHARE",
            description = "Share of the shuffled requests replayed as traffic and traced (default: ${DEFAULT-VALUE}).")
    double traffic;

    @Option(names = "--escalate-at", defaultValue = "1.0", paramLabel = "PENALTY",
            description = "The cascade escalates when the weak answer's code penalty reaches this (default: ${DEFAULT-VALUE}).")
    double escalateAt;

    @Option(names = "--thresholds", split = ",", defaultValue = "0.5,0.6,0.7,0.8,0.9", paramLabel = "P,P",
            description = "Pre-call router thresholds to measure (default: ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Option(names = "--price", split = ",", defaultValue = "0.6/0.6,10/30", paramLabel = "IN/OUT,IN/OUT",
            description = "Dollars per million input/output tokens of the weak and the strong model (tokens = characters / 4)"
                    + " where the data records no cost (default: ${DEFAULT-VALUE}).")
    List<String> prices;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the shuffle and of training.")
    long seed;

    @Option(names = "--save-router", paramLabel = "FILE", description = "Also save the router trained on the traces.")
    Path saveRouter;

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "On-disk embedding cache shared with evaluate and train (default: ~/.cache/router4j/embeddings).")
    Path embeddingCache = EmbeddingDiskCache.DEFAULT_DIR;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        try {
            run();
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("replay-traces: " + e.getMessage());
            return 2;
        }
    }

    private void run() {
        if (Files.exists(traces)) {
            throw new IllegalArgumentException("--traces " + traces + " exists; name a new file");
        }
        if (!(traffic > 0 && traffic < 1)) {
            throw new IllegalArgumentException("--traffic must be between 0 and 1, got " + traffic);
        }
        DataFormat format = input.format();
        RecordedResults all = format.load(input.data());
        List<String> models = input.tierModels(all, format, null);
        String weak = models.get(0);
        String strong = models.get(1);
        Map<String, double[]> priceTable = Map.of(weak, price(prices.get(0)), strong, price(prices.get(1)));
        List<RecordedRequest> requests = new ArrayList<>(all.withModels(models).requests().stream()
                .filter(r -> r.result(weak).flatMap(m -> m.answer()).isPresent()).toList());
        Collections.shuffle(requests, new Random(seed));
        int n = (int) Math.round(requests.size() * traffic);
        List<RecordedRequest> trafficRequests = requests.subList(0, n);
        List<RecordedRequest> later = requests.subList(n, requests.size());

        LearnedRouter router;
        try (EmbeddingDiskCache embeddings = TrainCommand.embeddings(all.subset(indices(all, requests)), embeddingCache)) {
            try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(traces)) {
                for (RecordedRequest r : trafficRequests) {
                    store.append(trace(r, weak, strong, embeddings.apply(r.prompt())));
                }
            }
            RoutingTraces read = JsonlRoutingTraceStore.read(traces);
            TrainingSet.FromTraces fromTraces = TrainingSet.fromTraces(read.traces());
            router = ClassifierRouter.train(fromTraces.set(), ClassifierRouter.options().useTextFeatures(false)
                    .seed(seed).build());
            long escalated = fromTraces.set().examples().stream().filter(e -> e.quality()[0] == 0).count();
            out.printf("traffic: %d requests traced to %s, %d escalated by the cascade (%.1f%%)%n", n, traces,
                    escalated, 100.0 * escalated / n);
            if (saveRouter != null) {
                router.save(saveRouter);
                out.println("saved the router trained on the traces to " + saveRouter);
            }
            double[] p = new double[later.size()];
            for (int i = 0; i < p.length; i++) {
                RecordedRequest r = later.get(i);
                p[i] = router.strongProbability(RoutingRequest.builder().text(r.prompt())
                        .embedding(embeddings.apply(r.prompt())).build());
            }
            report(later, p, weak, strong, priceTable);
        }
    }

    private RoutingTrace trace(RecordedRequest r, String weak, String strong, float[] embedding) {
        String answer = r.result(weak).flatMap(m -> m.answer()).orElseThrow();
        double penalty = CascadeRouters.codePenalty(answer);
        boolean escalate = penalty >= escalateAt;
        List<RoutingTrace.Step> steps = new ArrayList<>();
        steps.add(new RoutingTrace.Step(weak, 0, escalate ? RoutingTrace.Outcome.ESCALATED : RoutingTrace.Outcome.ANSWERED,
                AnswerFeatures.named(r.prompt(), answer), Map.of("code_penalty", penalty, "escalate_at", escalateAt)));
        if (escalate) {
            steps.add(new RoutingTrace.Step(strong, 1, RoutingTrace.Outcome.ANSWERED,
                    AnswerFeatures.named(r.prompt(), r.result(strong).flatMap(m -> m.answer()).orElse("")), Map.of()));
        }
        return new RoutingTrace(r.id(), Instant.EPOCH, embedding, Optional.empty(), steps, Optional.empty());
    }

    private void report(List<RecordedRequest> later, double[] p, String weak, String strong, Map<String, double[]> prices) {
        out.printf("later traffic: %d requests%n", later.size());
        out.printf("%-22s %12s %14s %16s %9s %14s%n", "", "sent strong", "weak calls", "weak calls", "quality",
                "$ per request");
        out.printf("%-22s %12s %14s %16s %9s %14s%n", "", "before call", "", "ending escalated", "", "");
        Row alone = row(later, p, Double.POSITIVE_INFINITY, weak, strong, prices);
        print("cascade alone", alone, alone);
        for (double t : thresholds) {
            print(String.format("router >= %.2f + cascade", t), row(later, p, t, weak, strong, prices), alone);
        }
    }

    private record Row(int preRouted, int weakCalls, int wasted, double quality, double cost) {
    }

    private Row row(List<RecordedRequest> later, double[] p, double threshold, String weak, String strong,
                    Map<String, double[]> prices) {
        int preRouted = 0;
        int weakCalls = 0;
        int wasted = 0;
        double quality = 0;
        double cost = 0;
        for (int i = 0; i < p.length; i++) {
            RecordedRequest r = later.get(i);
            if (p[i] >= threshold) {
                preRouted++;
                quality += r.quality(strong);
                cost += EvaluateCommand.cost(r, strong, prices);
                continue;
            }
            weakCalls++;
            cost += EvaluateCommand.cost(r, weak, prices);
            if (CascadeRouters.codePenalty(r.result(weak).flatMap(m -> m.answer()).orElseThrow()) >= escalateAt) {
                wasted++;
                quality += r.quality(strong);
                cost += EvaluateCommand.cost(r, strong, prices);
            } else {
                quality += r.quality(weak);
            }
        }
        return new Row(preRouted, weakCalls, wasted, quality / p.length, cost / p.length);
    }

    private void print(String label, Row row, Row alone) {
        String cut = row == alone ? "" : String.format(" (%+.1f%%)", 100.0 * (row.wasted() - alone.wasted()) / alone.wasted());
        out.printf("%-22s %12d %14d %16s %9.4f %14.6f%n", label, row.preRouted(), row.weakCalls(),
                row.wasted() + cut, row.quality(), row.cost());
    }

    private static int[] indices(RecordedResults all, List<RecordedRequest> requests) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        requests.forEach(r -> ids.add(r.id()));
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (ids.contains(all.get(i).id())) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] price(String inOut) {
        String[] parts = inOut.split("/");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--price " + inOut + ": expected IN/OUT dollars per million tokens, e.g. 10/30");
        }
    }
}
