package io.github.router4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny OpenAI-compatible chat completions server on 127.0.0.1 (random free port) for tests, samples
 * and offline demos: point a real {@code OpenAiChatModel} / {@code OpenAiStreamingChatModel} at
 * {@link #baseUrl()}.
 * <p>
 * Serves {@code POST /v1/chat/completions}, non-streaming and SSE streaming ({@code "stream": true},
 * with the usage chunk when {@code stream_options.include_usage} is set), text answers and tool calls.
 * Each answer comes from a function of the {@link Request} (so several "models" can share one server:
 * branch on {@link Request#model()}); {@link #failNext} injects errors (429 with {@code Retry-After},
 * 500, ...) ahead of the script. Faults for soak tests: malformed bodies ({@link Reply#malformed()}),
 * stalls after the response headers ({@link Reply#withStallAfterHeaders}), late first tokens
 * ({@link Reply#withFirstTokenDelay}), stalls mid-stream ({@link Reply#withStallAfterChunks}), empty
 * answers ({@code Reply.text("")}). Every request is recorded for assertions, and the server keeps the
 * bill: the token usage it actually sent, per model ({@link #billed}). Token usage is estimated as one
 * token per four characters (at least one). Connections use {@code TCP_NODELAY}
 * ({@code -Dsun.net.httpserver.nodelay=true} is set unless given otherwise before the first server
 * starts), so that latency measurements see no delayed-ACK stalls. Thread-safe.
 *
 * <pre>{@code
 * try (LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text("4"))) {
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local")
 *             .modelName("cheap").maxRetries(0).build();
 * }
 * }</pre>
 */
public final class LocalOpenAiServer implements AutoCloseable {

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A body cut off inside the JSON, as a broken proxy or provider might send. */
    private static final String MALFORMED_BODY = "{\"id\": \"chatcmpl-broken\", \"object\": \"chat.completion\", \"choices\": [{\"mess";
    private static final Duration STREAM_FAILURE_PAUSE = Duration.ofMillis(300);
    private static final int NO_RESPONSE = 0;
    private static final Pattern WORD_CHUNK = Pattern.compile("\\s*\\S+\\s*?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<Request, Reply> script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> injected = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Bill> bills = new ConcurrentHashMap<>();

    private LocalOpenAiServer(Function<Request, Reply> script) throws IOException {
        this.script = Objects.requireNonNull(script, "script");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-openai-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server whose answers come from {@code script}. */
    public static LocalOpenAiServer start(Function<Request, Reply> script) {
        try {
            return new LocalOpenAiServer(script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local OpenAI-compatible server on 127.0.0.1", e);
        }
    }

    /** Starts a server that answers "echo: " plus the latest user message. */
    public static LocalOpenAiServer start() {
        return start(request -> Reply.text("echo: " + request.lastUserText()));
    }

    /** The base URL for {@code OpenAiChatModel.builder().baseUrl(...)}, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next request for {@code model} (null: any model) gets {@code reply} instead of the script's answer. */
    public void failNext(String model, Reply reply) {
        injected.computeIfAbsent(model == null ? "" : model, m -> new ConcurrentLinkedDeque<>()).add(reply);
    }

    /** The next {@code times} requests for {@code model} get {@code reply}. */
    public void failNext(String model, int times, Reply reply) {
        for (int i = 0; i < times; i++) {
            failNext(model, reply);
        }
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for one model. */
    public List<Request> requests(String model) {
        return requests.stream().filter(r -> model.equals(r.model())).toList();
    }

    public void clearRequests() {
        requests.clear();
    }

    /**
     * The tokens this server billed {@code model} for: the usage of every answer it sent (booked just
     * before a JSON answer is written, and right after a stream's usage chunk, which is sent only when
     * the client asked for {@code stream_options.include_usage}). Failed, dropped and malformed
     * responses bill nothing.
     */
    public Usage billed(String model) {
        Bill bill = bills.get(model);
        return bill == null ? new Usage(0, 0, 0) : bill.snapshot();
    }

    /** Forgets the bills so far. */
    public void clearBills() {
        bills.clear();
    }

    /**
     * Billed tokens of one model.
     *
     * @param inputTokens  prompt tokens billed
     * @param outputTokens completion tokens billed
     * @param responses    responses billed
     */
    public record Usage(long inputTokens, long outputTokens, long responses) {
    }

    private static final class Bill {
        private long input;
        private long output;
        private long responses;

        synchronized void add(JsonNode usage) {
            input += usage.path("prompt_tokens").asLong();
            output += usage.path("completion_tokens").asLong();
            responses++;
        }

        synchronized Usage snapshot() {
            return new Usage(input, output, responses);
        }
    }

    private void bill(Request request, JsonNode usage) {
        bills.computeIfAbsent(request.model(), m -> new Bill()).add(usage);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        // A scripted stream failure escapes without close(): the server then drops the connection mid-stream.
        try {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
                send(exchange, 404, error("no route for " + exchange.getRequestMethod() + " " + path, "not_found"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                send(exchange, 400, error("request body is not JSON: " + e.getMessage(), "invalid_request_error"));
                return;
            }
            Request request = new Request(body.path("model").asText(""), body.path("stream").asBoolean(false),
                    body, exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Reply reply = nextReply(request);
            sleep(reply.delay);
            if (reply.status != 200 && reply.status != NO_RESPONSE) {
                if (reply.retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", reply.retryAfter);
                }
                send(exchange, reply.status, error(reply.errorMessage, reply.status == 429 ? "rate_limit_exceeded"
                        : reply.status >= 500 ? "server_error" : "invalid_request_error"));
            } else if (reply.status == NO_RESPONSE) {
                throw new ScriptedStreamFailure("scripted connection drop without a response");
            } else if (reply.stallAfterHeaders != null) {
                exchange.getResponseHeaders().add("Content-Type", request.stream() ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().flush();
                sleep(reply.stallAfterHeaders);
                throw new ScriptedStreamFailure("scripted stall after the headers");
            } else if (reply.malformed) {
                if (request.stream()) {
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    out.write(("data: " + MALFORMED_BODY + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    send(exchange, 200, MALFORMED_BODY);
                }
            } else if (request.stream()) {
                stream(exchange, request, reply);
            } else {
                ObjectNode completion = completion(request, reply);
                bill(request, completion.get("usage"));
                send(exchange, 200, completion.toString());
            }
        } catch (ScriptedStreamFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        exchange.close();
    }

    private static final class ScriptedStreamFailure extends IOException {
        ScriptedStreamFailure(String message) {
            super(message);
        }
    }

    private Reply nextReply(Request request) {
        for (String key : new String[]{request.model(), ""}) {
            Deque<Reply> queue = injected.get(key);
            Reply r = queue == null ? null : queue.poll();
            if (r != null) {
                return r;
            }
        }
        Reply reply = script.apply(request);
        if (reply == null) {
            throw new IllegalStateException("the script returned no reply for " + request);
        }
        return reply;
    }

    private ObjectNode completion(Request request, Reply reply) {
        ObjectNode root = envelope(request, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.toolCalls.isEmpty()) {
            message.put("content", reply.text);
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < reply.toolCalls.size(); i++) {
                ToolCall call = reply.toolCalls.get(i);
                ObjectNode c = calls.addObject();
                c.put("id", toolCallId(request, i));
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.put("finish_reason", reply.toolCalls.isEmpty() ? "stop" : "tool_calls");
        root.set("usage", usage(request, reply));
        return root;
    }

    private void stream(HttpExchange exchange, Request request, Reply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + ids.incrementAndGet();
        int sent = 0;
        List<ObjectNode> deltas = new ArrayList<>();
        if (reply.toolCalls.isEmpty()) {
            for (String piece : reply.chunks()) {
                deltas.add(JSON.createObjectNode().put("content", piece));
            }
        } else {
            for (int i = 0; i < reply.toolCalls.size(); i++) {
                ToolCall call = reply.toolCalls.get(i);
                ObjectNode head = JSON.createObjectNode();
                ObjectNode c = head.putArray("tool_calls").addObject().put("index", i).put("id", toolCallId(request, i))
                        .put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", "");
                deltas.add(head);
                String args = call.arguments();
                int half = args.length() / 2;
                for (String part : new String[]{args.substring(0, half), args.substring(half)}) {
                    ObjectNode d = JSON.createObjectNode();
                    d.putArray("tool_calls").addObject().put("index", i).putObject("function").put("arguments", part);
                    deltas.add(d);
                }
            }
        }
        event(out, chunk(request, id, JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        sleep(reply.firstTokenDelay);
        for (ObjectNode delta : deltas) {
            if (reply.failAfterChunks >= 0 && sent >= reply.failAfterChunks) {
                // Give the client time to hand the delivered chunks on before the connection drops.
                sleep(reply.failurePause);
                throw new ScriptedStreamFailure("scripted stream failure after " + sent + " chunks");
            }
            sleep(reply.chunkDelay);
            event(out, chunk(request, id, delta, null));
            sent++;
        }
        event(out, chunk(request, id, JSON.createObjectNode(), reply.toolCalls.isEmpty() ? "stop" : "tool_calls"));
        if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageChunk = envelope(request, "chat.completion.chunk").put("id", id);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(request, reply));
            event(out, usageChunk);
            bill(request, usageChunk.get("usage"));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } else {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private ObjectNode chunk(Request request, String id, ObjectNode delta, String finishReason) {
        ObjectNode root = envelope(request, "chat.completion.chunk").put("id", id);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private ObjectNode envelope(Request request, String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet());
        root.put("object", object);
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", request.model());
        return root;
    }

    private String toolCallId(Request request, int index) {
        return "call_" + request.model().replaceAll("[^A-Za-z0-9]", "") + "_" + ids.incrementAndGet() + "_" + index;
    }

    private static ObjectNode usage(Request request, Reply reply) {
        int prompt = reply.inputTokens >= 0 ? reply.inputTokens : estimateTokens(request.body().path("messages").toString());
        int completion = reply.outputTokens >= 0 ? reply.outputTokens : estimateTokens(reply.text
                + reply.toolCalls.stream().map(c -> c.name() + c.arguments()).reduce("", String::concat));
        return JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static int estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String error(String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        if (duration == null || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalOpenAiServer{" + baseUrl() + '}';
    }

    /**
     * One received request.
     *
     * @param model         the {@code model} field
     * @param stream        whether SSE streaming was asked for
     * @param body          the whole JSON body
     * @param authorization the Authorization header, if any
     */
    public record Request(String model, boolean stream, JsonNode body, String authorization) {

        /** The {@code messages} array. */
        public JsonNode messages() {
            return body.path("messages");
        }

        /** Text of the latest {@code user} message ("" when there is none). */
        public String lastUserText() {
            JsonNode messages = messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                JsonNode m = messages.get(i);
                if ("user".equals(m.path("role").asText())) {
                    return contentText(m.path("content"));
                }
            }
            return "";
        }

        /** Role of the last message ("tool" after a tool result). */
        public String lastRole() {
            JsonNode messages = messages();
            return messages.size() == 0 ? "" : messages.get(messages.size() - 1).path("role").asText();
        }

        /** Names of the tools offered in the request. */
        public List<String> toolNames() {
            List<String> names = new ArrayList<>();
            body.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
            return names;
        }

        private static String contentText(JsonNode content) {
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            content.forEach(part -> {
                if ("text".equals(part.path("type").asText())) {
                    text.append(text.length() == 0 ? "" : "\n").append(part.path("text").asText());
                }
            });
            return text.toString();
        }
    }

    /** A tool call in a scripted reply. */
    public record ToolCall(String name, String arguments) {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? "{}" : arguments;
        }
    }

    /** What the server answers to one request. Immutable; the {@code with...} methods return copies. */
    public static final class Reply {
        private final int status;
        private final String errorMessage;
        private final String retryAfter;
        private final String text;
        private final List<ToolCall> toolCalls;
        private final int inputTokens;
        private final int outputTokens;
        private final Duration delay;
        private final Duration chunkDelay;
        private final int failAfterChunks;
        private final Duration failurePause;
        private final Duration firstTokenDelay;
        private final Duration stallAfterHeaders;
        private final boolean malformed;

        private Reply(int status, String errorMessage, String retryAfter, String text, List<ToolCall> toolCalls,
                      int inputTokens, int outputTokens, Duration delay, Duration chunkDelay, int failAfterChunks) {
            this(status, errorMessage, retryAfter, text, toolCalls, inputTokens, outputTokens, delay, chunkDelay,
                    failAfterChunks, STREAM_FAILURE_PAUSE, Duration.ZERO, null, false);
        }

        private Reply(int status, String errorMessage, String retryAfter, String text, List<ToolCall> toolCalls,
                      int inputTokens, int outputTokens, Duration delay, Duration chunkDelay, int failAfterChunks,
                      Duration failurePause, Duration firstTokenDelay, Duration stallAfterHeaders, boolean malformed) {
            this.status = status;
            this.errorMessage = errorMessage;
            this.retryAfter = retryAfter;
            this.text = text == null ? "" : text;
            this.toolCalls = List.copyOf(toolCalls);
            this.inputTokens = inputTokens;
            this.outputTokens = outputTokens;
            this.delay = delay;
            this.chunkDelay = chunkDelay;
            this.failAfterChunks = failAfterChunks;
            this.failurePause = failurePause;
            this.firstTokenDelay = firstTokenDelay;
            this.stallAfterHeaders = stallAfterHeaders;
            this.malformed = malformed;
        }

        private Reply copy(int newFailAfterChunks, Duration newFailurePause, Duration newFirstTokenDelay,
                           Duration newStallAfterHeaders) {
            return new Reply(status, errorMessage, retryAfter, text, toolCalls, inputTokens, outputTokens, delay,
                    chunkDelay, newFailAfterChunks, newFailurePause, newFirstTokenDelay, newStallAfterHeaders, malformed);
        }

        /** A text answer; streamed word by word. */
        public static Reply text(String text) {
            return new Reply(200, null, null, text, List.of(), -1, -1, Duration.ZERO, Duration.ZERO, -1);
        }

        /** One tool call; the id is generated and names the model (ids are provider-specific). */
        public static Reply toolCall(String name, String argumentsJson) {
            return toolCalls(List.of(new ToolCall(name, argumentsJson)));
        }

        public static Reply toolCalls(List<ToolCall> calls) {
            if (calls.isEmpty()) {
                throw new IllegalArgumentException("at least one tool call");
            }
            return new Reply(200, null, null, "", calls, -1, -1, Duration.ZERO, Duration.ZERO, -1);
        }

        /** An HTTP error with an OpenAI-style error body. */
        public static Reply error(int status, String message) {
            if (status < 400) {
                throw new IllegalArgumentException("an error status is >= 400, was " + status);
            }
            return new Reply(status, message, null, "", List.of(), -1, -1, Duration.ZERO, Duration.ZERO, -1);
        }

        /** HTTP 429 with a {@code Retry-After} header in seconds. */
        public static Reply rateLimited(Duration retryAfter) {
            return new Reply(429, "Rate limit reached, retry after " + retryAfter.toSeconds() + "s",
                    Long.toString(retryAfter.toSeconds()), "", List.of(), -1, -1, Duration.ZERO, Duration.ZERO, -1);
        }

        /** HTTP 429 with a {@code Retry-After} header as an HTTP date, e.g. {@code Wed, 21 Oct 2015 07:28:00 GMT}. */
        public static Reply rateLimitedUntil(java.time.Instant until) {
            String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(until.atZone(java.time.ZoneOffset.UTC));
            return new Reply(429, "Rate limit reached, retry after " + date, date, "", List.of(), -1, -1,
                    Duration.ZERO, Duration.ZERO, -1);
        }

        /**
         * No response at all: the server waits {@code wait}, then drops the connection (a client whose
         * timeout is shorter sees a read timeout); bills nothing.
         */
        public static Reply noResponse(Duration wait) {
            return new Reply(NO_RESPONSE, "no response", null, "", List.of(), -1, -1, wait, Duration.ZERO, -1);
        }

        /** HTTP 200 with a body cut off inside the JSON (streaming: one such event, then {@code [DONE]}); bills nothing. */
        public static Reply malformed() {
            return new Reply(200, null, null, "", List.of(), -1, -1, Duration.ZERO, Duration.ZERO, -1,
                    STREAM_FAILURE_PAUSE, Duration.ZERO, null, true);
        }

        /** Reported token usage instead of the estimate. */
        public Reply withUsage(int inputTokens, int outputTokens) {
            return new Reply(status, errorMessage, retryAfter, text, toolCalls, inputTokens, outputTokens, delay,
                    chunkDelay, failAfterChunks, failurePause, firstTokenDelay, stallAfterHeaders, malformed);
        }

        /** Waits this long before answering (to trigger client timeouts, or measure latency). */
        public Reply withDelay(Duration delay) {
            return new Reply(status, errorMessage, retryAfter, text, toolCalls, inputTokens, outputTokens, delay,
                    chunkDelay, failAfterChunks, failurePause, firstTokenDelay, stallAfterHeaders, malformed);
        }

        /** Streaming: waits this long before each chunk. */
        public Reply withChunkDelay(Duration chunkDelay) {
            return new Reply(status, errorMessage, retryAfter, text, toolCalls, inputTokens, outputTokens, delay,
                    chunkDelay, failAfterChunks, failurePause, firstTokenDelay, stallAfterHeaders, malformed);
        }

        /**
         * Streaming: drops the connection after {@code chunks} content chunks (0: before the first token),
         * 300 ms after the last chunk so that the client has handed the delivered chunks on.
         */
        public Reply withStreamFailureAfter(int chunks) {
            return copy(chunks, STREAM_FAILURE_PAUSE, firstTokenDelay, stallAfterHeaders);
        }

        /** Streaming: after {@code chunks} content chunks, goes silent for {@code stall}, then drops the connection. */
        public Reply withStallAfterChunks(int chunks, Duration stall) {
            return copy(chunks, stall, firstTokenDelay, stallAfterHeaders);
        }

        /** Streaming: waits this long after the headers (and the role chunk) before the first token. */
        public Reply withFirstTokenDelay(Duration delay) {
            return copy(failAfterChunks, failurePause, delay, stallAfterHeaders);
        }

        /** Sends the 200 headers, goes silent for {@code stall}, then drops the connection without a body. */
        public Reply withStallAfterHeaders(Duration stall) {
            return copy(failAfterChunks, failurePause, firstTokenDelay, stall);
        }

        List<String> chunks() {
            List<String> pieces = new ArrayList<>();
            Matcher m = WORD_CHUNK.matcher(text);
            int end = 0;
            while (m.find()) {
                pieces.add(m.group());
                end = m.end();
            }
            if (end < text.length()) {
                pieces.add(text.substring(end));
            }
            return pieces;
        }

        @Override
        public String toString() {
            return status == NO_RESPONSE ? "Reply{no response}" : status != 200 ? "Reply{" + status + " " + errorMessage + '}'
                    : malformed ? "Reply{malformed}" : stallAfterHeaders != null ? "Reply{stall after headers}"
                    : toolCalls.isEmpty() ? "Reply{text=" + text + '}' : "Reply{toolCalls=" + toolCalls + '}';
        }
    }
}
