package io.github.router4j.langchain4j.scoring;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.RoutingRequest;
import io.github.router4j.core.scoring.ScoringSpec;
import io.github.router4j.langchain4j.AcceptanceContext;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** An LLM_JUDGE scorer reads the tool results the answer depends on, and its calls are marked as judge calls. */
class JudgeContextOpenAiTest {

    private static final String SPEC = """
            name: weather answers
            description: A weather assistant.
            dimensions:
              - label: correctness
                weight: 1
                sub_dimensions:
                  - label: agrees
                    description: Does the answer agree with the tool results?
                    scoring_type: LLM_JUDGE
            """;

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request ->
            Reply.text(request.lastUserText().contains("Tool weather returned: -5°C, snow") ? "No" : "Yes"));
    private final List<Map<Object, Object>> judgeAttributes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_judge_sees_the_tool_result_that_contradicts_the_answer_and_carries_the_callers_attributes() {
        ChatModel judge = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("local").modelName("judge")
                .maxRetries(0).listeners(List.of(new ChatModelListener() {
                    @Override
                    public void onRequest(ChatModelRequestContext context) {
                        judgeAttributes.add(Map.copyOf(context.attributes()));
                    }
                })).build();
        ScoringSpec spec = ScoringSpecs.fromYaml(SPEC, "test");
        SpecEvidenceSource source = SpecEvidenceSource.of(SpecScorer.builder().spec(spec)
                .judge(LlmJudge.builder().model(judge).samples(3).build()).build(), null);
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("1").name("weather").arguments("{\"city\":\"Oslo\"}").build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Weather in Oslo?"), AiMessage.from(call),
                ToolExecutionResultMessage.from(call, "-5°C, snow")).build();
        Tier tier = Tier.builder().name("cheap").model(judge).build();
        AcceptanceContext context = AcceptanceContext.of(request,
                ChatResponse.builder().aiMessage(AiMessage.from("It is 5°C.")).build(), tier, List.of(tier),
                RoutingRequest.of("Weather in Oslo?"), (t, u) -> { }, Map.of("trace-id", "t-7"));

        Evidence evidence = source.gather(context);

        assertThat(evidence.get(Evidence.SCORE)).hasValue(0.0);
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.lastUserText())
                .contains("Request:\nWeather in Oslo?").contains("Assistant called tool weather({\"city\":\"Oslo\"})")
                .contains("Tool weather returned: -5°C, snow").contains("Answer to evaluate:\nIt is 5°C."));
        assertThat(judgeAttributes).hasSize(3).allSatisfy(a -> assertThat(a).containsEntry("trace-id", "t-7")
                .containsEntry(RoutingInfo.PURPOSE, RoutingInfo.PURPOSE_LLM_JUDGE));
    }
}
