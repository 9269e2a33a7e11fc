package io.github.router4j.samples.quickstart;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.router4j.core.Route;
import io.github.router4j.core.Router;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.DataFileException;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.config.RouterConfig;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.testkit.LocalOpenAiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The quick start: loads a YAML router, answers a few GSM8K questions through it, and prints for
 * each which tier answered, why, and what it cost. Without {@code OPENAI_API_KEY} (or with
 * {@code --offline}) both tiers are served by a local OpenAI-compatible server that replays
 * RouteLLM's recorded Mixtral and GPT-4 answers.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Load a YAML router and answer a few GSM8K questions with it, showing which tier answered,"
                + " why, and what it cost.",
                "Without OPENAI_API_KEY it replays RouteLLM's recorded Mixtral / GPT-4 answers from a local"
                        + " OpenAI-compatible server."})
public final class QuickstartCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "quickstart.yaml";
    private static final int PREVIEW = 88;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "PATH",
            description = "Router YAML (default: the bundled quickstart.yaml). Its base-url, api-key and model"
                    + " names may use $${ROUTER4J_BASE_URL}, $${OPENAI_API_KEY}, $${ROUTER4J_CHEAP_MODEL},"
                    + " $${ROUTER4J_STRONG_MODEL}, which replay mode sets.")
    Path config;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Folder holding RouteLLM's routellm/evals/gsm8k, to replay all 1,307 questions"
                    + " (default: the bundled subset of " + Gsm8kReplay.BUNDLED_SIZE + " questions).")
    Path data;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "8",
            description = "How many GSM8K questions to ask, spread evenly over the test set (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--offline", description = "Replay recorded answers even when OPENAI_API_KEY is set.")
    boolean offline;

    @Option(names = "--fail-once", paramLabel = "N", defaultValue = "2",
            description = "Replay mode: the cheapest tier's model answers question N with HTTP 500, to show the"
                    + " fallback (0: never; default: ${DEFAULT-VALUE}).")
    int failOnce;

    @Option(names = "--download-from", paramLabel = "URL", hidden = true, defaultValue = RouteLlmDownload.DEFAULT_BASE,
            description = "Where missing RouteLLM files are downloaded from.")
    String downloadFrom;

    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (requests < 1) {
            err.println("error: --requests must be at least 1, was " + requests);
            return 2;
        }
        if (config != null && !Files.isRegularFile(config)) {
            err.println("error: --config " + config.toAbsolutePath().normalize() + ": no such file");
            return 2;
        }
        Optional<Gsm8kReplay> loaded = loadData(out, err);
        if (loaded.isEmpty()) {
            return 2;
        }
        Gsm8kReplay replay = loaded.get();
        String apiKey = environment.apply("OPENAI_API_KEY");
        boolean replaying = offline || apiKey == null || apiKey.isBlank();

        LocalOpenAiServer server = replaying ? replay.start() : null;
        try {
            Map<String, String> overrides = new HashMap<>();
            if (server != null) {
                overrides.put("ROUTER4J_BASE_URL", server.baseUrl());
                overrides.put("OPENAI_API_KEY", "replay");
                overrides.put("ROUTER4J_CHEAP_MODEL", RouteLlmData.WEAK);
                overrides.put("ROUTER4J_STRONG_MODEL", RouteLlmData.STRONG);
            }
            RouterConfig.Loader loader = RouterConfig.loader()
                    .environment(name -> overrides.containsKey(name) ? overrides.get(name) : environment.apply(name));
            RouterConfig router;
            TieredChatModel model;
            try {
                router = config == null ? loader.fromClasspath(DEFAULT_CONFIG) : loader.load(config);
                model = router.toChatModel();
            } catch (RouterConfigException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            out.println(server != null
                    ? "router4j quick start: replaying RouteLLM's recorded GSM8K answers from a local OpenAI-compatible"
                    + " server at " + server.baseUrl() + (offline ? " (--offline)" : " (no OPENAI_API_KEY set)")
                    : "router4j quick start: calling the endpoints configured in " + router.source());
            out.println("config: " + (config == null ? "classpath:" + DEFAULT_CONFIG + " (bundled)" : config));
            out.println("tiers:  " + describeTiers(router.tiers()));
            out.println("router: " + router.routerType().orElse("default (cheapest eligible tier)")
                    + ", acceptance: " + router.acceptanceType().orElse("accept-all")
                    + ", fallback: " + router.fallbackOrder().name().toLowerCase().replace('_', '-'));
            out.println();
            return ask(model, router, replay, server, out, err);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private int ask(TieredChatModel model, RouterConfig router, Gsm8kReplay replay, LocalOpenAiServer server,
                    PrintWriter out, PrintWriter err) {
        List<RecordedRequest> all = replay.data().requests();
        int n = Math.min(requests, all.size());
        String strongest = router.tiers().get(router.tiers().size() - 1).name();
        double cost = 0;
        double strongestCost = 0;
        int graded = 0;
        int correct = 0;
        int strongCorrect = 0;
        for (int i = 0; i < n; i++) {
            RecordedRequest question = all.get((int) ((long) i * all.size() / n));
            out.printf("[%d/%d] %s%n", i + 1, n, preview(question.prompt()));
            if (server != null && i + 1 == failOnce) {
                server.failNext(RouteLlmData.WEAK, LocalOpenAiServer.Reply.error(500, "injected by --fail-once"));
                out.println("      (the replay server answers this one with HTTP 500 on " + RouteLlmData.WEAK + ")");
            }
            ChatResponse response;
            try {
                response = model.chat(ChatRequest.builder().messages(UserMessage.from(question.prompt())).build());
            } catch (RuntimeException e) {
                out.println("      failed: " + firstLine(e.getMessage()));
                continue;
            }
            Map<String, Object> attributes = response.aiMessage().attributes();
            String tier = String.valueOf(attributes.get(RoutingInfo.TIER));
            double requestCost = number(attributes.get(RoutingInfo.COST));
            double saving = number(attributes.get(RoutingInfo.SAVING));
            cost += requestCost;
            strongestCost += requestCost + saving;
            out.printf("      answered by %s: %s%n", tier, attributes.get(RoutingInfo.REASON));
            if (attributes.get(RoutingInfo.TRIED) instanceof List<?> tried && tried.size() > 1) {
                out.println("      tried: " + String.join("; ", tried.stream().map(String::valueOf).toList()));
            }
            StringBuilder line = new StringBuilder(String.format("      cost $%.6f (all on %s: $%.6f)", requestCost,
                    strongest, requestCost + saving));
            if (server != null) {
                List<LocalOpenAiServer.Request> served = server.requests();
                String servedModel = served.get(served.size() - 1).model();
                boolean ok = question.quality(servedModel) > 0;
                graded++;
                correct += ok ? 1 : 0;
                strongCorrect += question.quality(RouteLlmData.STRONG) > 0 ? 1 : 0;
                line.append(" · recorded grade: ").append(ok ? "correct" : "wrong");
            }
            out.println(line);
            out.println("      answer: " + preview(lastLine(response.aiMessage().text())));
        }
        out.println();
        out.printf("%d questions: $%.6f with routing vs $%.6f with every answer's tokens priced on %s (%.0f%% saved)%n",
                n, cost, strongestCost, strongest, strongestCost > 0 ? 100 * (1 - cost / strongestCost) : 0.0);
        if (graded > 0) {
            out.printf("graded correct by RouteLLM: %d/%d with routing, %d/%d always %s%n", correct, graded,
                    strongCorrect, graded, strongest);
            wholeTestSet(router, replay, out);
        }
        out.println("(token counts: " + (server != null ? "estimated by the replay server as characters / 4"
                : "as reported by the endpoint") + ")");
        out.flush();
        return 0;
    }

    /** What the configured router would do on every recorded question: no calls, RouteLLM's grades. */
    private static void wholeTestSet(RouterConfig config, Gsm8kReplay replay, PrintWriter out) {
        List<TierInfo> tiers = config.tiers();
        if (tiers.size() != 2) {
            return;
        }
        Router router = config.router().orElse((request, t) -> Route.to(0, "cheapest"));
        int strong = 0;
        double quality = 0;
        for (RecordedRequest r : replay.data()) {
            int tier = router.route(RoutingRequest.of(r.prompt()), tiers).tier();
            strong += tier == 1 ? 1 : 0;
            quality += r.quality(tier == 1 ? RouteLlmData.STRONG : RouteLlmData.WEAK);
        }
        int size = replay.data().size();
        out.printf("on " + (replay.isBundled() ? "the %d bundled" : "all %d") + " GSM8K test questions this router sends %.1f%% to %s; accuracy %.1f%%"
                        + " (always %s: %.1f%%, always %s: %.1f%%)%n",
                size, 100.0 * strong / size, tiers.get(1).name(), 100 * quality / size,
                tiers.get(0).name(), 100 * replay.data().meanQuality(RouteLlmData.WEAK),
                tiers.get(1).name(), 100 * replay.data().meanQuality(RouteLlmData.STRONG));
    }

    private Optional<Gsm8kReplay> loadData(PrintWriter out, PrintWriter err) {
        if (data == null) {
            return Optional.of(Gsm8kReplay.bundled());
        }
        try {
            return Optional.of(new Gsm8kReplay(RouteLlmData.gsm8k(data)));
        } catch (DataFileException e) {
            if (hasGsm8k(data)) {
                err.println("error: " + e.getMessage());
                return Optional.empty();
            }
        }
        Path root = data.toAbsolutePath().normalize();
        err.println("The RouteLLM GSM8K recordings are not in " + root + ".");
        err.println("The quick start needs these files of " + RouteLlmDownload.REPOSITORY + " (Apache-2.0),"
                + " kept at their paths below the --data folder:");
        RouteLlmDownload.GSM8K_FILES.forEach(f -> err.println("  " + f));
        err.println("Get them with: git clone " + RouteLlmDownload.REPOSITORY + " and pass --data <the clone>,"
                + " or download them from " + RouteLlmDownload.DEFAULT_BASE);
        err.println("Trying to download them into " + root + " ...");
        err.flush();
        if (RouteLlmDownload.gsm8k(downloadFrom, root, err::println)) {
            try {
                Optional<Gsm8kReplay> replay = Optional.of(new Gsm8kReplay(RouteLlmData.gsm8k(data)));
                out.println("downloaded the GSM8K recordings into " + root);
                return replay;
            } catch (DataFileException e) {
                err.println("error: the downloaded files do not load: " + e.getMessage());
                return Optional.empty();
            }
        }
        err.println("The download did not work (no network?). Fetch the files as above, then run again.");
        err.flush();
        return Optional.empty();
    }

    private static boolean hasGsm8k(Path root) {
        return Files.exists(root.resolve("routellm/evals/gsm8k/gsm8k_responses.csv"))
                || Files.exists(root.resolve("evals/gsm8k/gsm8k_responses.csv"))
                || Files.exists(root.resolve("gsm8k/gsm8k_responses.csv"))
                || Files.exists(root.resolve("gsm8k_responses.csv"));
    }

    private static String describeTiers(List<TierInfo> tiers) {
        StringBuilder b = new StringBuilder();
        for (TierInfo t : tiers) {
            b.append(b.length() == 0 ? "" : ", ").append(t.name())
                    .append(String.format(" ($%.2f in / $%.2f out per M tokens)", t.inputPricePerMillion(),
                            t.outputPricePerMillion()));
        }
        return b.toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String preview(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= PREVIEW ? flat : flat.substring(0, PREVIEW - 1) + "…";
    }

    private static String lastLine(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i];
            }
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
