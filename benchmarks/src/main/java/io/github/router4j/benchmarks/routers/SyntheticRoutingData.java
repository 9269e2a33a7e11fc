package io.github.router4j.benchmarks.routers;

import io.github.router4j.learned.TrainingExample;
import io.github.router4j.learned.TrainingSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training data of realistic shape for the benchmarks: 384-dimensional embeddings (MiniLM's size) spread around
 * 50 topic centres, two models, the weak one failing a topic-dependent share of requests.
 */
final class SyntheticRoutingData {

    static final int DIMENSION = 384;
    static final String TYPICAL_PROMPT = "Explain the difference between a process and a thread in an operating"
            + " system, and give an example of when you would choose one over the other.";

    private SyntheticRoutingData() {
    }

    static TrainingSet trainingSet(int size, long seed) {
        return trainingSet(size, seed, 2);
    }

    /**
     * {@code models} models: the last fails 10% of requests at random, model j &lt; last fails a topic-dependent share
     * of up to {@code 0.6 * (1 - j / models)}.
     */
    static TrainingSet trainingSet(int size, long seed, int models) {
        Random random = new Random(seed);
        int topics = 50;
        float[][] centres = new float[topics][DIMENSION];
        double[] weakFails = new double[topics];
        for (int t = 0; t < topics; t++) {
            for (int j = 0; j < DIMENSION; j++) {
                centres[t][j] = (float) random.nextGaussian();
            }
            weakFails[t] = random.nextDouble() * 0.6;
        }
        List<TrainingExample> examples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int t = random.nextInt(topics);
            float[] e = new float[DIMENSION];
            for (int j = 0; j < DIMENSION; j++) {
                e[j] = centres[t][j] + (float) random.nextGaussian();
            }
            double[] quality = new double[models];
            for (int m = 0; m < models - 1; m++) {
                quality[m] = random.nextDouble() < weakFails[t] * (1 - (double) m / models) ? 0 : 1;
            }
            quality[models - 1] = random.nextDouble() < 0.1 ? 0 : 1;
            examples.add(new TrainingExample("Question " + i + " about topic " + t + ": what is the answer?", e,
                    quality));
        }
        List<String> names = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            names.add(models == 2 ? (m == 0 ? "weak" : "strong") : "model-" + m);
        }
        return new TrainingSet(names, examples);
    }

    static float[] query(long seed) {
        Random random = new Random(seed);
        float[] q = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            q[j] = (float) random.nextGaussian();
        }
        return q;
    }
}
