package io.github.router4j.samples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes an XChart chart as PNG and SVG side by side. */
public final class Charts {

    private Charts() {
    }

    /**
     * Saves {@code chart} to {@code target} (its extension, if .png or .svg, is dropped) as both
     * {@code <base>.png} and {@code <base>.svg}.
     *
     * @return the two files written
     */
    public static List<Path> savePngAndSvg(Chart<?, ?> chart, Path target) throws IOException {
        String file = target.getFileName().toString();
        String base = file.replaceFirst("(?i)\\.(png|svg)$", "");
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        List<Path> written = new ArrayList<>();
        written.add(png);
        written.add(svg);
        return written;
    }
}
