package io.github.router4j.core.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FixedDecimalTest {

    private static String fast(double v, int decimals) {
        return FixedDecimal.append(new StringBuilder(), v, decimals).toString();
    }

    private static String formatter(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 6, 9})
    void writes_what_the_formatter_writes_for_random_values_of_every_magnitude(int decimals) {
        Random random = new Random(decimals);
        for (int i = 0; i < 50_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(30) - 15) * random.nextDouble();
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> (random.nextInt(2_000_000) - 1_000_000 + 0.5) / Math.pow(10, decimals);
            };
            assertThat(fast(v, decimals)).as("%s with %d decimals", v, decimals).isEqualTo(formatter(v, decimals));
        }
    }

    @Test
    void rounds_half_up_the_shortest_decimal_form_as_the_formatter_does() {
        double[] values = {0.15, 1.0005, 0.0005, 0.9995, 0.1235, 2.675, 1e-7, 0.5, 1.5, 999.9995, 0.000_000_5};
        for (double v : values) {
            for (int decimals : new int[] {1, 3, 6}) {
                assertThat(fast(v, decimals)).as("%s", v).isEqualTo(formatter(v, decimals));
                assertThat(fast(-v, decimals)).as("%s", -v).isEqualTo(formatter(-v, decimals));
            }
        }
        assertThat(fast(0.15, 1)).isEqualTo("0.2");
    }

    @Test
    void writes_signs_zeros_and_special_values_like_the_formatter() {
        double[] values = {0.0, -0.0, -0.0001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e20, 0x1p40, 123_456_789.123_456};
        for (double v : values) {
            assertThat(fast(v, 3)).as("%s", v).isEqualTo(formatter(v, 3));
            assertThat(fast(v, 6)).as("%s", v).isEqualTo(formatter(v, 6));
        }
        assertThat(fast(-0.0001, 3)).isEqualTo("-0.000");
    }
}
