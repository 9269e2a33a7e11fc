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
        return judge(verifier, attempt, null);
    }

    /**
     * As {@link #judge(MetaVerifier, Attempt)}, the observation being {@code stack}'s P(good) from the
     * attempt's evidence when a stack is given (the meta-verifier then holds KDEs over that P(good)),
     * else the self-evaluation share. Without a meta-verifier the stack's P(good) is used as it is.
     */
    static Judged judge(MetaVerifier verifier, Attempt attempt, StackedPGood stack) {
        Map<String, Double> details = new HashMap<>();
        attempt.evidence().get(Evidence.SELF_EVALUATION_VOTES).ifPresent(v -> details.put("votes", v));
        OptionalDouble value = stack == null ? share(attempt) : OptionalDouble.of(stack.pGood(attempt.evidence()));
        String name = stack == null ? "self-evaluation " : "stacked P(good) ";
        if (stack != null) {
            details.put("stacked_p_good", value.getAsDouble());
        }
        if (verifier == null) {
            double p = value.getAsDouble();
            details.put("p_good", p);
            return new Judged(p, null, details, name + fmt(p));
        }
        if (value.isEmpty()) {
            double p = verifier.untrustedAction() == UntrustedAction.ESCALATE ? 0 : verifier.prior();
            details.put("p_good", p);
            return new Judged(p, null, details, "no self-evaluation vote counted");
        }
        MetaVerifier.Assessment a = verifier.assess(value.getAsDouble());
        details.put("observation", a.observation());
        details.put("p_good", a.pGood());
        details.put("normalised_density", a.normalisedDensity());
        details.put("trusted", a.trusted() ? 1.0 : 0.0);
        String what = a.trusted() ? name + fmt(a.observation())
                : name + fmt(a.observation()) + " untrusted (density " + fmt(a.normalisedDensity()) + ")";
        return new Judged(a.pGood(), a, details, what);
    }

    /**
     * How likely the judged observation is if the tier's answer is good and if it is poor (up to a common
     * factor), for a Bayes update of the belief over the query's difficulty. With a meta-verifier: its KDE
     * densities when trusted; otherwise (0, 1) under ESCALATE and (1, 1) under USE_PRIOR. Without one (a
     * calibrated stacked P(good) {@code p}, of a tier whose prior accuracy is {@code accuracy}): the
     * likelihood ratio {@code (p / accuracy, (1 − p) / (1 − accuracy))}.
     */
    static double[] likelihood(Judged judged, MetaVerifier verifier, double accuracy) {
        if (verifier == null) {
            double a = Math.min(1 - 1e-6, Math.max(1e-6, accuracy));
            return new double[] {judged.pGood() / a, (1 - judged.pGood()) / (1 - a)};
        }
        if (judged.trusted()) {
            return new double[] {judged.assessment().densityGood(), judged.assessment().densityPoor()};
        }
        return verifier.untrustedAction() == UntrustedAction.ESCALATE ? new double[] {0, 1} : new double[] {1, 1};
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
