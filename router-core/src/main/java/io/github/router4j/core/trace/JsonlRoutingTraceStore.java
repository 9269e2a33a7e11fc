package io.github.router4j.core.trace;

import io.github.router4j.core.data.DataFileException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Routing traces in an append-only JSON Lines file, one record a line (the format is on
 * {@code TraceJson}: a trace, or feedback on an earlier one). Each record is written with one
 * write to the operating system before {@link #append} returns, so killing the JVM loses nothing
 * that was acknowledged; with {@link Builder#forceToDisk(boolean)} each record is also forced to the
 * device, which survives power loss at the price of one fsync per record. A crash in the middle of
 * a write leaves at most one partial last line: reading skips it and reports it with the file and
 * line, and the next append starts on a fresh line. Opening an existing file reads it once to learn
 * its request ids (for {@link #feedback}). Thread-safe within one JVM; one process should write a
 * file at a time.
 */
public final class JsonlRoutingTraceStore implements RoutingTraceStore {

    private final Path file;
    private final boolean forceToDisk;
    private final FileChannel channel;
    private final Set<String> ids = new HashSet<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private boolean closed;

    private JsonlRoutingTraceStore(Builder builder) {
        this.file = Objects.requireNonNull(builder.file, "file");
        this.forceToDisk = builder.forceToDisk;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean existed = Files.exists(file);
            if (existed) {
                for (RoutingTrace trace : read(file).traces()) {
                    ids.add(trace.requestId());
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (existed && endsWithoutNewline(file)) {
                write(new byte[] {'\n'});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A store appending to {@code file}, created if missing. */
    public static JsonlRoutingTraceStore open(Path file) {
        return builder().file(file).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(RoutingTrace trace) {
        ensureOpen();
        if (ids.contains(trace.requestId())) {
            throw new IllegalArgumentException("request id '" + trace.requestId() + "' is already traced in " + file);
        }
        buffer.reset();
        TraceJson.writeTrace(trace, buffer);
        buffer.write('\n');
        write(buffer.toByteArray());
        ids.add(trace.requestId());
    }

    @Override
    public synchronized void feedback(String requestId, boolean good) {
        ensureOpen();
        if (!ids.contains(requestId)) {
            throw new IllegalArgumentException("no trace with request id '" + requestId + "' in " + file
                    + "; feedback not recorded");
        }
        buffer.reset();
        TraceJson.writeFeedback(requestId, good, buffer);
        buffer.write('\n');
        write(buffer.toByteArray());
    }

    @Override
    public RoutingTraces read() {
        return read(file);
    }

    /**
     * Reads a trace file: traces in file order with feedback applied; unreadable lines are skipped
     * and reported, a partial last line (a crash during an append) among them.
     */
    public static RoutingTraces read(Path file) {
        Map<String, RoutingTrace> traces = new LinkedHashMap<>();
        List<DataFileException> skipped = new ArrayList<>();
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            LineReader lines = new LineReader(in);
            long number = 0;
            String line;
            while ((line = lines.next()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                TraceJson.Entry entry;
                try {
                    entry = TraceJson.parse(line);
                } catch (IllegalArgumentException e) {
                    String problem = lines.terminated()
                            ? e.getMessage() : "partial last line (the writer stopped during an append): " + e.getMessage();
                    skipped.add(new DataFileException(source, number, problem));
                    continue;
                }
                if (entry instanceof TraceJson.TraceEntry t) {
                    if (traces.putIfAbsent(t.trace().requestId(), t.trace()) != null) {
                        skipped.add(new DataFileException(source, number,
                                "request id '" + t.trace().requestId() + "' traced twice; the first trace is kept"));
                    }
                } else if (entry instanceof TraceJson.FeedbackEntry f) {
                    RoutingTrace traced = traces.get(f.requestId());
                    if (traced == null) {
                        skipped.add(new DataFileException(source, number,
                                "feedback for request id '" + f.requestId() + "', which no earlier line traces"));
                    } else {
                        traces.put(f.requestId(), traced.withGood(f.good()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace file " + file + ": " + e.getMessage(), e);
        }
        return new RoutingTraces(new ArrayList<>(traces.values()), skipped);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close trace file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] bytes) {
        ByteBuffer data = ByteBuffer.wrap(bytes);
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
            if (forceToDisk) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to trace file " + file + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("trace store " + file + " is closed");
        }
    }

    private static boolean endsWithoutNewline(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /** UTF-8 lines split on '\n' only, remembering whether the last one was terminated. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private boolean terminated = true;

        LineReader(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line == null) {
                            return null;
                        }
                        terminated = false;
                        return line.toString(StandardCharsets.UTF_8);
                    }
                }
                int start = position;
                while (position < limit && chunk[position] != '\n') {
                    position++;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(16, position - start));
                }
                line.write(chunk, start, position - start);
                if (position < limit) {
                    position++;
                    terminated = true;
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
        }

        boolean terminated() {
            return terminated;
        }
    }

    /** Builder for {@link JsonlRoutingTraceStore}. */
    public static final class Builder {
        private Path file;
        private boolean forceToDisk;

        private Builder() {
        }

        /** The trace file; created, with its directories, when missing. */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** Also force every record to the storage device (fsync); default false: handed to the OS only. */
        public Builder forceToDisk(boolean forceToDisk) {
            this.forceToDisk = forceToDisk;
            return this;
        }

        public JsonlRoutingTraceStore build() {
            return new JsonlRoutingTraceStore(this);
        }
    }
}
