package io.github.router4j.core.cascade;

import io.github.router4j.core.eval.Reliability;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StackedPGoodTest {

    /** Labels drawn from a known logistic model of two signals; the third signal is noise. */
    private static Object[] sample(int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextDouble();
            x[i] = new double[] {a, b, r.nextGaussian()};
            double p = 1 / (1 + Math.exp(-(0.5 + 2 * a - 3 * b)));
            y[i] = r.nextDouble() < p;
        }
        return new Object[] {x, y};
    }

    @Test
    void recoversTheWeightsOfTheModelThatMadeTheLabels() {
        Object[] s = sample(20_000, 1);

        StackedPGood stack = StackedPGood.fit(List.of("a", "b", "noise"), (double[][]) s[0], (boolean[]) s[1], 0);

        assertThat(stack.intercept()).isCloseTo(0.5, within(0.1));
        assertThat(stack.weights()[0]).isCloseTo(2, within(0.1));
        assertThat(stack.weights()[1]).isCloseTo(-3, within(0.15));
        assertThat(stack.weights()[2]).isCloseTo(0, within(0.05));
    }

    @Test
    void itsProbabilitiesAreCalibratedOnHeldOutData() {
        Object[] train = sample(5_000, 2);
        Object[] test = sample(5_000, 3);
        StackedPGood stack = StackedPGood.fit(List.of("a", "b", "noise"), (double[][]) train[0], (boolean[]) train[1],
                1e-3);

        double[][] x = (double[][]) test[0];
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = stack.pGood(x[i]);
        }
        Reliability reliability = Reliability.of(p, (boolean[]) test[1], 10);

        assertThat(reliability.ece()).isLessThan(0.03);
        assertThat(reliability.bins()).hasSize(10);
    }

    @Test
    void aPenaltyShrinksSeparableDataToFiniteWeights() {
        double[][] x = {{0}, {1}, {2}, {3}};
        boolean[] y = {false, false, true, true};

        StackedPGood stack = StackedPGood.fit(List.of("s"), x, y, 1e-2);

        assertThat(stack.weights()[0]).isFinite().isPositive();
        assertThat(stack.pGood(new double[] {3})).isGreaterThan(0.8);
        assertThat(stack.pGood(new double[] {0})).isLessThan(0.2);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> StackedPGood.fit(List.of("a"), new double[][] {{Double.NaN}}, new boolean[] {true}, 0))
                .hasMessage("row 0 has a non-finite signal: [NaN]");
        assertThatThrownBy(() -> StackedPGood.fit(List.of("a", "b"), new double[][] {{1}}, new boolean[] {true}, 0))
                .hasMessage("row 0 has 1 signals, expected 2");
        assertThat(StackedPGood.logit(1)).isFinite();
    }
}
