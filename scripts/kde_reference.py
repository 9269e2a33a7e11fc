#!/usr/bin/env python3
"""Reference values from scipy.stats.gaussian_kde for router4j's Java GaussianKde and MetaVerifier.

router4j re-implements scipy's 1-D Gaussian KDE in Java (router-core,
io.github.router4j.core.cascade.GaussianKde) and checks it against the numbers this script writes.
The output is committed, so the Java tests need neither Python nor scipy; re-run the script only
when you add a case:

    python3 scripts/kde_reference.py            # writes the default file below
    python3 scripts/kde_reference.py OUT.json   # writes elsewhere

Default output: router-core/src/test/resources/io/github/router4j/core/cascade/kde-reference.json
Generated with Python 3, numpy 2.4 and scipy 1.17 (versions recorded in the file).

Contents:
  "kde":           datasets (optionally weighted) x bandwidth methods (scalar factor, "scott",
                   "silverman"): scipy's factor, covariance, neff and densities at given points.
  "worked_example": the AutoMix walk-through from shared/DESIGN.md. numpy cannot be replayed in
                   Java, so the drawn samples are stored: np.random.seed(0), then poor
                   N(0.55, 0.05) x 50, good-high N(0.9, 0.03) x 50, good-low N(0.6, 0.03) x 50.
                   KDEs with bw_method=0.3 over good (high + low), poor and all 150 observations;
                   the all-KDE divided by its maximum on np.linspace(0, 1, 200) is the normalised
                   density, trusted above 0.1. For each probe observation: densities, P(good) =
                   f_good / (f_good + f_poor), normalised density, trust, and the reward rule of a
                   three-tier cascade (relative costs 1, 1.2, 1.5; lambda 0.5):
                   reward = P(good) - lambda * cost(next tier), escalate when reward <= 0, an
                   untrusted observation counting as P(good) = 0.
Floats are written with repr(), which round-trips exactly into Java doubles.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy.stats import gaussian_kde

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "router-core", "src", "test",
                           "resources", "io", "github", "router4j", "core", "cascade", "kde-reference.json")


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=float).ravel()]


def kde_case(name, data, bw, weights=None, points=None):
    kde = gaussian_kde(data, bw_method=bw, weights=weights)
    if points is None:
        lo, hi = float(np.min(data)), float(np.max(data))
        span = hi - lo
        points = np.linspace(lo - span, hi + span, 41)
    return {
        "name": name,
        "data": floats(data),
        "weights": None if weights is None else floats(weights),
        "bw_method": bw,
        "factor": float(kde.factor),
        "covariance": float(kde.covariance[0, 0]),
        "neff": float(kde.neff),
        "points": floats(points),
        "density": floats(kde(points)),
    }


def kde_cases():
    rng = np.random.default_rng(20240611)
    normal = rng.normal(0.3, 1.7, 60)
    skewed = rng.exponential(2.0, 35)
    shares = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 7, 7, 6, 5, 8, 8, 3, 0]) / 8.0
    tiny = np.array([0.25, 0.75])
    weights = rng.uniform(0.1, 3.0, 35)
    cases = []
    for bw in (0.3, "scott", "silverman", 1.0):
        cases.append(kde_case(f"normal-{bw}", normal, bw))
        cases.append(kde_case(f"skewed-{bw}", skewed, bw))
        cases.append(kde_case(f"shares-{bw}", shares, bw, points=np.linspace(0, 1, 33)))
    cases.append(kde_case("tiny-0.5", tiny, 0.5))
    cases.append(kde_case("skewed-weighted-scott", skewed, "scott", weights=weights))
    cases.append(kde_case("skewed-weighted-silverman", skewed, "silverman", weights=weights))
    cases.append(kde_case("skewed-weighted-0.3", skewed, 0.3, weights=weights))
    # far from the data the density underflows to exactly 0 in both implementations
    cases.append(kde_case("far-away-0.1", tiny, 0.1, points=np.array([-50.0, 0.5, 80.0])))
    return cases


def worked_example():
    np.random.seed(0)
    poor = np.random.normal(0.55, 0.05, 50)
    good_high = np.random.normal(0.9, 0.03, 50)
    good_low = np.random.normal(0.6, 0.03, 50)
    good = np.concatenate([good_high, good_low])
    every = np.concatenate([good, poor])
    bw = 0.3
    kde_good = gaussian_kde(good, bw_method=bw)
    kde_poor = gaussian_kde(poor, bw_method=bw)
    kde_all = gaussian_kde(every, bw_method=bw)
    grid = np.linspace(0, 1, 200)
    density_max = float(np.max(kde_all(grid)))
    threshold = 0.1
    costs = [1.0, 1.2, 1.5]
    lam = 0.5

    probes = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
                       1.0])
    rows = []
    for x in probes:
        fg = float(kde_good(x)[0])
        fp = float(kde_poor(x)[0])
        p_good = fg / (fg + fp)
        nd = float(kde_all(x)[0]) / density_max
        trusted = bool(nd >= threshold)
        p_used = p_good if trusted else 0.0
        tiers = []
        for tier in range(len(costs) - 1):
            reward = p_used - lam * costs[tier + 1]
            tiers.append({"tier": tier, "reward": reward, "escalate": bool(reward <= 0)})
        rows.append({
            "observation": float(x),
            "density_good": fg,
            "density_poor": fp,
            "p_good": p_good,
            "normalised_density": nd,
            "trusted": trusted,
            "decisions": tiers,
        })
    return {
        "seed": 0,
        "poor": floats(poor),
        "good_high": floats(good_high),
        "good_low": floats(good_low),
        "bw_method": bw,
        "grid_points": 200,
        "density_threshold": threshold,
        "density_max": density_max,
        "factor_good_bandwidth": float(np.sqrt(kde_good.covariance[0, 0])),
        "factor_poor_bandwidth": float(np.sqrt(kde_poor.covariance[0, 0])),
        "costs": costs,
        "lambda": lam,
        "probes": rows,
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    doc = {
        "generator": "scripts/kde_reference.py",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "kde": kde_cases(),
        "worked_example": worked_example(),
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
