package io.github.router4j.samples.evaluate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * records of (32-byte key, dimension, floats). Thread-safe: different texts embed in parallel (no
 * lock is held while embedding); callers asking for a text being embedded wait for that one call.
 */
public final class EmbeddingDiskCache implements Function<String, float[]>, AutoCloseable {

    private final String model;
    private final Function<String, float[]> embedder;
    private final Path file;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<float[]>> embedding = new ConcurrentHashMap<>();
    private DataOutputStream out;
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

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] key = new byte[32];
            while (true) {
                try {
                    in.readFully(key);
                } catch (EOFException end) {
                    return;
                }
                int dim = in.readInt();
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = in.readFloat();
                }
                cache.put(HexFormat.of().formatHex(key), v);
            }
        } catch (EOFException truncated) {
            // a run stopped mid-write: keep what was complete, re-embed the rest
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file + ": " + e.getMessage(), e);
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

    private void append(byte[] key, float[] v) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16));
            }
            out.write(key);
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
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
