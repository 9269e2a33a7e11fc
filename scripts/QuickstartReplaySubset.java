import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;

import java.nio.file.Path;

/**
 * Writes the quick start's bundled replay subset: every n-th of RouteLLM's decontaminated GSM8K test questions,
 * with both models' recorded answers and grades, as recorded-results JSONL.
 *
 * <pre>
 * mvn -q -pl router-core compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "router-core/target/classes:$(cat router-core/target/cp.txt)" scripts/QuickstartReplaySubset.java \
 *     ../shared/data/routellm samples/src/main/resources/quickstart/gsm8k-replay.jsonl 200
 * </pre>
 */
public class QuickstartReplaySubset {
    public static void main(String[] args) {
        RecordedResults all = RouteLlmData.gsm8k(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        int[] picks = new int[n];
        for (int i = 0; i < n; i++) {
            picks[i] = (int) ((long) i * all.size() / n);
        }
        RecordedResults subset = all.subset(picks);
        subset.write(Path.of(args[1]));
        System.out.printf("%d of %d questions; Mixtral %.3f, GPT-4 %.3f%n", subset.size(), all.size(),
                subset.meanQuality(RouteLlmData.WEAK), subset.meanQuality(RouteLlmData.STRONG));
    }
}
