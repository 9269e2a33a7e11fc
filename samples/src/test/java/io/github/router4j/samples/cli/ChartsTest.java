package io.github.router4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartsTest {

    @Test
    void writesPngAndSvgNextToEachOther(@TempDir Path dir) throws Exception {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("t").build();
        chart.addSeries("s", new double[] {0, 1}, new double[] {0, 1});

        List<Path> written = Charts.savePngAndSvg(chart, dir.resolve("curve.png"));

        assertThat(written).containsExactly(dir.resolve("curve.png"), dir.resolve("curve.svg"));
        byte[] png = Files.readAllBytes(dir.resolve("curve.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(dir.resolve("curve.svg"))).contains("<svg");
    }

    @Test
    void progressBarOffTerminalPrintsEachTenthOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("embed", 100, new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            for (int i = 0; i < 100; i++) {
                bar.step();
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[10]).startsWith("embed [" + "#".repeat(30) + "] 100/100 100%");
    }
}
