package io.github.router4j.core.trace;

import io.github.router4j.core.data.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: a child JVM appends traces and reports each acknowledged one; it is killed (SIGKILL,
 * {@link Process#destroyForcibly()}) at a random moment, three times over on the same file. Every
 * acknowledged trace must be in the file, and each kill may leave at most one partial last line.
 */
class JsonlRoutingTraceStoreKillTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLosesNoAcknowledgedTraceAndLeavesAtMostOnePartialLastLine() throws Exception {
        Path file = dir.resolve("traces.jsonl");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            int killAfter = 200 + random.nextInt(3000);
            acknowledged.addAll(runAndKill(file, "k" + round + "-", killAfter));

            RoutingTraces read = JsonlRoutingTraceStore.read(file);
            Set<String> inFile = read.traces().stream().map(RoutingTrace::requestId).collect(Collectors.toSet());
            assertThat(inFile).as("seed %d, round %d", seed, round).containsAll(acknowledged);
            long lines = Files.lines(file).count();
            List<DataFileException> partial = read.skipped().stream()
                    .filter(e -> e.getMessage().contains("partial last line")).toList();
            assertThat(partial).as("seed %d, round %d", seed, round).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(e -> assertThat(e.line()).isEqualTo(lines));
            // an earlier round's partial line, now followed by a fresh one, is the only other kind of skip
            assertThat(read.skipped().size() - partial.size()).isLessThanOrEqualTo(round);
        }
    }

    private static Set<String> runAndKill(Path file, String prefix, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TraceWriterProcess.class.getName(), file.toString(), prefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("open");
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged.add(line);
                if (acknowledged.size() == killAfter) {
                    // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves stdout open,
                    // so the ids already acknowledged and still in the pipe are read too
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(killAfter);
        return acknowledged;
    }
}
