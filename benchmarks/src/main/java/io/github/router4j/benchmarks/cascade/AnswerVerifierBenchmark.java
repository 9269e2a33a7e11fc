package io.github.router4j.benchmarks.cascade;

import io.github.router4j.learned.AnswerVerifier;
import io.github.router4j.learned.ClassifierRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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

/**
 * The learned answer verifier's accept/escalate decision with the prompt and answer embeddings
 * already computed (the embedding call is excluded): answer features (length, refusal, hedging,
 * format, recomputed arithmetic ...), standardisation of 2 × 384 + 13 columns, the classifier, the
 * threshold. Sampled per call, so the percentiles (p50, p99) are reported.
 *
 * <p>Trained on 400 synthetic GSM8K-style answers (right ones with a {@code ####} line and correct
 * arithmetic, wrong ones hedged or miscalculated) with random unit embeddings; 64 held-out answers
 * are cycled through.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar AnswerVerifierBenchmark -f 1 -wi 5 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnswerVerifierBenchmark {

    @Param({"LOGISTIC_REGRESSION", "GRADIENT_BOOSTING"})
    public String algorithm;

    private AnswerVerifier verifier;
    private List<AnswerVerifier.Example> probes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(0);
        List<AnswerVerifier.Example> training = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            training.add(example(random, i));
        }
        verifier = AnswerVerifier.train(training, ClassifierRouter.options()
                .algorithm(ClassifierRouter.Algorithm.valueOf(algorithm)).seed(0).build());
        probes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            probes.add(example(random, 1000 + i));
        }
    }

    private static AnswerVerifier.Example example(Random random, int i) {
        int a = 2 + random.nextInt(40);
        int b = 2 + random.nextInt(12);
        boolean good = random.nextDouble() < 0.65;
        String prompt = "A baker fills " + a + " boxes with " + b + " muffins each and sells " + b
                + " muffins. How many muffins are left?";
        String answer = good
                ? "He baked " + a + " * " + b + " = <<" + a + "*" + b + "=" + a * b + ">>" + a * b + " muffins.\n"
                + "Left: " + a * b + " - " + b + " = <<" + a * b + "-" + b + "=" + (a * b - b) + ">>" + (a * b - b)
                + ".\n#### " + (a * b - b)
                : "I think he baked about " + a + " * " + b + " = " + (a * b + 3 + i % 5) + " muffins, so probably "
                + (a * b) + " are left.";
        return new AnswerVerifier.Example(prompt, unit(random), answer, unit(random), good);
    }

    private static float[] unit(Random random) {
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Benchmark
    public boolean decide() {
        AnswerVerifier.Example e = probes.get(next++ & 63);
        return verifier.pGood(e.prompt(), e.promptEmbedding(), e.answer(), e.answerEmbedding()) >= verifier.threshold();
    }
}
