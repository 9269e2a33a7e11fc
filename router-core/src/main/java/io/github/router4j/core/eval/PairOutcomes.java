package io.github.router4j.core.eval;

import io.github.router4j.core.data.RecordedRequest;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Per request, the quality and cost of a weak and a strong model: what a two-model routing decision
 * is scored against. Costs are 0 when unknown.
 */
public final class PairOutcomes {

    private final double[] weakQuality;
    private final double[] strongQuality;
    private final double[] weakCost;
    private final double[] strongCost;

    public PairOutcomes(double[] weakQuality, double[] strongQuality, double[] weakCost, double[] strongCost) {
        int n = weakQuality.length;
        if (strongQuality.length != n || weakCost.length != n || strongCost.length != n) {
            throw new IllegalArgumentException("all four arrays need one value per request");
        }
        this.weakQuality = weakQuality.clone();
        this.strongQuality = strongQuality.clone();
        this.weakCost = weakCost.clone();
        this.strongCost = strongCost.clone();
    }

    /**
     * Outcomes of {@code weak} and {@code strong} on recorded requests.
     *
     * @param cost dollars of a model on a request: e.g. the recorded cost, or a price-based estimate
     */
    public static PairOutcomes of(List<RecordedRequest> requests, String weak, String strong,
                                  ToDoubleBiFunction<RecordedRequest, String> cost) {
        int n = requests.size();
        double[] wq = new double[n];
        double[] sq = new double[n];
        double[] wc = new double[n];
        double[] sc = new double[n];
        for (int i = 0; i < n; i++) {
            RecordedRequest r = requests.get(i);
            wq[i] = r.quality(weak);
            sq[i] = r.quality(strong);
            wc[i] = cost.applyAsDouble(r, weak);
            sc[i] = cost.applyAsDouble(r, strong);
        }
        return new PairOutcomes(wq, sq, wc, sc);
    }

    /** Outcomes with recorded costs where present (0 otherwise). */
    public static PairOutcomes of(List<RecordedRequest> requests, String weak, String strong) {
        return of(requests, weak, strong, (r, m) -> r.result(m).orElseThrow().cost().orElse(0));
    }

    /**
     * The outcomes of a weak-then-strong cascade: escalating costs the weak call plus the strong one.
     */
    public PairOutcomes cascade() {
        double[] both = new double[size()];
        for (int i = 0; i < both.length; i++) {
            both[i] = weakCost[i] + strongCost[i];
        }
        return new PairOutcomes(weakQuality, strongQuality, weakCost, both);
    }

    public int size() {
        return weakQuality.length;
    }

    public double quality(int i, boolean strong) {
        return strong ? strongQuality[i] : weakQuality[i];
    }

    public double cost(int i, boolean strong) {
        return strong ? strongCost[i] : weakCost[i];
    }

    public double meanQuality(boolean strong) {
        return mean(strong ? strongQuality : weakQuality);
    }

    public double meanCost(boolean strong) {
        return mean(strong ? strongCost : weakCost);
    }

    /**
     * RouteLLM's optimal quality at a strong-call share: the requests with the largest
     * strong-minus-weak quality advantage go to the strong model first (never one with no advantage).
     */
    public double optimalQuality(double strongShare) {
        int n = size();
        double[] gain = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            gain[i] = strongQuality[i] - weakQuality[i];
            total += weakQuality[i];
        }
        Arrays.sort(gain);
        long calls = (long) Math.floor(n * strongShare);
        for (int k = 0; k < calls && gain[n - 1 - k] > 0; k++) {
            total += gain[n - 1 - k];
        }
        return total / n;
    }

    /**
     * The strong-call share the oracle needs to recover {@code fraction} of the quality gap (its
     * CPT): requests with the largest advantage go first, the last one fractionally.
     */
    public double oracleCpt(double fraction) {
        int n = size();
        double[] gain = new double[n];
        for (int i = 0; i < n; i++) {
            gain[i] = strongQuality[i] - weakQuality[i];
        }
        Arrays.sort(gain);
        double need = fraction * (meanQuality(true) - meanQuality(false)) * n;
        double got = 0;
        for (int k = 0; k < n && gain[n - 1 - k] > 0; k++) {
            double g = gain[n - 1 - k];
            if (got + g >= need) {
                return (k + (need - got) / g) / n;
            }
            got += g;
        }
        return 1.0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
