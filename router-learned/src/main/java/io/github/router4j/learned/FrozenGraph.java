package io.github.router4j.learned;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

import java.io.IOException;
import java.util.Arrays;

/**
 * A built HNSW graph copied into flat arrays, one adjacency list per level ({@code offsets} into {@code neighbours};
 * level 0 holds every node, each upper level its sorted {@code nodes}): read-only, so any number of searches share
 * it, and small enough to save with the router instead of rebuilding the graph on loading.
 */
final class FrozenGraph {

    private final int entry;
    private final int[][] nodes;
    private final int[][] offsets;
    private final int[][] neighbours;

    private FrozenGraph(int entry, int[][] nodes, int[][] offsets, int[][] neighbours) {
        this.entry = entry;
        this.nodes = nodes;
        this.offsets = offsets;
        this.neighbours = neighbours;
    }

    static FrozenGraph of(OnHeapHnswGraph graph, int count) throws IOException {
        int levels = graph.numLevels();
        int[][] nodes = new int[levels][];
        int[][] offsets = new int[levels][];
        int[][] neighbours = new int[levels][];
        for (int level = 0; level < levels; level++) {
            int[] onLevel = level == 0 ? null : HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
            int size = level == 0 ? count : onLevel.length;
            int[] off = new int[size + 1];
            int total = 0;
            for (int i = 0; i < size; i++) {
                total += graph.getNeighbors(level, level == 0 ? i : onLevel[i]).size();
                off[i + 1] = total;
            }
            int[] all = new int[total];
            for (int i = 0; i < size; i++) {
                var list = graph.getNeighbors(level, level == 0 ? i : onLevel[i]);
                System.arraycopy(list.nodes(), 0, all, off[i], list.size());
            }
            nodes[level] = onLevel;
            offsets[level] = off;
            neighbours[level] = all;
        }
        return new FrozenGraph(graph.entryNode(), nodes, offsets, neighbours);
    }

    int entryNode() {
        return entry;
    }

    int levels() {
        return offsets.length;
    }

    int size() {
        return offsets[0].length - 1;
    }

    /** The neighbours of {@code node} on {@code level}: {@code neighbours(level)[start .. end)}. */
    int[] neighbours(int level) {
        return neighbours[level];
    }

    /** Where the neighbours of {@code node} on {@code level} start (see {@link #end}). */
    int start(int level, int node) {
        return offsets[level][index(level, node)];
    }

    int end(int level, int node) {
        return offsets[level][index(level, node) + 1];
    }

    private int index(int level, int node) {
        return level == 0 ? node : Arrays.binarySearch(nodes[level], node);
    }

    HnswGraph.NodesIterator nodesOnLevel(int level) {
        return level == 0 ? new HnswGraph.ArrayNodesIterator(size())
                : new HnswGraph.ArrayNodesIterator(nodes[level], nodes[level].length);
    }

    long bytes() {
        long ints = 0;
        for (int level = 0; level < levels(); level++) {
            ints += offsets[level].length + neighbours[level].length + (nodes[level] == null ? 0 : nodes[level].length);
        }
        return 4 * ints;
    }

    void write(ObjectNode node) {
        node.put("entry", entry);
        ArrayNode levels = node.putArray("levels");
        for (int level = 0; level < levels(); level++) {
            ObjectNode l = levels.addObject();
            if (level > 0) {
                l.put("nodes", Json.base64(nodes[level]));
            }
            l.put("offsets", Json.base64(offsets[level]));
            l.put("neighbours", Json.base64(neighbours[level]));
        }
    }

    /** The graph saved by {@link #write} over {@code count} nodes; every stored number is checked to be in range. */
    static FrozenGraph read(Json json, int count) {
        int entry = json.integer("entry");
        ArrayNode levels = (ArrayNode) json.node("levels");
        int n = levels.size();
        if (n == 0 || entry < 0 || entry >= count) {
            throw json.error("levels", "must hold at least one level and an entry node below " + count);
        }
        int[][] nodes = new int[n][];
        int[][] offsets = new int[n][];
        int[][] neighbours = new int[n][];
        for (int level = 0; level < n; level++) {
            Json l = new Json(levels.get(level), json.source() + " at 'levels[" + level + "]'");
            nodes[level] = level == 0 ? null : l.base64Ints("nodes");
            offsets[level] = l.base64Ints("offsets");
            neighbours[level] = l.base64Ints("neighbours");
            int size = level == 0 ? count : nodes[level].length;
            int[] off = offsets[level];
            if (off.length != size + 1 || off[0] != 0 || off[size] != neighbours[level].length) {
                throw l.error("offsets", "must hold " + (size + 1) + " offsets from 0 to the number of neighbours");
            }
            for (int i = 0; i < size; i++) {
                if (off[i + 1] < off[i]) {
                    throw l.error("offsets", "must not decrease");
                }
            }
            if (nodes[level] != null) {
                for (int i = 0; i < nodes[level].length; i++) {
                    if (nodes[level][i] < 0 || nodes[level][i] >= count
                            || i > 0 && nodes[level][i] <= nodes[level][i - 1]) {
                        throw l.error("nodes", "must be ascending nodes below " + count);
                    }
                }
            }
            for (int v : neighbours[level]) {
                if (v < 0 || v >= count || nodes[level] != null && Arrays.binarySearch(nodes[level], v) < 0) {
                    throw l.error("neighbours", "must be nodes of this level below " + count + ", got " + v);
                }
            }
        }
        if (n > 1 && Arrays.binarySearch(nodes[n - 1], entry) < 0) {
            throw json.error("entry", "must be a node of the top level, got " + entry);
        }
        return new FrozenGraph(entry, nodes, offsets, neighbours);
    }
}
