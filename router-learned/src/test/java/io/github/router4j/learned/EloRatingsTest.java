package io.github.router4j.learned;

import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import io.github.router4j.core.data.PairwisePreference;
import io.github.router4j.core.data.PairwisePreference.Winner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EloRatingsTest {

    private static PairwisePreference game(String a, String b, Winner winner) {
        return new PairwisePreference("q", a, b, winner);
    }

    @Test
    void reproducesAHandComputedSequenceOfGames() {
        // K = 32, everyone starts at 1000.
        // 1. A beats B: E_A = 0.5, so A = 1016, B = 984.
        // 2. B ties C: E_B = 1 / (1 + 10^(16/400)) = 0.47698, so B = 984 + 32 (0.5 - 0.47698) = 984.7366, C = 999.2634.
        // 3. C beats A: E_C = 1 / (1 + 10^((1016 - 999.2634)/400)) = 0.47593, so C = 999.2634 + 32 * 0.52407 = 1016.0336,
        //    A = 1016 - 16.7702 = 999.2298.
        EloRatings elo = EloRatings.fit(List.of(
                game("A", "B", Winner.A), game("B", "C", Winner.TIE), game("C", "A", Winner.A)), 32, 1000);

        assertThat(elo.rating("A")).isCloseTo(999.2298, within(1e-3));
        assertThat(elo.rating("B")).isCloseTo(984.7366, within(1e-3));
        assertThat(elo.rating("C")).isCloseTo(1016.0336, within(1e-3));
        assertThat(elo.ranking()).containsExactly("C", "A", "B");
        assertThat(elo.ratings().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(3000, within(1e-9));
    }

    @Test
    void groupsModelsIntoTiersAtTheLargestRatingGaps() {
        EloRatings elo = EloRatings.of(Map.of("tiny", 900.0, "small", 930.0, "medium", 1100.0, "large", 1120.0,
                "frontier", 1300.0));

        assertThat(elo.tiers(3)).containsExactly(List.of("tiny", "small"), List.of("medium", "large"), List.of("frontier"));
        assertThat(elo.tiers(2)).containsExactly(List.of("tiny", "small", "medium", "large"), List.of("frontier"));
        assertThat(elo.tiers(1)).containsExactly(List.of("tiny", "small", "medium", "large", "frontier"));
    }

    @Test
    void routesToTheCheapestTierThatIsCloseEnoughToTheBest() {
        EloRatings elo = EloRatings.of(Map.of("cheap", 1150.0, "mid", 1190.0, "strong", 1200.0));
        List<TierInfo> tiers = List.of(new TierInfo("cheap", 0, 0.1, 0.1, Set.of()),
                new TierInfo("mid", 1, 1, 1, Set.of()), new TierInfo("strong", 2, 10, 10, Set.of()));
        RoutingRequest request = RoutingRequest.of("anything");

        assertThat(elo.router(0.45).route(request, tiers).tier()).isEqualTo(1);
        assertThat(elo.router(0.40).route(request, tiers).tier()).isZero();
        assertThat(elo.router(0.5).route(request, tiers).tier()).isEqualTo(2);
    }

    @Test
    void savesAndLoadsRatings(@TempDir Path dir) {
        EloRatings elo = EloRatings.fit(List.of(game("A", "B", Winner.B), game("A", "B", Winner.TIE)), 16, 1500);
        Path file = dir.resolve("elo.json");
        elo.save(file);

        EloRatings loaded = EloRatings.load(file);

        assertThat(loaded.ratings()).isEqualTo(elo.ratings());
        assertThat(loaded.toJson()).isEqualTo(elo.toJson());
    }
}
