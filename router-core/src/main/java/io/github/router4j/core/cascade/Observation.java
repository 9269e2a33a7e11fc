package io.github.router4j.core.cascade;

import io.github.router4j.core.Attempt;
import io.github.router4j.core.Evidence;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** What the cascade policies read from an {@link Attempt}: the self-evaluation share through a meta-verifier. */
final class Observation {

    private Observation() {
    }

    static OptionalDouble share(Attempt attempt) {
        return attempt.evidence().get(Evidence.SELF_EVALUATION_SHARE);
    }

    /**
     * P(good) of the attempt's answer, with details for the verdict. Without a share (no
     * self-evaluation vote counted) the answer is treated like an untrusted observation.
     */
    static Judged judge(MetaVerifier verifier, Attempt attempt) {
        OptionalDouble share = share(attempt);
        Map<String, Double> details = new HashMap<>();
        attempt.evidence().get(Evidence.SELF_EVALUATION_VOTES).ifPresent(v -> details.put("votes", v));
        if (share.isEmpty()) {
            double p = verifier.untrustedAction() == UntrustedAction.ESCALATE ? 0 : verifier.prior();
            details.put("p_good", p);
            return new Judged(p, null, details, "no self-evaluation vote counted");
        }
        MetaVerifier.Assessment a = verifier.assess(share.getAsDouble());
        details.put("observation", a.observation());
        details.put("p_good", a.pGood());
        details.put("normalised_density", a.normalisedDensity());
        details.put("trusted", a.trusted() ? 1.0 : 0.0);
        String what = a.trusted() ? "self-evaluation " + fmt(a.observation())
                : "self-evaluation " + fmt(a.observation()) + " untrusted (density " + fmt(a.normalisedDensity()) + ")";
        return new Judged(a.pGood(), a, details, what);
    }

    /** {@code x} with three decimals, like {@code %.3f} but without the cost of {@code String.format}. */
    static String fmt(double x) {
        if (!Double.isFinite(x) || Math.abs(x) >= 1e15) {
            return Double.toString(x);
        }
        long r = Math.round(Math.abs(x) * 1000);
        String frac = Long.toString(r % 1000);
        return (x < 0 && r != 0 ? "-" : "") + r / 1000 + "." + "000".substring(frac.length()) + frac;
    }

    /**
     * P(good) and the numbers behind it; {@code assessment} is null without an observation;
     * {@code details} is mutable so a policy can add its own.
     */
    record Judged(double pGood, MetaVerifier.Assessment assessment, Map<String, Double> details, String what) {

        boolean trusted() {
            return assessment != null && assessment.trusted();
        }
    }
}
