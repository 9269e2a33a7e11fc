package io.github.router4j.samples.evaluate;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Embeddings of a data set cached on disk, keyed by embedding model and text (SHA-256 of both), so
 * a second evaluation of the same data does not embed again. One append-only file per model:
 * records of (32-byte key, dimension, floats), each appended in one write under a file lock so that
 * several processes can share the folder; a damaged tail is cut off when the file is opened. Thread-safe: different texts embed in parallel (no
 * lock is held while embedding); callers asking for a text being embedded wait for that one call.
 */
public final class EmbeddingDiskCache implements Function<String, float[]>, AutoCloseable {

    /** The folder {@code evaluate}, {@code train} and {@code replay-traces} share unless told otherwise. */
    public static final Path DEFAULT_DIR = Path.of(System.getProperty("user.home"), ".cache", "router4j", "embeddings");

    private final String model;
    private final Function<String, float[]> embedder;
    private final Path file;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<float[]>> embedding = new ConcurrentHashMap<>();
    private FileChannel out;
    private int misses;

    public EmbeddingDiskCache(Path dir, String model, Function<String, float[]> embedder) {
        this.model = model;
        this.embedder = embedder;
        this.file = dir.resolve(fileName(model));
        load();
    }

    private static String fileName(String model) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(model.getBytes(StandardCharsets.UTF_8))
                + ".emb";
    }

    /** Largest dimension a record may claim; anything else means the file is damaged from there on. */
    private static final int MAX_DIMENSION = 1 << 16;

    /**
     * Reads every complete record. A damaged or partial tail (a run killed mid-write, or an older version's
     * interleaved writes) is cut off, under the file lock, so that appends continue from the last good record.
     */
    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        boolean damaged = false;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] key = new byte[32];
            int expected = -1;
            while (true) {
                try {
                    in.readFully(key);
                } catch (EOFException end) {
                    break;
                }
                int dim = in.readInt();
                if (dim <= 0 || dim > MAX_DIMENSION || (expected >= 0 && dim != expected)) {
                    damaged = true;
                    break;
                }
                expected = dim;
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = in.readFloat();
                }
                cache.put(HexFormat.of().formatHex(key), v);
                good += 32 + 4 + 4L * dim;
            }
        } catch (EOFException truncated) {
            damaged = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file + ": " + e.getMessage(), e);
        }
        if (damaged) {
            truncate(good);
        }
    }

    private void truncate(long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] apply(String text) {
        byte[] key = key(text);
        String hex = HexFormat.of().formatHex(key);
        float[] v = cache.get(hex);
        if (v != null) {
            return v;
        }
        CompletableFuture<float[]> mine = new CompletableFuture<>();
        CompletableFuture<float[]> running = embedding.putIfAbsent(hex, mine);
        if (running != null) {
            return await(running);
        }
        try {
            v = cache.get(hex);
            if (v == null) {
                v = embedder.apply(text);
                store(key, hex, v);
            }
            mine.complete(v);
            return v;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            embedding.remove(hex, mine);
        }
    }

    private static float[] await(CompletableFuture<float[]> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private synchronized void store(byte[] key, String hex, float[] v) {
        append(key, v);
        misses++;
        cache.put(hex, v);
    }

    public boolean contains(String text) {
        return cache.containsKey(HexFormat.of().formatHex(key(text)));
    }

    /** How many texts had to be embedded (not found in the cache) since opening. */
    synchronized int misses() {
        return misses;
    }

    public Path file() {
        return file;
    }

    /**
     * One record, one write, under an exclusive lock of the file: several processes may share a cache folder
     * without interleaving their records.
     */
    private void append(byte[] key, float[] v) {
        ByteBuffer record = ByteBuffer.allocate(32 + 4 + 4 * v.length);
        record.put(key).putInt(v.length);
        for (float f : v) {
            record.putFloat(f);
        }
        record.flip();
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            synchronized (EmbeddingDiskCache.class) { // a JVM may hold one lock of a file at a time
                try (FileLock lock = out.lock()) {
                    while (record.hasRemaining()) {
                        out.write(record);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write embedding cache " + file + ": " + e.getMessage(), e);
            }
            out = null;
        }
    }
}
