package io.github.router4j.core.cascade;

import io.github.router4j.core.AcceptancePolicy;
import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.TierInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Picks λ so that a cascade policy escalates a target share of calibration attempts (e.g. "send
 * about 30% of requests on to the next tier"). Works for any policy whose escalation share moves
 * monotonically with λ — up for {@link RewardPolicy}, down for {@link PomdpPolicy} — by bisection
 * on λ ∈ [0, 10^12]. Escalation shares on finite data are steps, so the result is the λ whose
 * share is closest to the target, with the share it achieves.
 */
public final class LambdaCalibration {

    private static final double MAX_LAMBDA = 1e12;
    private static final int ITERATIONS = 200;

    private LambdaCalibration() {
    }

    /** The chosen λ and the share of calibration attempts it escalates. */
    public record Choice(double lambda, double escalationShare) {
    }

    /**
     * @param calibration     attempts with their evidence, as the policy will see them; none at a last tier
     * @param targetShare     the wanted share of escalations, in [0, 1]
     * @param policyForLambda builds the policy for a given λ
     */
    public static Choice forEscalationShare(List<Attempt> calibration, double targetShare,
                                            DoubleFunction<? extends AcceptancePolicy> policyForLambda) {
        Objects.requireNonNull(policyForLambda, "policyForLambda");
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("calibration: no attempts");
        }
        if (!(targetShare >= 0 && targetShare <= 1)) {
            throw new IllegalArgumentException("targetShare: expected a number in [0, 1], got " + targetShare);
        }
        for (Attempt a : calibration) {
            if (!a.hasNextTier()) {
                throw new IllegalArgumentException("calibration: an attempt at the last tier '" + a.tier().name()
                        + "' can never escalate");
            }
        }
        DoubleFunction<Double> share = lambda -> escalationShare(calibration, policyForLambda.apply(lambda));
        double lo = 0;
        double atLo = share.apply(lo);
        double hi = 1;
        double atHi = share.apply(hi);
        while (atHi == atLo && hi < MAX_LAMBDA) {
            hi *= 4;
            atHi = share.apply(hi);
        }
        if (atHi == atLo) {
            return new Choice(lo, atLo);
        }
        double direction = Math.signum(atHi - atLo);
        if (direction * (targetShare - atLo) <= 0) {
            return new Choice(lo, atLo);
        }
        while (direction * (targetShare - atHi) > 0 && hi < MAX_LAMBDA) {
            lo = hi;
            atLo = atHi;
            hi *= 4;
            atHi = share.apply(hi);
        }
        for (int k = 0; k < ITERATIONS && hi - lo > 1e-12 * hi; k++) {
            double mid = (lo + hi) / 2;
            double atMid = share.apply(mid);
            if (direction * (targetShare - atMid) > 0) {
                lo = mid;
                atLo = atMid;
            } else {
                hi = mid;
                atHi = atMid;
            }
        }
        return Math.abs(atLo - targetShare) < Math.abs(atHi - targetShare) ? new Choice(lo, atLo) : new Choice(hi, atHi);
    }

    /** The share of {@code attempts} the policy escalates. */
    public static double escalationShare(List<Attempt> attempts, AcceptancePolicy policy) {
        int escalated = 0;
        for (Attempt a : attempts) {
            if (!policy.decide(a).accepted()) {
                escalated++;
            }
        }
        return (double) escalated / attempts.size();
    }

    /** Attempts at tier {@code tier} with the given self-evaluation shares, for calibration. */
    public static List<Attempt> attempts(double[] shares, int tier, List<TierInfo> tiers) {
        if (tier < 0 || tier >= tiers.size()) {
            throw new IllegalArgumentException("tier: expected an index in [0, " + tiers.size() + "), got " + tier);
        }
        RoutingRequest request = RoutingRequest.of("calibration");
        List<Attempt> out = new ArrayList<>(shares.length);
        for (double s : shares) {
            out.add(new Attempt(request, tiers.get(tier), tiers, "", Evidence.of(Evidence.SELF_EVALUATION_SHARE, s)));
        }
        return out;
    }
}
