package io.github.router4j.samples.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line text progress bar on standard error: {@code label [#####.....] 512/1024 50% 3.1s eta 3.0s}.
 * Thread-safe; redraws at most ten times a second, and prints plain lines when not on a terminal.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDraw;
    private volatile int lastDecile = -1;

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(0, total);
        this.out = out;
        this.terminal = terminal;
    }

    /** Records {@code n} more units of work done. */
    public void step(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        if (terminal) {
            if (t - lastDraw >= REDRAW_NANOS || now >= total) {
                lastDraw = t;
                draw(now, t, false);
            }
        } else {
            int decile = total == 0 ? 10 : (int) Math.min(10, now * 10 / total);
            if (decile > lastDecile) {
                synchronized (this) {
                    if (decile > lastDecile) {
                        lastDecile = decile;
                        draw(now, t, true);
                    }
                }
            }
        }
    }

    public void step() {
        step(1);
    }

    public long done() {
        return done.get();
    }

    @Override
    public void close() {
        if (terminal) {
            draw(done.get(), System.nanoTime(), false);
            out.println();
        }
        out.flush();
    }

    private synchronized void draw(long now, long t, boolean newline) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) now / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (t - start) / 1e9;
        double eta = fraction > 0 ? elapsed / fraction - elapsed : Double.NaN;
        String line = String.format("%s [%s%s] %d/%d %3.0f%% %.1fs%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), now, total, fraction * 100, elapsed,
                fraction > 0 && fraction < 1 ? String.format(" eta %.1fs", eta) : "");
        if (newline) {
            out.println(line);
        } else {
            out.print('\r' + line);
        }
        out.flush();
    }
}
