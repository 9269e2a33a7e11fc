package io.github.router4j.benchmarks.overhead;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Router;
import io.github.router4j.core.eval.RandomRouter;
import io.github.router4j.learned.ClassifierRouter;
import io.github.router4j.learned.MatrixFactorizationRouter;
import io.github.router4j.learned.SwBradleyTerryRouter;
import io.github.router4j.learned.TrainingExample;
import io.github.router4j.learned.TrainingSet;
import io.github.router4j.core.routing.CheapestFirstRouter;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.micrometer.RoutingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code TieredChatModel.chat} adds to a request: the whole path (routing request, router,
 * tier call, acceptance, routing information, listeners) around two zero-latency scripted tiers,
 * against calling the weak tier directly ({@code router=direct}); {@code cheapest-first-metrics} adds
 * {@code RoutingMetrics} on a {@code SimpleMeterRegistry}. Embeddings come from a
 * zero-latency lookup of 384-dimensional vectors, so the learned routers' own cost is measured, not
 * MiniLM's. The learned routers are trained on 1,000 synthetic examples (random unit vectors; the
 * strong model is needed when the first coordinate is positive); sw-bt compares each request with
 * all of them.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar overhead -bm sample -tu us -t 1
 * java -jar benchmarks/target/benchmarks.jar overhead -bm thrpt -tu ms -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OverheadBenchmark {

    private static final int DIMENSION = 384;
    private static final int PROMPTS = 64;

    @Param({"direct", "cheapest-first", "cheapest-first-metrics", "random", "classifier-logreg", "classifier-gbt",
            "classifier-mlp", "sw-bt", "mf"})
    public String router;

    private ChatModel model;
    private ChatRequest[] requests;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        Map<String, float[]> vectors = new HashMap<>();
        requests = new ChatRequest[PROMPTS];
        for (int i = 0; i < PROMPTS; i++) {
            String text = "Question " + i + ": what is the derivative of x^" + i + " at x = " + (i % 7) + "?";
            vectors.put(text, unitVector(random));
            requests[i] = ChatRequest.builder().messages(UserMessage.from(text)).build();
        }
        ChatModel weak = new ScriptedChatModel("weak answer");
        ChatModel strong = new ScriptedChatModel("strong answer");
        if (router.equals("direct")) {
            model = weak;
            return;
        }
        TieredChatModel.Builder builder = TieredChatModel.builder()
                .tiers(List.of(
                        Tier.builder().name("weak").model(weak).inputPricePerMillion(0.6).outputPricePerMillion(0.6)
                                .build(),
                        Tier.builder().name("strong").model(strong).inputPricePerMillion(10).outputPricePerMillion(30)
                                .build()))
                .router(router(router.replace("-metrics", ""), random))
                .embeddingModel(new LookupEmbeddingModel(vectors));
        if (router.endsWith("-metrics")) {
            builder.routingListener(RoutingMetrics.builder().registry(new SimpleMeterRegistry()).build());
        }
        model = builder.build();
    }

    @Benchmark
    public ChatResponse chat() {
        return model.chat(requests[Math.floorMod(next.getAndIncrement(), PROMPTS)]);
    }

    private static Router router(String name, Random random) {
        return switch (name) {
            case "cheapest-first" -> new CheapestFirstRouter();
            case "random" -> new RandomRouter(42);
            case "classifier-logreg" -> ClassifierRouter.train(training(random),
                    ClassifierRouter.options().algorithm(ClassifierRouter.Algorithm.LOGISTIC_REGRESSION).build());
            case "classifier-gbt" -> ClassifierRouter.train(training(random),
                    ClassifierRouter.options().algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).build());
            case "classifier-mlp" -> ClassifierRouter.train(training(random),
                    ClassifierRouter.options().algorithm(ClassifierRouter.Algorithm.MLP).build());
            case "sw-bt" -> SwBradleyTerryRouter.train(training(random), SwBradleyTerryRouter.options().build());
            case "mf" -> MatrixFactorizationRouter.train(training(random), MatrixFactorizationRouter.options().build());
            default -> throw new IllegalArgumentException("unknown router " + name);
        };
    }

    private static TrainingSet training(Random random) {
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            float[] v = unitVector(random);
            boolean hard = v[0] > 0;
            examples.add(TrainingExample.of("training prompt " + i, v, hard ? 0 : 1, 1));
        }
        return TrainingSet.of("weak", "strong", examples);
    }

    private static float[] unitVector(Random random) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** A tier that answers at once with a fixed text and token usage. */
    static final class ScriptedChatModel implements ChatModel {
        private final ChatResponse response;

        ScriptedChatModel(String answer) {
            this.response = ChatResponse.builder().aiMessage(AiMessage.from(answer))
                    .tokenUsage(new TokenUsage(40, 8)).build();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return response;
        }
    }

    /** Embeddings looked up from a map: no model time in the measurement. */
    static final class LookupEmbeddingModel implements EmbeddingModel {
        private final Map<String, float[]> vectors;

        LookupEmbeddingModel(Map<String, float[]> vectors) {
            this.vectors = Map.copyOf(vectors);
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                out.add(Embedding.from(vectors.get(s.text())));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }
    }
}
