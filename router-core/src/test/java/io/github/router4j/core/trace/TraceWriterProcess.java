package io.github.router4j.core.trace;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A child JVM for {@link JsonlRoutingTraceStoreKillTest}: appends traces without end and prints each
 * request id on stdout once {@code append} has returned for it.
 */
public final class TraceWriterProcess {

    private TraceWriterProcess() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        PrintStream out = System.out;
        try (JsonlRoutingTraceStore store = JsonlRoutingTraceStore.open(file)) {
            out.println("open");
            out.flush();
            for (long i = 0; ; i++) {
                String id = prefix + i;
                store.append(Traces.escalated(id));
                out.println(id);
                out.flush();
            }
        }
    }
}
