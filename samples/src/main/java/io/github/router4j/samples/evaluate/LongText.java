package io.github.router4j.samples.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What of a long prompt is embedded, for {@code evaluate --long-text}: the whole text (the embedding model's
 * own handling), its head, its tail, head and tail, or the mean of the embeddings of consecutive chunks.
 * Texts up to {@code maxChars} are embedded whole in every mode.
 */
enum LongText {
    WHOLE, HEAD, TAIL, HEAD_AND_TAIL, CHUNKS;

    static LongText parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--long-text must be whole, head, tail, head-and-tail or chunks, got '"
                    + name + "'");
        }
    }

    /** The texts to embed for {@code text}: one, or the chunks. */
    List<String> parts(String text, int maxChars) {
        if (this == WHOLE || text.length() <= maxChars) {
            return List.of(text);
        }
        return switch (this) {
            case HEAD -> List.of(text.substring(0, maxChars));
            case TAIL -> List.of(text.substring(text.length() - maxChars));
            case HEAD_AND_TAIL -> List.of(text.substring(0, maxChars / 2) + "\n"
                    + text.substring(text.length() - (maxChars - maxChars / 2)));
            case CHUNKS -> {
                List<String> chunks = new ArrayList<>();
                for (int start = 0; start < text.length(); start += maxChars) {
                    String chunk = text.substring(start, Math.min(text.length(), start + maxChars));
                    if (!chunk.isBlank()) {
                        chunks.add(chunk);
                    }
                }
                yield chunks;
            }
            case WHOLE -> List.of(text);
        };
    }

    /** An embedder of texts under this mode: the parts' embeddings, normalised and averaged. */
    Function<String, float[]> embedder(Function<String, float[]> embed, int maxChars) {
        return text -> {
            List<String> parts = parts(text, maxChars);
            if (parts.size() == 1) {
                return embed.apply(parts.get(0));
            }
            float[] mean = null;
            for (String part : parts) {
                float[] v = embed.apply(part);
                double norm = 0;
                for (float x : v) {
                    norm += (double) x * x;
                }
                norm = norm == 0 ? 1 : Math.sqrt(norm);
                if (mean == null) {
                    mean = new float[v.length];
                }
                for (int j = 0; j < v.length; j++) {
                    mean[j] += (float) (v[j] / norm / parts.size());
                }
            }
            return mean;
        };
    }
}
