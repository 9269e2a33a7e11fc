package io.github.router4j.core.cascade;

import static io.github.router4j.core.cascade.ScipyReference.doubles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class GaussianKdeTest {

    static Stream<JsonNode> scipyCases() {
        return StreamSupport.stream(ScipyReference.root().get("kde").spliterator(), false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("scipyCases")
    void matchesScipyGaussianKdeTo1e9(JsonNode c) {
        JsonNode w = c.get("weights");
        JsonNode bw = c.get("bw_method");
        GaussianKde kde = GaussianKde.builder()
                .data(doubles(c.get("data")))
                .weights(w.isNull() ? null : doubles(w))
                .bandwidth(Bandwidth.parse(bw.asText()))
                .build();

        assertThat(kde.factor()).isCloseTo(c.get("factor").doubleValue(), within(1e-12));
        assertThat(kde.neff()).isCloseTo(c.get("neff").doubleValue(), within(1e-9));
        assertThat(kde.covariance()).isCloseTo(c.get("covariance").doubleValue(),
                within(1e-12 * Math.max(1, c.get("covariance").doubleValue())));
        double[] points = doubles(c.get("points"));
        double[] expected = doubles(c.get("density"));
        double[] actual = kde.density(points);
        for (int i = 0; i < points.length; i++) {
            assertThat(actual[i]).as("%s density at %s", c.get("name").asText(), points[i])
                    .isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @Test
    void scottIsTheDefaultAsInScipy() {
        double[] data = {0.1, 0.4, 0.45, 0.9, 0.2};
        assertThat(GaussianKde.builder().data(data).build().factor())
                .isEqualTo(GaussianKde.fit(data, Bandwidth.scott()).factor())
                .isCloseTo(Math.pow(5, -0.2), within(1e-15));
    }

    @Test
    void dataWithoutSpreadIsAClearErrorNotBandwidthZero() {
        assertThatThrownBy(() -> GaussianKde.fit(new double[] {1.0, 1.0, 1.0, 1.0}, Bandwidth.factor(0.3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 4 observations equal 1.0")
                .hasMessageContaining("minimum bandwidth");
    }

    @Test
    void aMinimumBandwidthMakesDataWithoutSpreadUsable() {
        GaussianKde kde = GaussianKde.builder().data(new double[] {1.0, 1.0, 1.0}).minimumBandwidth(0.05).build();

        assertThat(kde.bandwidth()).isEqualTo(0.05);
        assertThat(kde.density(1.0)).isCloseTo(1 / (Math.sqrt(2 * Math.PI) * 0.05), within(1e-12));
    }

    @Test
    void theMinimumIsAFloorThatLeavesWiderKernelsAlone() {
        double[] data = {0.0, 1.0};
        GaussianKde plain = GaussianKde.fit(data, Bandwidth.factor(0.5));
        GaussianKde floored = GaussianKde.builder().data(data).bandwidth(Bandwidth.factor(0.5)).minimumBandwidth(0.01).build();
        assertThat(floored.bandwidth()).isEqualTo(plain.bandwidth());
        assertThat(GaussianKde.builder().data(data).bandwidth(Bandwidth.factor(0.5)).minimumBandwidth(2).build().bandwidth())
                .isEqualTo(2);
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> GaussianKde.fit(new double[] {0.5}, Bandwidth.scott()))
                .hasMessageContaining("at least 2 observations, got 1");
        assertThatThrownBy(() -> GaussianKde.fit(new double[] {0.5, Double.NaN}, Bandwidth.scott()))
                .hasMessageContaining("observation 1 is not a finite number");
        assertThatThrownBy(() -> GaussianKde.builder().data(new double[] {0, 1}).weights(new double[] {1}).build())
                .hasMessageContaining("expected 2 weights");
        assertThatThrownBy(() -> GaussianKde.builder().data(new double[] {0, 1}).weights(new double[] {1, -1}).build())
                .hasMessageContaining("weight 1");
        assertThatThrownBy(() -> Bandwidth.parse("wide")).hasMessageContaining("\"wide\"");
        assertThatThrownBy(() -> Bandwidth.factor(0)).hasMessageContaining("> 0");
    }

    @Test
    void neverModifiesTheCallersArray() {
        double[] data = {0.9, 0.1, 0.5};
        GaussianKde.fit(data, Bandwidth.silverman());
        assertThat(data).containsExactly(0.9, 0.1, 0.5);
    }

    @Test
    void bandwidthRoundTripsThroughText() {
        assertThat(Bandwidth.parse(Bandwidth.factor(0.3).toString())).isEqualTo(Bandwidth.factor(0.3));
        assertThat(Bandwidth.parse("Scott")).isEqualTo(Bandwidth.scott());
        assertThat(Bandwidth.parse("silverman")).isEqualTo(Bandwidth.silverman());
    }
}
