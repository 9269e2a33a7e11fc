package io.github.router4j.samples.evaluate;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.eval.Degeneracy;
import io.github.router4j.core.eval.PairOutcomes;
import io.github.router4j.core.eval.RoutingCurve;
import io.github.router4j.embeddings.DefaultEmbeddingModels;
import io.github.router4j.learned.SharedTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RouteLLM MMLU with every prompt wrapped in one shared 1,500-character 5-shot prefix: with the learned
 * template removed, the best learned router routes as well as on the plain prompts. A fixed subset of
 * 2,000 prompts keeps the test short; {@code docs/routers.md} has the full-data comparison.
 */
class SharedTemplateMmluTest {

    /** Five MMLU questions (subject, row in its file) and their answers: the few-shot examples of the prefix. */
    private static final List<String[]> FEW_SHOT = List.of(new String[] {"astronomy", "2", "C"},
            new String[] {"high_school_biology", "4", "C"}, new String[] {"astronomy", "1", "D"},
            new String[] {"high_school_geography", "1", "D"}, new String[] {"elementary_mathematics", "4", "B"});
    static final String INSTRUCTIONS = "The following are multiple choice questions (with answers). Read each question"
            + " and its four options, then reply with the letter of the correct option only, as in these examples.";
    private static final int SUBSET = 2_000;
    private static final List<String> ROUTERS = List.of("classifier-logreg", "sw-bt", "mf");

    private final EmbeddingModel miniLm = DefaultEmbeddingModels.allMiniLmL6V2Q();
    private final Map<String, float[]> batch = new ConcurrentHashMap<>();
    /** Kept in target/, so a second run does not embed again. */
    private final EmbeddingDiskCache embeddings = new EmbeddingDiskCache(Path.of("target", "embedding-cache"),
            DefaultEmbeddingModels.ALL_MINILM_L6_V2_Q,
            text -> batch.containsKey(text) ? batch.get(text) : miniLm.embed(text).content().vector());

    @AfterEach
    void close() {
        embeddings.close();
    }

    /** The prefix: instructions, then the five questions each followed by its answer letter. */
    static String fiveShotPrefix(RecordedResults mmlu) {
        List<String> parts = new ArrayList<>(List.of(INSTRUCTIONS));
        for (String[] shot : FEW_SHOT) {
            String id = "mmlu/" + shot[0] + "/" + shot[1];
            RecordedRequest question = mmlu.requests().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            parts.add(question.prompt().strip() + " " + shot[2]);
        }
        return String.join("\n\n", parts);
    }

    @Test
    void the_best_learned_router_on_templated_prompts_is_within_002_apgr_of_the_plain_prompts() {
        Path data = Path.of(System.getProperty("router4j.shared.data", "../shared/data")).resolve("routellm");
        assumeTrue(Files.isDirectory(data.resolve("routellm/evals/mmlu/responses")),
                "RouteLLM MMLU data not found under " + data + "; set -Drouter4j.shared.data");
        RecordedResults all = DataFormat.parse("routellm-mmlu").load(data);
        int step = all.size() / SUBSET;
        RecordedResults plain = all.subset(IntStream.range(0, SUBSET).map(i -> i * step).toArray());
        String prefix = fiveShotPrefix(all);
        RecordedResults wrapped = new RecordedResults("wrapped", plain.requests().stream()
                .map(r -> new RecordedRequest(r.id(), prefix + "\n\n" + r.prompt(), r.models(), r.attributes())).toList());

        SharedTemplate template = SharedTemplate.learn(wrapped.requests().stream().map(RecordedRequest::prompt).toList());
        double plainApgr = bestApgr(plain);
        double wrappedApgr = bestApgr(wrapped);

        assertThat(prefix.length()).isBetween(1_450, 1_550);
        assertThat(template.lines()).as("every line of the prefix is learned as template")
                .containsAll(prefix.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        assertThat(Degeneracy.ofVectors(wrapped.requests().stream()
                .map(r -> embed(template.strip(r.prompt()))).toList())).isEmpty();
        assertThat(wrappedApgr).as("best APGR on plain prompts %.4f", plainApgr).isCloseTo(plainApgr,
                org.assertj.core.data.Offset.offset(0.02));
    }

    private double bestApgr(RecordedResults data) {
        String weak = "mistralai/Mixtral-8x7B-Instruct-v0.1";
        String strong = "gpt-4-1106-preview";
        preEmbed(data);
        Evaluation evaluation = new Evaluation(data, java.util.List.of(weak, strong), this::embed, 42, true);
        PairOutcomes outcomes = PairOutcomes.of(data.requests(), weak, strong);
        double best = 0;
        for (EvaluatedRouter router : EvaluatedRouters.select(ROUTERS, data)) {
            double apgr = RoutingCurve.sweep(evaluation.crossValidated(router, 5), outcomes, RoutingCurve.DEFAULT_BINS)
                    .apgr();
            best = Math.max(best, apgr);
        }
        return best;
    }

    /** Embeds the data's prompts, without their template, in batches (what the routers will ask for). */
    private void preEmbed(RecordedResults data) {
        SharedTemplate template = SharedTemplate.learn(data.requests().stream().map(RecordedRequest::prompt).toList());
        List<String> texts = data.requests().stream().map(r -> template.strip(r.prompt())).distinct()
                .filter(t -> !embeddings.contains(t)).toList();
        for (int start = 0; start < texts.size(); start += 64) {
            List<String> part = texts.subList(start, Math.min(texts.size(), start + 64));
            List<Embedding> vectors = miniLm.embedAll(part.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < part.size(); i++) {
                batch.put(part.get(i), vectors.get(i).vector());
                embeddings.apply(part.get(i));
            }
        }
        batch.clear();
    }

    private float[] embed(String text) {
        return embeddings.apply(text);
    }
}
