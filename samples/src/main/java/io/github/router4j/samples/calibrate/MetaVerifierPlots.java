package io.github.router4j.samples.calibrate;

import io.github.router4j.core.cascade.MetaVerifier;
import io.github.router4j.samples.cli.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The meta-verifier's curves across its grid as charts: densities, P(good), normalised density. */
final class MetaVerifierPlots {

    private static final int POINTS = 401;

    private MetaVerifierPlots() {
    }

    /** Writes {@code meta-verifier-densities}, {@code -p-good} and {@code -density} as PNG and SVG into {@code dir}. */
    static List<Path> write(MetaVerifier verifier, Path dir) throws IOException {
        MetaVerifier.Curves curves = verifier.curves(POINTS);
        double[] x = curves.observations();
        double[] good = new double[x.length];
        double[] poor = new double[x.length];
        double[] ratio = new double[x.length];
        double[] pGood = new double[x.length];
        double[] density = new double[x.length];
        double[] threshold = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            MetaVerifier.Assessment a = curves.assessments()[i];
            good[i] = a.densityGood();
            poor[i] = a.densityPoor();
            ratio[i] = a.ratio();
            pGood[i] = a.pGood();
            density[i] = a.normalisedDensity();
            threshold[i] = verifier.densityThreshold();
        }
        List<Path> written = new ArrayList<>();

        XYChart densities = chart("Self-evaluation densities of good and poor answers", "density");
        line(densities, "good answers (n=" + verifier.goodDensity().size() + ")", x, good);
        line(densities, "poor answers (n=" + verifier.poorDensity().size() + ")", x, poor);
        written.addAll(Charts.savePngAndSvg(densities, dir.resolve("meta-verifier-densities")));

        XYChart p = chart("P(good | self-evaluation share)", "P(good)");
        line(p, "density ratio", x, ratio);
        line(p, "used for decisions (untrusted: " + verifier.untrustedAction() + ")", x, pGood);
        p.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
        written.addAll(Charts.savePngAndSvg(p, dir.resolve("meta-verifier-p-good")));

        XYChart d = chart("Normalised density of all observations", "density / max");
        line(d, "normalised density", x, density);
        line(d, "trust threshold " + verifier.densityThreshold(), x, threshold);
        d.getStyler().setYAxisMin(0.0);
        written.addAll(Charts.savePngAndSvg(d, dir.resolve("meta-verifier-density")));
        return written;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("self-evaluation share").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }
}
