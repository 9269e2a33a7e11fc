package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class SharedTemplateTest {

    private static final String FEW_SHOT = """
            Answer each question with one word.

            Q: What colour is the sky?
            A: Blue

            Q: What is frozen water?
            A: Ice
            """;
    private static final List<String> QUESTIONS = List.of("What is the capital of France?", "Which planet is red?",
            "Who wrote Hamlet?", "What do bees make?", "How many legs has a spider?");

    private static List<String> wrapped() {
        List<String> prompts = new ArrayList<>();
        for (String q : QUESTIONS) {
            prompts.add(FEW_SHOT + "\nQ: " + q + "\nA:");
        }
        return prompts;
    }

    @Test
    void learnsTheLinesEveryPromptSharesAndLeavesTheQuestion() {
        SharedTemplate template = SharedTemplate.learn(wrapped());

        assertThat(template.lines()).containsExactlyInAnyOrder("Answer each question with one word.",
                "Q: What colour is the sky?", "A: Blue", "Q: What is frozen water?", "A: Ice", "A:");
        assertThat(template.strip(wrapped().get(0))).isEqualTo("Q: What is the capital of France?");
    }

    @Test
    void learnsAPrefixAndSuffixInsideLines() {
        List<String> prompts = QUESTIONS.stream()
                .map(q -> "Please answer the following question carefully: " + q + " Thank you so much for your help!")
                .toList();

        SharedTemplate template = SharedTemplate.learn(prompts);

        assertThat(template.prefix()).isEqualTo("Please answer the following question carefully: ");
        assertThat(template.suffix()).isEqualTo(" Thank you so much for your help!");
        assertThat(template.strip(prompts.get(2))).isEqualTo("Who wrote Hamlet?");
    }

    @Test
    void leavesDiverseTextAloneAndNeverStripsATextToNothing() {
        assertThat(SharedTemplate.learn(QUESTIONS).isEmpty()).isTrue();
        SharedTemplate template = SharedTemplate.learn(wrapped());

        assertThat(template.strip(FEW_SHOT)).as("only template: kept whole").isEqualTo(FEW_SHOT);
        assertThat(template.strip("A new question\nwith two lines")).isEqualTo("A new question\nwith two lines");
    }

    @Test
    void aRouterWithItsTemplateSavesLoadsAndRemovesTheTemplateBeforeEmbedding() {
        SyntheticTopics data = new SyntheticTopics(3, 60, 0);
        LearnedRouter trained = SwBradleyTerryRouter.train(data.trainingSet(), SwBradleyTerryRouter.options().build());
        SharedTemplate template = SharedTemplate.learn(wrapped());
        LearnedRouter router = LearnedRouters.fromJson(LearnedRouters.withTemplate(trained, template).toJson());
        Map<String, float[]> embedded = new ConcurrentHashMap<>();
        float[] vector = data.train.get(0).embedding();

        double p = router.strongProbability(RoutingRequest.builder().text(wrapped().get(1))
                .embedder(text -> {
                    embedded.put(text, vector);
                    return vector;
                }).build());

        assertThat(LearnedRouters.templateOf(router).lines()).isEqualTo(template.lines());
        assertThat(embedded).containsOnlyKeys("Q: Which planet is red?");
        assertThat(p).isEqualTo(trained.strongProbability(RoutingRequest.builder().text("x").embedding(vector).build()));
        assertThat(router.withThreshold(0.3).threshold()).isEqualTo(0.3);
        assertThat(LearnedRouters.templateOf(router.withThreshold(0.3))).isEqualTo(LearnedRouters.templateOf(router));
    }

    @Test
    void aTemplatedRouterPredictsEveryModelsQualityFromTheTextWithoutTheTemplate() {
        SyntheticTopics data = new SyntheticTopics(3, 60, 0);
        LearnedRouter trained = SwBradleyTerryRouter.train(data.trainingSet(), SwBradleyTerryRouter.options().build());
        LearnedRouter router = LearnedRouters.withTemplate(trained, SharedTemplate.learn(wrapped()));
        float[] vector = data.train.get(0).embedding();
        Map<String, float[]> embedded = new ConcurrentHashMap<>();

        double[] predicted = router.predictQuality(RoutingRequest.builder().text(wrapped().get(2))
                .embedder(text -> {
                    embedded.put(text, vector);
                    return vector;
                }).build());

        assertThat(embedded).containsOnlyKeys("Q: Who wrote Hamlet?");
        assertThat(predicted).containsExactly(
                trained.predictQuality(RoutingRequest.builder().text("x").embedding(vector).build()));
    }
}
