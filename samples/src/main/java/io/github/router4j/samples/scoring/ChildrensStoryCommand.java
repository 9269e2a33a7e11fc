package io.github.router4j.samples.scoring;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.router4j.core.scoring.ScoreThresholdPolicy;
import io.github.router4j.langchain4j.AcceptanceStep;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TierCall;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.scoring.LlmJudge;
import io.github.router4j.langchain4j.scoring.SpecEvidenceSource;
import io.github.router4j.langchain4j.scoring.SpecScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code childrens-story}: the children's-story scoring spec as the acceptance test of a two-tier
 * cascade. The cheap tier writes first; its story is scored (judge questions and the length scorer);
 * below the threshold the request escalates to the strong tier. Offline (scripted models) without an API key.
 */
@Command(name = "childrens-story", mixinStandardHelpOptions = true,
        description = "Write an Aesop-style children's story with a two-tier cascade whose acceptance test is a scoring spec.")
public final class ChildrensStoryCommand implements Callable<Integer> {

    static final String PROMPT = "Write a children's story in the style of Aesop's fables teaching a life lesson"
            + " about patience.";

    @Option(names = "--spec", description = "Scoring spec, YAML or JSON, e.g. the output of calibrate-spec"
            + " (default: the bundled children's-story spec)")
    Path specFile;

    @Option(names = "--threshold", defaultValue = "0.8", description = "Accept when the score is at least this (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--samples", defaultValue = "5", description = "Judge votes per question (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--prompt", description = "The request (default: a fable about patience)")
    String prompt = PROMPT;

    @Mixin
    StoryModels.Options models;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ScoringSpec spec = StoryModels.spec(specFile);
        try (StoryModels m = StoryModels.open(models)) {
            Tier cheap = Tier.builder().name("cheap").model(m.cheap()).inputPricePerMillion(0.15).outputPricePerMillion(0.6).build();
            Tier strong = Tier.builder().name("strong").model(m.strong()).inputPricePerMillion(2.5).outputPricePerMillion(10).build();
            AtomicReference<RoutingInfo> routing = new AtomicReference<>();
            try (SpecScorer scorer = SpecScorer.builder().spec(spec)
                    .judge(LlmJudge.builder().model(m.cheap()).samples(samples).build()).build()) {
                SpecEvidenceSource source = SpecEvidenceSource.of(scorer, cheap).skippingJudgesBelow(threshold).observedBy((ctx, score) ->
                        out.printf("%s tier's story scored:%n%s", ctx.tier().name(), score.describe()));
                TieredChatModel model = TieredChatModel.builder().tiers(List.of(cheap, strong))
                        .acceptance(AcceptanceStep.of(source, ScoreThresholdPolicy.of(threshold)))
                        .routingListener(event -> routing.set(event.routingInfo()))
                        .build();
                out.printf("models: %s; spec \"%s\"; accept at score >= %.2f; judge: cheap tier, %d votes%n%n",
                        m.offline() ? "scripted offline models (no API key)" : "cheap " + models.cheapModel + ", strong " + models.strongModel,
                        spec.name(), threshold, samples);
                out.println("request: " + prompt + "\n");
                ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from(prompt)).build());
                RoutingInfo info = routing.get();
                out.println();
                for (TierCall call : info.calls()) {
                    out.printf("%-7s %-9s %s%n", call.tier(), call.outcome(), call.reason());
                }
                out.printf("answered by %s; cost $%.6f (strongest tier alone: $%.6f)%n%n", info.answeredBy().orElse("-"),
                        info.cost(), info.strongestCost());
                out.println(response.aiMessage().text());
                return 0;
            }
        }
    }
}
