package io.github.router4j.benchmarks.cascade;

import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.cascade.Bandwidth;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.PomdpPolicy;
import io.github.router4j.core.cascade.RewardPolicy;
import io.github.router4j.core.cascade.TierCosts;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cascade's decision cost without model calls: P(good) of one self-evaluation share, and one
 * full accept/escalate decision by the reward rule and by the three-tier POMDP.
 *
 * <p>The meta-verifier is fitted as in the design notes' worked example (150 observations: poor
 * N(0.55, 0.05) × 50, good N(0.9, 0.03) × 50 and N(0.6, 0.03) × 50, bandwidth factor 0.3, density
 * threshold 0.1), drawn with Java's RNG. Observations cycle through 64 shares so nothing folds to
 * a constant.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar cascade -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CascadeBenchmark {

    private static final List<TierInfo> TIERS = List.of(
            new TierInfo("small", 0, 0.2, 0.6, Set.of()),
            new TierInfo("medium", 1, 1.0, 3.0, Set.of()),
            new TierInfo("large", 2, 5.0, 15.0, Set.of()));

    private MetaVerifier verifier;
    private RewardPolicy reward;
    private PomdpPolicy pomdp;
    private double[] shares;
    private Attempt[] attempts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(0);
        double[] poor = new double[50];
        double[] good = new double[100];
        for (int i = 0; i < 50; i++) {
            poor[i] = 0.55 + 0.05 * random.nextGaussian();
        }
        for (int i = 0; i < 50; i++) {
            good[i] = 0.9 + 0.03 * random.nextGaussian();
        }
        for (int i = 50; i < 100; i++) {
            good[i] = 0.6 + 0.03 * random.nextGaussian();
        }
        verifier = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).densityThreshold(0.1).fit(good, poor);
        TierCosts costs = TierCosts.relative(1, 1.2, 1.5);
        reward = RewardPolicy.builder().metaVerifier(verifier).lambda(0.5).costs(costs).build();
        pomdp = PomdpPolicy.builder().metaVerifier(verifier).tierAccuracies(0.6, 0.75, 0.9).lambda(0.1).costs(costs).build();
        shares = new double[64];
        attempts = new Attempt[64];
        RoutingRequest request = RoutingRequest.of("What is 6 x 7?");
        for (int i = 0; i < shares.length; i++) {
            shares[i] = 0.4 + 0.6 * i / (shares.length - 1);
            Evidence evidence = Evidence.of(Evidence.SELF_EVALUATION_SHARE, shares[i]).with(Evidence.SELF_EVALUATION_VOTES, 8);
            attempts[i] = new Attempt(request, TIERS.get(0), TIERS, "42", evidence);
        }
    }

    @Benchmark
    public double pGood() {
        return verifier.pGood(shares[next++ & 63]);
    }

    @Benchmark
    public Verdict rewardDecision() {
        return reward.decide(attempts[next++ & 63]);
    }

    @Benchmark
    public Verdict pomdpDecision() {
        return pomdp.decide(attempts[next++ & 63]);
    }
}
