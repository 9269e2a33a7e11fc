package io.github.router4j.core.routing;

import io.github.router4j.core.QualityPredictor;
import io.github.router4j.core.Route;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.TierInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredictedQualityRouterTest {

    private static final List<TierInfo> TIERS = List.of(
            new TierInfo("small", 0, 0.1, 0.1, Set.of()),
            new TierInfo("standard", 1, 1, 1, Set.of(TierCapability.TOOLS)),
            new TierInfo("reasoning", 2, 10, 10, Set.of(TierCapability.TOOLS)));

    private static final QualityPredictor PREDICTOR =
            QualityPredictor.constant(Map.of("small", 0.5, "standard", 0.9, "reasoning", 0.95));

    @Test
    void the_reward_policy_picks_the_middle_tier_when_the_last_points_of_quality_cost_too_much() {
        // 1,000 tokens in and 1,000 out: small $0.0002, standard $0.002, reasoning $0.02
        PredictedQualityRouter router = PredictedQualityRouter.builder().predictor(PREDICTOR)
                .policy(TierPolicy.reward(10)).expectedOutputTokens(1000).build();

        Route route = router.route(RoutingRequest.of("x".repeat(4000)), TIERS);

        assertThat(route.tier()).isEqualTo(1);
        assertThat(route.predictions()).containsExactly(Map.entry("small", 0.5), Map.entry("standard", 0.9),
                Map.entry("reasoning", 0.95));
        assertThat(route.reason()).contains("'standard'", "small 0.500", "reasoning 0.950");
    }

    @Test
    void the_reason_names_the_setting_the_choice_its_cost_and_every_prediction_with_fixed_decimals() {
        List<TierInfo> tiers = new java.util.ArrayList<>();
        Map<String, Double> quality = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 11; i++) {
            tiers.add(new TierInfo("m" + i, i, 0.1 * (i + 1), 0.3 * (i + 1), Set.of()));
            quality.put("m" + i, random.nextDouble());
        }
        PredictedQualityRouter router = PredictedQualityRouter.builder().predictor(QualityPredictor.constant(quality))
                .policy(TierPolicy.reward(200)).build();
        RoutingRequest request = RoutingRequest.of("x".repeat(400));

        Route route = router.route(request, tiers);

        int c = route.tier();
        StringBuilder expected = new StringBuilder(String.format(java.util.Locale.ROOT,
                "n-tier reward lambda=200.0: '%s' (predicted %.3f, expected $%.6f); predicted:", tiers.get(c).name(),
                quality.get(tiers.get(c).name()), router.expectedCosts(request, tiers)[c]));
        for (TierInfo t : tiers) {
            expected.append(String.format(java.util.Locale.ROOT, " %s %.3f", t.name(), quality.get(t.name())));
        }
        assertThat(route.reason()).isEqualTo(expected.toString());
    }

    @Test
    void lambda_zero_buys_the_best_quality_and_a_large_lambda_the_cheapest_tier() {
        RoutingRequest request = RoutingRequest.of("x".repeat(4000));
        PredictedQualityRouter.Builder b = PredictedQualityRouter.builder().predictor(PREDICTOR)
                .expectedOutputTokens(1000);

        assertThat(b.policy(TierPolicy.reward(0)).build().route(request, TIERS).tier()).isEqualTo(2);
        assertThat(b.policy(TierPolicy.reward(1e6)).build().route(request, TIERS).tier()).isZero();
    }

    @Test
    void the_epsilon_policy_takes_the_cheapest_tier_within_epsilon_of_the_best() {
        double[] q = {0.5, 0.9, 0.95};
        double[] c = {1, 2, 3};
        boolean[] all = {true, true, true};

        assertThat(TierPolicy.withinEpsilon(0.01).choose(q, c, all)).isEqualTo(2);
        assertThat(TierPolicy.withinEpsilon(0.05).choose(q, c, all)).isEqualTo(1);
        assertThat(TierPolicy.withinEpsilon(0.5).choose(q, c, all)).isZero();
    }

    @Test
    void tiers_lacking_a_capability_or_a_prediction_are_never_chosen() {
        double[] q = {Double.NaN, 0.9, 0.95};
        double[] c = {0, 2, 3};

        assertThat(TierPolicy.reward(0).choose(q, c, new boolean[] {true, true, false})).isEqualTo(1);
        assertThat(TierPolicy.withinEpsilon(1).choose(q, c, new boolean[] {true, true, true})).isEqualTo(1);
        assertThat(TierPolicy.reward(0).choose(q, c, new boolean[] {true, false, false})).isEqualTo(-1);

        PredictedQualityRouter router = PredictedQualityRouter.builder().predictor(PREDICTOR)
                .policy(TierPolicy.reward(0)).build();
        RoutingRequest tools = RoutingRequest.builder().text("hi").requiredCapabilities(Set.of(TierCapability.TOOLS))
                .build();
        assertThat(router.route(tools, TIERS).tier()).isEqualTo(2);
    }

    @Test
    void calibration_meets_a_budget_a_cost_share_and_a_quality_target() {
        // two kinds of request: easy ones the small tier solves, hard ones only the reasoning tier solves
        double[][] predicted = new double[100][];
        double[][] quality = new double[100][];
        double[][] cost = new double[100][];
        for (int i = 0; i < 100; i++) {
            boolean hard = i % 4 == 0;
            predicted[i] = hard ? new double[] {0.2, 0.5, 0.9} : new double[] {0.8, 0.85, 0.9};
            quality[i] = hard ? new double[] {0, 0, 1} : new double[] {1, 1, 1};
            cost[i] = new double[] {0.001, 0.01, 0.1};
        }
        TierPolicy reward = TierPolicy.reward(0);

        PolicyCalibration.Result share = PolicyCalibration.calibrate(reward, predicted, cost, quality,
                PolicyTarget.costShare(0.35));
        PolicyCalibration.Result budget = PolicyCalibration.calibrate(reward, predicted, cost, quality,
                PolicyTarget.budget(1));
        PolicyCalibration.Result target = PolicyCalibration.calibrate(TierPolicy.withinEpsilon(0), predicted, cost,
                quality, PolicyTarget.quality(0.99));

        assertThat(share.reached()).isTrue();
        // within $0.035: easy ones to standard, hard ones to reasoning ($0.0325); reward cannot split them finer
        assertThat(share.meanCost()).isCloseTo(0.0325, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(share.meanQuality()).isEqualTo(1.0);
        assertThat(budget.meanCost()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(budget.meanQuality()).isEqualTo(0.75);
        assertThat(target.reached()).isTrue();
        assertThat(target.meanQuality()).isEqualTo(1.0);
        // epsilon can: easy ones to small, hard ones to reasoning
        assertThat(target.meanCost()).isCloseTo(0.02575, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void bad_settings_name_the_problem() {
        assertThatThrownBy(() -> TierPolicy.reward(-1)).hasMessageContaining("lambda must be");
        assertThatThrownBy(() -> TierPolicy.of("greedy", 1)).hasMessageContaining("unknown policy 'greedy'");
        assertThatThrownBy(() -> PolicyTarget.parse("cost-share=2")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> PolicyTarget.parse("spend=2")).hasMessageContaining("expected budget=");
        assertThat(PolicyTarget.parse("budget=2.5")).isEqualTo(PolicyTarget.budget(2.5));
    }
}
