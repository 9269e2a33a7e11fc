package io.github.router4j.samples.calibrate;

import io.github.router4j.core.cascade.Bandwidth;
import io.github.router4j.core.cascade.LabelledObservation;
import io.github.router4j.core.cascade.LabelledObservations;
import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.core.cascade.UntrustedAction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code router4j calibrate}: fits the cascade's meta-verifier from labelled self-evaluation
 * observations, prints a summary of the fitted curves, saves the JSON file a
 * {@code self-evaluation} acceptance step loads, and draws the curves as PNG and SVG.
 */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {"Fit the cascade's meta-verifier (KDEs over self-evaluation shares) from labelled observations.",
                "Input: JSON Lines, one answer per line: {\"observation\": 0.75, \"good\": true},"
                        + " {\"votes\": [true, false, ...], \"good\": true} or {\"correct\": 6, \"total\": 8, \"good\": false}."})
public final class CalibrateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--observations", required = true, paramLabel = "FILE",
            description = "Labelled observations (JSON Lines).")
    Path observations;

    @Option(names = {"-o", "--output"}, defaultValue = "meta-verifier.json", paramLabel = "FILE",
            description = "Where to save the fitted meta-verifier (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Directory for the charts (PNG + SVG): densities, P(good), normalised density.")
    Path plots;

    @Option(names = "--bandwidth", defaultValue = "scott", paramLabel = "FACTOR|scott|silverman",
            description = "KDE bandwidth factor as scipy's bw_method (default: ${DEFAULT-VALUE}).")
    String bandwidth;

    @Option(names = "--min-bandwidth", defaultValue = "0", paramLabel = "SD",
            description = "Floor of each kernel's standard deviation; needed when one class's observations are all equal"
                    + " (default: ${DEFAULT-VALUE}, no floor).")
    double minimumBandwidth;

    @Option(names = "--density-threshold", defaultValue = "0.1", paramLabel = "T",
            description = "Normalised density below which an observation is not trusted (default: ${DEFAULT-VALUE}).")
    double densityThreshold;

    @Option(names = "--grid-points", defaultValue = "200", paramLabel = "N",
            description = "Points of the [0, 1] grid the density maximum is taken on (default: ${DEFAULT-VALUE}).")
    int gridPoints;

    @Option(names = "--prior-good", paramLabel = "P",
            description = "Prior P(good) in (0, 1); default: none (plain density ratio).")
    Double priorGood;

    @Option(names = "--untrusted", defaultValue = "ESCALATE", paramLabel = "ESCALATE|USE_PRIOR",
            description = "P(good) of an untrusted observation: 0 (ESCALATE) or the prior (default: ${DEFAULT-VALUE}).")
    UntrustedAction untrusted;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return run(out);
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("calibrate: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        } finally {
            out.flush();
        }
    }

    int run(PrintWriter out) throws IOException {
        if (!Files.isRegularFile(observations)) {
            throw new IllegalArgumentException("--observations " + observations + ": no such file");
        }
        List<LabelledObservation> data = LabelledObservations.readJsonl(observations);
        MetaVerifier verifier = builder().fit(data);
        printSummary(verifier, out);
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        verifier.save(output);
        out.println("saved " + output);
        if (plots != null) {
            for (Path p : MetaVerifierPlots.write(verifier, plots)) {
                out.println("wrote " + p);
            }
        }
        return 0;
    }

    MetaVerifier.Builder builder() {
        MetaVerifier.Builder b = MetaVerifier.builder()
                .bandwidth(Bandwidth.parse(bandwidth))
                .minimumBandwidth(minimumBandwidth)
                .densityThreshold(densityThreshold)
                .densityGrid(0, 1, gridPoints)
                .untrustedAction(untrusted);
        if (priorGood != null) {
            b.priorGood(priorGood);
        }
        return b;
    }

    static void printSummary(MetaVerifier v, PrintWriter out) {
        out.printf(Locale.ROOT, "meta-verifier: %d good, %d poor observations; bandwidth %s%n",
                v.goodDensity().size(), v.poorDensity().size(), v.settings().bandwidth());
        out.printf(Locale.ROOT, "kernel sd: good %.4f, poor %.4f, all %.4f; density max %.4f; prior P(good) %.3f%n",
                v.goodDensity().bandwidth(), v.poorDensity().bandwidth(), v.allDensity().bandwidth(), v.densityMax(),
                v.prior());
        out.printf(Locale.ROOT, "untrusted below normalised density %.3f -> %s%n", v.densityThreshold(), v.untrustedAction());
        out.println("  share   f_good   f_poor  P(good)  density  trusted  P(good) used");
        MetaVerifier.Curves c = v.curves(17);
        for (MetaVerifier.Assessment a : c.assessments()) {
            out.printf(Locale.ROOT, "  %5.3f %8.4f %8.4f %8.4f %8.4f  %-7s  %8.4f%n", a.observation(), a.densityGood(),
                    a.densityPoor(), a.ratio(), a.normalisedDensity(), a.trusted() ? "yes" : "no", a.pGood());
        }
    }
}
