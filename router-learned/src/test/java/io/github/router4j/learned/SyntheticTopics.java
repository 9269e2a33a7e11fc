package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic recorded results with one rule: requests about "proofs" need the strong model (the weak one fails
 * them), requests about "recipes" are answered well by both. Embeddings are noisy points around one centroid
 * per topic, with 5% of training labels flipped.
 */
final class SyntheticTopics {

    static final int DIMENSION = 24;

    final List<TrainingExample> train;
    final List<TrainingExample> test;
    final List<Boolean> testNeedsStrong;

    SyntheticTopics(long seed, int trainSize, int testSize) {
        Random random = new Random(seed);
        float[] proofs = unit(random);
        float[] recipes = unit(random);
        train = new ArrayList<>();
        test = new ArrayList<>();
        testNeedsStrong = new ArrayList<>();
        for (int i = 0; i < trainSize + testSize; i++) {
            boolean hard = random.nextBoolean();
            float[] e = noisy(hard ? proofs : recipes, random);
            String text = hard ? "Prove that the sum of the first " + i + " odd numbers is a square."
                    : "Give me a recipe for soup number " + i + ".";
            boolean flip = i < trainSize && random.nextDouble() < 0.05;
            boolean weakFails = hard != flip;
            TrainingExample ex = TrainingExample.of(text, e, weakFails ? 0 : 1, 1);
            if (i < trainSize) {
                train.add(ex);
            } else {
                test.add(ex);
                testNeedsStrong.add(hard);
            }
        }
    }

    TrainingSet trainingSet() {
        return TrainingSet.of("weak", "strong", train);
    }

    static RoutingRequest request(TrainingExample e) {
        return RoutingRequest.builder().text(e.text()).embedding(e.embedding()).build();
    }

    /** Share of test requests on which {@code router} sends exactly the "proofs" to the strong model. */
    double accuracy(LearnedRouter router) {
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            boolean strong = router.strongProbability(request(test.get(i))) >= router.threshold();
            if (strong == testNeedsStrong.get(i)) {
                right++;
            }
        }
        return (double) right / test.size();
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }

    private static float[] noisy(float[] centre, Random random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) (random.nextGaussian() * 0.25);
        }
        return v;
    }
}
