package io.github.router4j.core.trace;

import io.github.router4j.core.data.DataFileException;

import java.util.List;

/**
 * What reading a {@link RoutingTraceStore} gave: the traces, in the order they were appended, with
 * any feedback applied, and the records that could not be read (each naming the file or table and
 * the line or row), which were skipped.
 */
public record RoutingTraces(List<RoutingTrace> traces, List<DataFileException> skipped) {

    public RoutingTraces {
        traces = List.copyOf(traces);
        skipped = List.copyOf(skipped);
    }
}
