package io.github.router4j.core.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaVerifierTest {

    private static final JsonNode EXAMPLE = ScipyReference.workedExample();

    static MetaVerifier workedExample() {
        return MetaVerifier.builder()
                .bandwidth(Bandwidth.factor(EXAMPLE.get("bw_method").doubleValue()))
                .densityThreshold(EXAMPLE.get("density_threshold").doubleValue())
                .densityGrid(0, 1, EXAMPLE.get("grid_points").intValue())
                .fit(ScipyReference.workedGood(), ScipyReference.workedPoor());
    }

    @Test
    void reproducesTheWorkedExampleAsScipyComputesIt() {
        MetaVerifier verifier = workedExample();

        assertThat(verifier.densityMax()).isCloseTo(EXAMPLE.get("density_max").doubleValue(), within(1e-9));
        assertThat(verifier.goodDensity().bandwidth())
                .isCloseTo(EXAMPLE.get("factor_good_bandwidth").doubleValue(), within(1e-12));
        assertThat(verifier.poorDensity().bandwidth())
                .isCloseTo(EXAMPLE.get("factor_poor_bandwidth").doubleValue(), within(1e-12));
        for (JsonNode probe : EXAMPLE.get("probes")) {
            double x = probe.get("observation").doubleValue();
            MetaVerifier.Assessment a = verifier.assess(x);
            assertThat(a.densityGood()).as("f_good(%s)", x).isCloseTo(probe.get("density_good").doubleValue(), within(1e-9));
            assertThat(a.densityPoor()).as("f_poor(%s)", x).isCloseTo(probe.get("density_poor").doubleValue(), within(1e-9));
            assertThat(a.ratio()).as("P(good | %s)", x).isCloseTo(probe.get("p_good").doubleValue(), within(1e-9));
            assertThat(a.normalisedDensity()).as("normalised density at %s", x)
                    .isCloseTo(probe.get("normalised_density").doubleValue(), within(1e-9));
            assertThat(a.trusted()).as("trusted at %s", x).isEqualTo(probe.get("trusted").booleanValue());
        }
    }

    @Test
    void theDensityThresholdCatchesTheCertainlyGoodVerdictWhereThereWasNoData() {
        MetaVerifier.Assessment at02 = workedExample().assess(0.2);

        assertThat(at02.ratio()).as("density ratio alone").isGreaterThan(0.99);
        assertThat(at02.normalisedDensity()).isLessThan(0.1);
        assertThat(at02.trusted()).isFalse();
        assertThat(at02.pGood()).isZero();
    }

    @Test
    void withUsePriorAnUntrustedObservationGetsThePrior() {
        MetaVerifier configured = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).priorGood(0.7)
                .untrustedAction(UntrustedAction.USE_PRIOR)
                .fit(ScipyReference.workedGood(), ScipyReference.workedPoor());
        MetaVerifier fromData = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3))
                .untrustedAction(UntrustedAction.USE_PRIOR)
                .fit(ScipyReference.workedGood(), ScipyReference.workedPoor());

        assertThat(configured.pGood(0.2)).isEqualTo(0.7);
        assertThat(fromData.prior()).isCloseTo(100.0 / 150, within(1e-15));
        assertThat(fromData.pGood(0.2)).isEqualTo(fromData.prior());
    }

    @Test
    void aPriorWeighsTheDensities() {
        MetaVerifier plain = workedExample();
        MetaVerifier pessimistic = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).priorGood(0.2)
                .fit(ScipyReference.workedGood(), ScipyReference.workedPoor());
        MetaVerifier.Assessment a = plain.assess(0.6);
        double expected = 0.2 * a.densityGood() / (0.2 * a.densityGood() + 0.8 * a.densityPoor());

        assertThat(pessimistic.assess(0.6).ratio()).isCloseTo(expected, within(1e-12)).isLessThan(a.ratio());
    }

    @Test
    void savesAndLoadsItsJsonFile(@TempDir Path dir) throws Exception {
        MetaVerifier original = MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).priorGood(0.6)
                .densityThreshold(0.05).untrustedAction(UntrustedAction.USE_PRIOR).minimumBandwidth(0.01)
                .fit(ScipyReference.workedGood(), ScipyReference.workedPoor());
        Path file = dir.resolve("meta-verifier.json");

        original.save(file);
        MetaVerifier loaded = MetaVerifier.load(file);

        assertThat(loaded.settings()).isEqualTo(original.settings());
        assertThat(loaded.goodObservations()).containsExactly(original.goodObservations());
        for (double x = 0; x <= 1; x += 0.05) {
            assertThat(loaded.assess(x)).isEqualTo(original.assess(x));
        }
        assertThat(Files.readString(file)).contains("\"format\" : \"router4j-meta-verifier\"");
    }

    @Test
    void aBadFileIsRejectedNamingTheFileAndField() {
        assertThatThrownBy(() -> MetaVerifier.fromJson("{\"format\":\"router4j-meta-verifier\",\"version\":1,"
                + "\"bandwidth\":0.3,\"good\":[0.9,\"high\"],\"poor\":[0.1,0.2]}", "mv.json"))
                .hasMessage("mv.json: field \"good[1]\": expected a number, got \"high\"");
        assertThatThrownBy(() -> MetaVerifier.fromJson("{\"format\":\"router4j-meta-verifier\",\"version\":1,"
                + "\"bandwith\":0.3,\"good\":[0.9,0.8],\"poor\":[0.1,0.2]}", "mv.json"))
                .hasMessageStartingWith("mv.json: unknown field \"bandwith\"");
        assertThatThrownBy(() -> MetaVerifier.fromJson("{\"format\":\"router4j-meta-verifier\",\"version\":1,"
                + "\"densityThreshold\":3,\"good\":[0.9,0.8],\"poor\":[0.1,0.2]}", "mv.json"))
                .hasMessageStartingWith("mv.json: densityThreshold: expected a number in [0, 1], got 3.0");
        assertThatThrownBy(() -> MetaVerifier.fromJson("[1, 2]", "mv.json"))
                .hasMessageContaining("mv.json: expected a JSON object");
        assertThatThrownBy(() -> MetaVerifier.fromJson("{\"format\": \"x\"}", "mv.json"))
                .hasMessageContaining("field \"format\"");
    }

    @Test
    void identicalObservationsForOneClassNeedAMinimumBandwidth() {
        double[] good = {1.0, 1.0, 1.0, 1.0};
        double[] poor = {0.25, 0.5, 0.75, 0.375};

        assertThatThrownBy(() -> MetaVerifier.builder().bandwidth(Bandwidth.factor(0.3)).fit(good, poor))
                .hasMessageStartingWith("meta-verifier, good answers: cannot fit a kernel density estimate: all 4 observations equal 1.0");
        MetaVerifier floored = MetaVerifier.builder().minimumBandwidth(0.05).fit(good, poor);
        assertThat(floored.goodDensity().bandwidth()).isEqualTo(0.05);
        assertThat(floored.pGood(1.0)).isGreaterThan(0.9);
    }

    @Test
    void needsTwoObservationsOfEachClass() {
        assertThatThrownBy(() -> MetaVerifier.builder().fit(List.of(new LabelledObservation(0.9, true),
                new LabelledObservation(0.8, true), new LabelledObservation(0.1, false))))
                .hasMessage("meta-verifier: need at least 2 observations of poor answers, got 1");
    }

    @Test
    void readsObservationsSharesVotesAndCounts() throws Exception {
        String jsonl = """
                {"observation": 0.75, "good": true}

                {"votes": [true, false, true, true], "good": false, "question": "ignored"}
                {"correct": 6, "total": 8, "good": true}
                """;
        assertThat(LabelledObservations.readJsonl(new StringReader(jsonl), "obs.jsonl")).containsExactly(
                new LabelledObservation(0.75, true), new LabelledObservation(0.75, false),
                new LabelledObservation(0.75, true));
    }

    @Test
    void aBadObservationLineIsNamedByFileAndLine() {
        assertThatThrownBy(() -> LabelledObservations.readJsonl(new StringReader(
                "{\"observation\": 0.75, \"good\": true}\n{\"observation\": 0.5, \"good\": \"yes\"}\n"), "obs.jsonl"))
                .hasMessage("obs.jsonl:2: field \"good\": expected true or false, got \"yes\"");
        assertThatThrownBy(() -> LabelledObservations.readJsonl(new StringReader("{\"observation\": 0.75, "), "obs.jsonl"))
                .hasMessageStartingWith("obs.jsonl:1: malformed JSON");
        assertThatThrownBy(() -> LabelledObservations.readJsonl(new StringReader("{\"correct\": 9, \"total\": 8, \"good\": true}"), "obs.jsonl"))
                .hasMessageStartingWith("obs.jsonl:1: votes: expected 0 <= correct <= total");
        assertThatThrownBy(() -> LabelledObservations.readJsonl(new StringReader("\n\n"), "obs.jsonl"))
                .hasMessageStartingWith("obs.jsonl: no observations");
    }
}
