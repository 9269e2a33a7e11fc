package io.github.router4j.samples.scoring;

import io.github.router4j.core.scoring.CalibrationExamples;
import io.github.router4j.core.scoring.CalibrationJobs;
import io.github.router4j.core.scoring.CalibrationMode;
import io.github.router4j.core.scoring.CalibrationResult;
import io.github.router4j.core.scoring.Dimension;
import io.github.router4j.core.scoring.JobState;
import io.github.router4j.core.scoring.JobStatus;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.core.scoring.SpecCalibrator;
import io.github.router4j.core.scoring.SubDimension;
import io.github.router4j.langchain4j.scoring.LlmJudge;
import io.github.router4j.langchain4j.scoring.SpecScorer;
import io.github.router4j.samples.cli.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code calibrate-spec}: runs a calibration job for a scoring spec on rated or preference examples,
 * with a progress bar, and writes the calibrated spec as JSON. Defaults to the bundled children's-story
 * spec and its synthetic rated examples, judged by the scripted offline models when no API key is set.
 */
@Command(name = "calibrate-spec", mixinStandardHelpOptions = true,
        description = "Calibrate a scoring spec's curves (LITE) or curves and weights (FULL) on rated or preference examples.")
public final class CalibrateSpecCommand implements Callable<Integer> {

    @Option(names = "--spec", description = "Scoring spec, YAML or JSON (default: the bundled children's-story spec)")
    Path specFile;

    @Option(names = "--examples", description = "JSON Lines of {llm_input, llm_output, rating} or {llm_input, chosen, rejected}"
            + " (default: the bundled synthetic children's-story ratings)")
    Path examplesFile;

    @Option(names = "--mode", defaultValue = "FULL", description = "LITE (curves) or FULL (curves and weights); default ${DEFAULT-VALUE}")
    CalibrationMode mode;

    @Option(names = "--output", defaultValue = "calibrated-spec.json", description = "Where to write the calibrated spec (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--samples", defaultValue = "5", description = "Judge votes per question (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--judge", defaultValue = "cheap", description = "Judge tier: cheap or strong (default: ${DEFAULT-VALUE})")
    String judgeTier;

    @Option(names = "--knots", defaultValue = "5", description = "Interior calibration points per curve (default: ${DEFAULT-VALUE})")
    int knots;

    @Option(names = "--held-out", defaultValue = "0.2", description = "Share of examples held out for agreement (default: ${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--regularisation", defaultValue = "1e-4",
            description = "Pull towards the starting spec; raise it for small data sets (default: ${DEFAULT-VALUE})")
    double regularisation;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the held-out split (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    StoryModels.Options models;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ScoringSpec spec = StoryModels.spec(specFile);
        CalibrationExamples examples;
        if (examplesFile != null) {
            examples = CalibrationExamples.read(examplesFile);
        } else {
            try (BufferedReader reader = StoryModels.bundledExamples()) {
                examples = CalibrationExamples.read(reader, "classpath:" + StoryModels.EXAMPLES_RESOURCE);
            }
        }
        try (StoryModels m = StoryModels.open(models);
             SpecScorer scorer = SpecScorer.builder().spec(spec)
                     .judge(LlmJudge.builder().model("strong".equals(judgeTier) ? m.strong() : m.cheap()).samples(samples).build())
                     .build();
             CalibrationJobs jobs = CalibrationJobs.builder()
                     .calibrator(SpecCalibrator.builder().knots(knots).heldOutFraction(heldOut).seed(seed)
                             .regularisation(regularisation).build())
                     .build()) {
            out.printf("spec \"%s\": %d dimensions, %d sub-dimensions; %d %s examples; judge: %s tier%s, %d votes%n",
                    spec.name(), spec.dimensions().size(), spec.subDimensionCount(), examples.size(),
                    examples.isPreference() ? "preference" : "rated", judgeTier, m.offline() ? " (scripted, offline)" : "", samples);
            String id = jobs.start(new CalibrationJobs.Request(spec, examples, mode, scorer));
            out.println("job " + id);
            JobStatus status = jobs.status(id);
            try (ProgressBar bar = new ProgressBar("scoring answers", status.toScore())) {
                while (!status.state().isFinal()) {
                    Thread.sleep(200);
                    status = jobs.status(id);
                    bar.step(status.scored() - bar.done());
                }
            }
            status.details().forEach(d -> out.println("  " + d.message()));
            if (status.state() != JobState.DONE) {
                System.err.println("calibration " + status.state() + (status.error() == null ? "" : ": " + status.error()));
                return 1;
            }
            CalibrationResult result = status.calibration().orElseThrow();
            result.spec().write(output);
            printWeights(out, spec, result.spec());
            out.println(result.summary());
            out.println("calibrated spec written to " + output.toAbsolutePath());
            return 0;
        }
    }

    private static void printWeights(PrintStream out, ScoringSpec before, ScoringSpec after) {
        out.println("normalised weights and calibration points (before -> after):");
        for (int i = 0; i < before.dimensions().size(); i++) {
            Dimension d = after.dimensions().get(i);
            out.printf("  %-22s %.3f -> %.3f  %s%n", d.label(), before.normalisedWeight(i), after.normalisedWeight(i),
                    d.parameters());
            for (int j = 0; j < d.subDimensions().size(); j++) {
                SubDimension s = d.subDimensions().get(j);
                out.printf("    %-20s %.3f -> %.3f  %s%n", s.label(), before.normalisedWeight(i, j),
                        after.normalisedWeight(i, j), s.parameters());
            }
        }
    }
}
