package io.github.router4j.samples.quickstart;

import io.github.router4j.core.data.ModelResult;
import io.github.router4j.core.data.RecordedRequest;
import io.github.router4j.core.data.RecordedResults;
import io.github.router4j.core.data.RouteLlmData;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers chat requests with RouteLLM's recorded GSM8K answers: the request's {@code model} picks
 * the model (Mixtral-8x7B-Instruct or gpt-4-1106-preview), its last user message must be a GSM8K
 * question exactly as recorded. Anything else gets an HTTP 404 that says why.
 */
final class Gsm8kReplay {

    /** The bundled subset: 200 of the 1,307 decontaminated test questions, evenly spread (see quickstart/README.md beside it). */
    static final String BUNDLED = "quickstart/gsm8k-replay.jsonl";
    static final int BUNDLED_SIZE = 200;

    private final RecordedResults data;
    private final boolean bundled;
    private final Map<String, RecordedRequest> byPrompt = new HashMap<>();

    Gsm8kReplay(RecordedResults data) {
        this(data, false);
    }

    private Gsm8kReplay(RecordedResults data, boolean bundled) {
        this.data = data;
        this.bundled = bundled;
        for (RecordedRequest r : data) {
            byPrompt.putIfAbsent(r.prompt().strip(), r);
        }
    }

    /** The subset of RouteLLM's recorded GSM8K answers bundled in this jar: no data folder, no network. */
    static Gsm8kReplay bundled() {
        InputStream in = Gsm8kReplay.class.getClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
            throw new IllegalStateException("classpath:" + BUNDLED + " is missing from the samples jar");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new Gsm8kReplay(RecordedResults.read(reader, "classpath:" + BUNDLED), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + BUNDLED, e);
        }
    }

    RecordedResults data() {
        return data;
    }

    /** Whether this is the bundled subset rather than the full recorded test set. */
    boolean isBundled() {
        return bundled;
    }

    Optional<RecordedRequest> find(String prompt) {
        return Optional.ofNullable(byPrompt.get(prompt.strip()));
    }

    /** A local OpenAI-compatible server replaying the recorded answers. */
    LocalOpenAiServer start() {
        return LocalOpenAiServer.start(this::answer);
    }

    Reply answer(LocalOpenAiServer.Request request) {
        String model = request.model();
        if (!RouteLlmData.WEAK.equals(model) && !RouteLlmData.STRONG.equals(model)) {
            return Reply.error(404, "the GSM8K replay server has recorded answers of '" + RouteLlmData.WEAK
                    + "' and '" + RouteLlmData.STRONG + "' only, not '" + model + "'");
        }
        Optional<String> answer = find(request.lastUserText())
                .flatMap(r -> r.result(model))
                .flatMap(ModelResult::answer);
        return answer.map(Reply::text).orElseGet(() ->
                Reply.error(404, "no recorded GSM8K answer for this prompt; the replay server answers the "
                        + data.size() + " GSM8K test questions only"));
    }
}
