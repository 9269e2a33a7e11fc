package io.github.router4j.core.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loaders for the recorded evaluation data of lm-sys/RouteLLM ({@code routellm/evals/...}), read
 * directly from RouteLLM's files into {@link RecordedResults}. Both models are
 * {@link #WEAK} (Mixtral-8x7B-Instruct) and {@link #STRONG} (gpt-4-1106-preview).
 *
 * <p>Like RouteLLM's {@code benchmarks.py}, each loader drops the prompts listed in the
 * benchmark's {@code contaminated_prompts.jsonl} (column {@code eval_prompt}) by exact string
 * equality with the evaluation prompt (for MT-Bench: with either turn).
 *
 * <p>{@code root} may be the folder holding {@code routellm/evals}, the {@code evals} folder, or
 * the benchmark's own folder.
 */
public final class RouteLlmData {

    /** The weak model of RouteLLM's recorded data. */
    public static final String WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    /** The strong model of RouteLLM's recorded data. */
    public static final String STRONG = "gpt-4-1106-preview";
    /** Attribute: the MMLU subject (file name without {@code mmlu_} and {@code .csv}). */
    public static final String SUBJECT = "subject";
    /** Attribute: the GSM8K gold answer (full solution ending in {@code #### n}). */
    public static final String GOLD_ANSWER = "gold_answer";
    /** Attribute: the MT-Bench category. */
    public static final String CATEGORY = "category";
    /** Attribute: the MT-Bench turns (list of user messages; the prompt is the first). */
    public static final String TURNS = "turns";
    /** Attribute: MT-Bench GPT-4 judge scores (1–10) by model, one per turn. */
    public static final String JUDGE_SCORES = "judge_scores";

    private RouteLlmData() {
    }

    /**
     * MMLU: the 57 per-subject response files ({@code mmlu/responses/mmlu_<subject>.csv}, columns
     * {@code prompt}, the two models' True/False correctness), subjects in alphabetical order, rows in
     * file order. Quality is 1 for a correct answer, 0 otherwise; the subject is attribute
     * {@link #SUBJECT}; ids are {@code mmlu/<subject>/<row>} (row 0-based within the file).
     */
    public static RecordedResults mmlu(Path root) {
        Path dir = benchmarkDir(root, "mmlu");
        Path responses = dir.resolve("responses");
        List<Path> files;
        try (Stream<Path> s = Files.list(responses)) {
            files = s.filter(p -> p.getFileName().toString().matches("mmlu_.+\\.csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + responses + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataFileException(responses.toString(), 0, "no mmlu_<subject>.csv files");
        }
        Set<String> contaminated = contaminatedPrompts(dir);
        List<RecordedRequest> out = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String subject = name.substring("mmlu_".length(), name.length() - ".csv".length());
            List<CsvReader.Row> rows = CsvReader.read(file);
            for (int i = 0; i < rows.size(); i++) {
                CsvReader.Row row = rows.get(i);
                String prompt = row.get("prompt");
                if (contaminated.contains(prompt)) {
                    continue;
                }
                Map<String, ModelResult> models = new LinkedHashMap<>();
                models.put(WEAK, ModelResult.correct(row.getBoolean(WEAK)));
                models.put(STRONG, ModelResult.correct(row.getBoolean(STRONG)));
                out.add(new RecordedRequest("mmlu/" + subject + "/" + i, prompt, models, Map.of(SUBJECT, subject)));
            }
        }
        return new RecordedResults(responses.toString(), out);
    }

    /**
     * GSM8K: {@code gsm8k/gsm8k_responses.csv} (prompt, both models' True/False correctness and
     * their answers in {@code <model>_response}) joined row by row with {@code gsm8k/test.jsonl}
     * (the gold answer, attribute {@link #GOLD_ANSWER}); ids are {@code gsm8k/<row>}.
     */
    public static RecordedResults gsm8k(Path root) {
        Path dir = benchmarkDir(root, "gsm8k");
        Path responsesFile = dir.resolve("gsm8k_responses.csv");
        Path testFile = dir.resolve("test.jsonl");
        List<CsvReader.Row> rows = CsvReader.read(responsesFile);
        List<JsonLines.Line> gold = JsonLines.read(testFile, "question");
        if (gold.size() != rows.size()) {
            throw new DataFileException(testFile.toString(), 0, "has " + gold.size() + " questions but "
                    + responsesFile + " has " + rows.size() + " rows; they must match row by row");
        }
        Set<String> contaminated = contaminatedPrompts(dir);
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CsvReader.Row row = rows.get(i);
            String prompt = row.get("prompt");
            JsonLines.Line g = gold.get(i);
            if (!g.text("question").strip().equals(prompt.strip())) {
                throw g.error("question differs from row " + (i + 1) + " of " + responsesFile
                        + " (line " + row.line() + "); the files must match row by row");
            }
            if (contaminated.contains(prompt)) {
                continue;
            }
            Map<String, ModelResult> models = new LinkedHashMap<>();
            for (String model : List.of(WEAK, STRONG)) {
                models.put(model, ModelResult.correct(row.getBoolean(model)).withAnswer(row.get(model + "_response")));
            }
            out.add(new RecordedRequest("gsm8k/" + i, prompt, models, Map.of(GOLD_ANSWER, g.text("answer"))));
        }
        return new RecordedResults(responsesFile.toString(), out);
    }

    /**
     * MT-Bench: {@code mt_bench/question.jsonl} (question_id, category, two turns) and
     * {@code mt_bench/judgements.jsonl} (GPT-4 single-answer grades, score 1–10, per model and turn).
     * The prompt is the first turn (RouteLLM routes on it); a model's quality is the mean of its two
     * turns' scores mapped linearly from [1, 10] to [0, 1]: {@code (score − 1) / 9}. The mean
     * quality is therefore {@code (RouteLLM's mean score − 1) / 9}; APGR and CPT are unchanged by
     * this affine map. Attributes: {@link #CATEGORY}, {@link #TURNS}, {@link #JUDGE_SCORES}.
     * Ids are {@code mt-bench/<question_id>}.
     */
    public static RecordedResults mtBench(Path root) {
        Path dir = benchmarkDir(root, "mt_bench");
        Path questionsFile = dir.resolve("question.jsonl");
        Path judgementsFile = dir.resolve("judgements.jsonl");
        Map<Long, Map<String, TreeMap<Integer, Double>>> scores = new HashMap<>();
        for (JsonLines.Line line : JsonLines.read(judgementsFile, "judgement")) {
            long qid = integer(line, "question_id");
            String model = line.text("model");
            int turn = (int) integer(line, "turn");
            JsonNode s = line.node().get("score");
            if (s == null || !s.isNumber() || s.asDouble() < 1 || s.asDouble() > 10) {
                throw line.error("'score' must be a number in [1, 10], got " + s);
            }
            Double previous = scores.computeIfAbsent(qid, k -> new LinkedHashMap<>())
                    .computeIfAbsent(model, k -> new TreeMap<>()).put(turn, s.asDouble());
            if (previous != null) {
                throw line.error("second judgement for question " + qid + ", model '" + model + "', turn " + turn);
            }
        }
        Set<String> contaminated = contaminatedPrompts(dir);
        List<RecordedRequest> out = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(questionsFile, "question")) {
            long qid = integer(line, "question_id");
            JsonNode turnsNode = line.node().get("turns");
            if (turnsNode == null || !turnsNode.isArray() || turnsNode.isEmpty()) {
                throw line.error("'turns' must be a non-empty array of strings");
            }
            List<String> turns = new ArrayList<>();
            turnsNode.forEach(t -> turns.add(t.asText()));
            if (turns.stream().anyMatch(contaminated::contains)) {
                continue;
            }
            Map<String, TreeMap<Integer, Double>> byModel = scores.getOrDefault(qid, Map.of());
            Map<String, ModelResult> models = new LinkedHashMap<>();
            Map<String, Object> judgeScores = new LinkedHashMap<>();
            for (String model : List.of(WEAK, STRONG)) {
                TreeMap<Integer, Double> turnScores = byModel.get(model);
                if (turnScores == null || turnScores.size() != turns.size()) {
                    throw line.error("question " + qid + ": " + judgementsFile + " has "
                            + (turnScores == null ? 0 : turnScores.size()) + " judgements for model '" + model
                            + "', expected one per turn (" + turns.size() + ")");
                }
                double mean = turnScores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                models.put(model, ModelResult.of((mean - 1) / 9));
                judgeScores.put(model, List.copyOf(turnScores.values()));
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(CATEGORY, line.text("category"));
            attributes.put(TURNS, List.copyOf(turns));
            attributes.put(JUDGE_SCORES, judgeScores);
            out.add(new RecordedRequest("mt-bench/" + qid, turns.get(0), models, attributes));
        }
        return new RecordedResults(questionsFile.toString(), out);
    }

    /** The {@code eval_prompt}s of {@code <dir>/contaminated_prompts.jsonl}; empty when the file is absent. */
    static Set<String> contaminatedPrompts(Path dir) {
        Path file = dir.resolve("contaminated_prompts.jsonl");
        if (!Files.exists(file)) {
            return Set.of();
        }
        Set<String> prompts = new HashSet<>();
        for (JsonLines.Line line : JsonLines.read(file, "contaminated prompt")) {
            prompts.add(line.text("eval_prompt"));
        }
        return prompts;
    }

    private static long integer(JsonLines.Line line, String key) {
        JsonNode v = line.node().get(key);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw line.error("'" + key + "' must be an integer, got " + v);
        }
        return v.asLong();
    }

    private static Path benchmarkDir(Path root, String name) {
        for (Path candidate : List.of(root.resolve("routellm").resolve("evals").resolve(name),
                root.resolve("evals").resolve(name), root.resolve(name), root)) {
            if (Files.isDirectory(candidate) && (candidate.endsWith(name) || candidate.equals(root))
                    && looksLike(candidate, name)) {
                return candidate;
            }
        }
        throw new DataFileException(root.toString(), 0, "no RouteLLM " + name
                + " data here; expected routellm/evals/" + name + " below it");
    }

    private static boolean looksLike(Path dir, String name) {
        return switch (name) {
            case "mmlu" -> Files.isDirectory(dir.resolve("responses"));
            case "gsm8k" -> Files.exists(dir.resolve("gsm8k_responses.csv"));
            default -> Files.exists(dir.resolve("question.jsonl"));
        };
    }
}
