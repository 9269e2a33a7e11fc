package io.github.router4j.core.eval;

import io.github.router4j.core.routing.TierPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TierSweepTest {

    // three requests, three models costing 1, 2 and 10: each request is solved by a different cheapest model
    private static final double[][] QUALITY = {{1, 1, 1}, {0, 1, 1}, {0, 0, 1}};
    private static final double[][] COST = {{1, 2, 10}, {1, 2, 10}, {1, 2, 10}};

    @Test
    void a_perfect_predictor_traces_from_the_cheapest_model_up_to_the_oracle() {
        TierSweep sweep = TierSweep.of(TierPolicy.reward(0), QUALITY, COST, QUALITY, COST);

        assertThat(sweep.maxQuality()).isEqualTo(1.0);
        assertThat(sweep.costToReach(1.0)).hasValueCloseTo((1 + 2 + 10) / 3.0, within(1e-12));
        assertThat(sweep.qualityWithin(1.0)).isEqualTo(1 / 3.0);
        assertThat(sweep.qualityWithin(0.5)).isNaN();
        TierSweep.Setting cheapest = sweep.settings().get(sweep.settings().size() - 1);
        assertThat(TierSweep.modelShare(cheapest, 3)).containsExactly(1.0, 0.0, 0.0);
    }

    @Test
    void the_n_model_oracle_takes_the_cheapest_model_with_the_best_quality_on_each_request() {
        TierSweep.Setting oracle = TierSweep.oracle(QUALITY, COST);

        assertThat(oracle.choices()).containsExactly(0, 1, 2);
        assertThat(oracle.quality()).isEqualTo(1.0);
        assertThat(oracle.cost()).isCloseTo(13 / 3.0, within(1e-12));
    }
}
