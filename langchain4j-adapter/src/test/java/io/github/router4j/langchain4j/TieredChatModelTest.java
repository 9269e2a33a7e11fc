package io.github.router4j.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.router4j.core.Evidence;
import io.github.router4j.core.Route;
import io.github.router4j.core.TierCapability;
import io.github.router4j.core.Verdict;
import io.github.router4j.core.routing.FixedTierRouter;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.router4j.langchain4j.ScriptedChatModel.answering;
import static io.github.router4j.langchain4j.ScriptedChatModel.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TieredChatModelTest {

    private final ScriptedChatModel cheapModel = answering("cheap answer");
    private final ScriptedChatModel strongModel = answering("strong answer");

    private static Tier tier(String name, ScriptedChatModel model, double in, double out) {
        return Tier.builder().name(name).model(model).inputPricePerMillion(in).outputPricePerMillion(out).build();
    }

    private TieredChatModel.Builder twoTiers() {
        return TieredChatModel.builder().tiers(tier("cheap", cheapModel, 1, 2), tier("strong", strongModel, 10, 30));
    }

    @Test
    void by_default_the_cheapest_tier_answers_with_routing_information_and_cost() {
        ChatResponse response = twoTiers().build().chat(ChatRequest.builder()
                .messages(UserMessage.from("What is 2 + 2?")).build());

        assertThat(response.aiMessage().text()).isEqualTo("cheap answer");
        assertThat(response.aiMessage().attributes())
                .containsEntry(RoutingInfo.TIER, "cheap")
                .containsEntry(RoutingInfo.TIER_INDEX, 0)
                .containsEntry(RoutingInfo.TRIED, List.of("cheap: ANSWERED (accept all)"));
        // 10 input tokens at $1/M + 5 output at $2/M; strongest: 10 at $10/M + 5 at $30/M
        assertThat((double) response.aiMessage().attributes().get(RoutingInfo.COST)).isCloseTo(2.0e-5, within());
        assertThat((double) response.aiMessage().attributes().get(RoutingInfo.SAVING)).isCloseTo(2.5e-4 - 2.0e-5, within());
        assertThat(strongModel.received).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    @Test
    void forwards_the_whole_request_unchanged() {
        ToolSpecification tool = ToolSpecification.builder().name("lookup").build();
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi"))
                .toolSpecifications(tool).temperature(0.3).maxOutputTokens(77).stopSequences(List.of("END"))
                .build();

        twoTiers().build().chat(request);

        assertThat(cheapModel.received).singleElement().isEqualTo(request);
    }

    @Test
    void default_request_parameters_are_merged_and_the_requests_own_values_win() {
        TieredChatModel model = twoTiers().defaultRequestParameters(
                dev.langchain4j.model.chat.request.ChatRequestParameters.builder().temperature(0.1).maxOutputTokens(50).build())
                .build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).temperature(0.9).build());

        ChatRequest received = cheapModel.received.get(0);
        assertThat(received.temperature()).isEqualTo(0.9);
        assertThat(received.maxOutputTokens()).isEqualTo(50);
        assertThat(model.defaultRequestParameters().temperature()).isEqualTo(0.1);
    }

    @Test
    void the_router_chooses_the_first_tier() {
        ChatResponse response = twoTiers().router(FixedTierRouter.named("strong")).build().chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat(response.aiMessage().attributes()).containsEntry(RoutingInfo.REASON, "fixed tier 'strong'")
                .doesNotContainKey(RoutingInfo.SCORE);
        assertThat(twoTiers().router((request, tiers) -> Route.to(1, "p_strong high", 0.83)).build()
                .chat(UserMessage.from("hi")).aiMessage().attributes()).containsEntry(RoutingInfo.SCORE, 0.83);
    }

    @Test
    void a_failing_tier_falls_back_to_the_next_and_the_failure_is_recorded() {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = TieredChatModel.builder()
                .tiers(tier("cheap", failing(new InternalServerException("HTTP 500")), 1, 2), tier("strong", strongModel, 10, 30))
                .routingListener(events::add).build();

        ChatResponse response = model.chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.routingInfo().answeredBy()).contains("strong");
            assertThat(e.routingInfo().calls()).extracting(TierCall::tier, TierCall::outcome).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("cheap", TierCall.Outcome.FAILED),
                    org.assertj.core.groups.Tuple.tuple("strong", TierCall.Outcome.ANSWERED));
            assertThat(e.routingInfo().calls().get(0).error()).containsInstanceOf(InternalServerException.class);
            assertThat(e.response()).isPresent();
        });
    }

    @Test
    void an_empty_answer_counts_as_a_failure() {
        TieredChatModel model = TieredChatModel.builder()
                .tiers(tier("cheap", answering(" "), 1, 2), tier("strong", strongModel, 10, 30)).build();

        assertThat(model.chat("hi")).isEqualTo("strong answer");
    }

    @Test
    void when_every_tier_fails_the_exception_carries_each_failure() {
        TieredChatModel model = TieredChatModel.builder().tiers(
                tier("cheap", failing(new InternalServerException("cheap is down")), 1, 2),
                tier("strong", failing(new RateLimitException("strong is busy")), 10, 30)).build();

        assertThatThrownBy(() -> model.chat("hi"))
                .isInstanceOfSatisfying(AllTiersFailedException.class, e -> {
                    assertThat(e.failures()).extracting(TierCall::tier).containsExactly("cheap", "strong");
                    assertThat(e.getCause()).hasMessage("cheap is down");
                    assertThat(e.getSuppressed()).singleElement().isInstanceOf(RateLimitException.class);
                })
                .hasMessageContaining("cheap: InternalServerException: cheap is down")
                .hasMessageContaining("strong: RateLimitException: strong is busy");
    }

    @Test
    void a_rate_limited_tier_cools_down_for_the_configured_time() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        int[] cheapCalls = {0};
        ScriptedChatModel cheap = new ScriptedChatModel(r -> {
            if (cheapCalls[0]++ == 0) {
                throw new RateLimitException("429");
            }
            return ScriptedChatModel.response("cheap answer", 1, 1);
        });
        TieredChatModel model = TieredChatModel.builder().tiers(tier("cheap", cheap, 1, 2), tier("strong", strongModel, 10, 30))
                .cooldown(Duration.ofSeconds(30)).clock(clock).build();

        assertThat(model.chat("one")).isEqualTo("strong answer");
        now.set(now.get().plusSeconds(29));
        assertThat(model.chat("two")).isEqualTo("strong answer");
        assertThat(cheap.received).hasSize(1);
        now.set(now.get().plusSeconds(2));
        assertThat(model.chat("three")).isEqualTo("cheap answer");
    }

    @Test
    void a_cooling_tier_is_still_tried_when_every_other_tier_failed() {
        int[] calls = {0};
        ScriptedChatModel cheap = new ScriptedChatModel(r -> {
            if (calls[0]++ == 0) {
                throw new RateLimitException("429");
            }
            return ScriptedChatModel.response("cheap answer", 1, 1);
        });
        TieredChatModel model = TieredChatModel.builder()
                .tiers(tier("cheap", cheap, 1, 2), tier("strong", failing(new InternalServerException("down")), 10, 30))
                .build();

        assertThatThrownBy(() -> model.chat("one")).isInstanceOf(AllTiersFailedException.class);
        assertThat(model.chat("two")).isEqualTo("cheap answer");
    }

    @Test
    void acceptance_escalates_to_a_stronger_tier_and_the_last_tier_always_answers() {
        List<AcceptanceContext> judged = new CopyOnWriteArrayList<>();
        TieredChatModel model = twoTiers().acceptance(ctx -> {
            judged.add(ctx);
            ctx.recordUsage(ctx.tier(), new TokenUsage(100, 0));
            return Verdict.escalate("not good enough");
        }).build();

        ChatResponse response = model.chat(UserMessage.from("hard question"));

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat(judged).singleElement().satisfies(ctx -> {
            assertThat(ctx.tier().name()).isEqualTo("cheap");
            assertThat(ctx.answer()).isEqualTo("cheap answer");
            assertThat(ctx.routingRequest().text()).isEqualTo("hard question");
        });
        assertThat(response.aiMessage().attributes().get(RoutingInfo.TRIED)).isEqualTo(List.of(
                "cheap: ESCALATED (not good enough)", "strong: ANSWERED (strongest eligible tier)"));
        // cheap 10*1 + 5*2 = 20, judge 100*1 = 100, strong 10*10 + 5*30 = 250 (micro-dollars)
        assertThat((double) response.aiMessage().attributes().get(RoutingInfo.COST)).isCloseTo(3.7e-4, within());
    }

    @Test
    void acceptance_step_of_evidence_source_and_policy() {
        TieredChatModel model = twoTiers().acceptance(AcceptanceStep.of(
                ctx -> Evidence.of(Evidence.SCORE, ctx.answer().startsWith("cheap") ? 0.2 : 0.9),
                attempt -> attempt.evidence().get(Evidence.SCORE).orElse(0) > 0.5
                        ? Verdict.accept("score ok") : Verdict.escalate("score too low",
                        java.util.Map.of("score", attempt.evidence().get(Evidence.SCORE).orElse(0))))).build();

        ChatResponse response = model.chat(UserMessage.from("q"));

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat((List<?>) response.aiMessage().attributes().get(RoutingInfo.TRIED)).first()
                .isEqualTo("cheap: ESCALATED (score too low) {score=0.2000}");
    }

    @Test
    void an_escalated_answer_is_kept_when_every_stronger_tier_fails() {
        TieredChatModel model = TieredChatModel.builder()
                .tiers(tier("cheap", cheapModel, 1, 2), tier("strong", failing(new InternalServerException("down")), 10, 30))
                .acceptance(ctx -> Verdict.escalate("unsure")).build();

        ChatResponse response = model.chat(UserMessage.from("q"));

        assertThat(response.aiMessage().text()).isEqualTo("cheap answer");
        assertThat(response.aiMessage().attributes()).containsEntry(RoutingInfo.TIER, "cheap");
    }

    @Test
    void a_failing_acceptance_step_escalates() {
        TieredChatModel model = twoTiers().acceptance(ctx -> {
            throw new IllegalStateException("judge offline");
        }).build();

        ChatResponse response = model.chat(UserMessage.from("q"));

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat((List<?>) response.aiMessage().attributes().get(RoutingInfo.TRIED)).first().asString()
                .contains("acceptance step failed: judge offline");
    }

    @Test
    void tool_results_go_back_to_the_tier_that_made_the_call() {
        TieredChatModel model = twoTiers().router((request, tiers) -> Route.to(0, "always cheap")).build();
        AiMessage callByStrong = AiMessage.builder()
                .toolExecutionRequests(List.of(ToolExecutionRequest.builder().id("call_strong_1").name("lookup").arguments("{}").build()))
                .attributes(java.util.Map.of(RoutingInfo.TIER, "strong")).build();

        ChatResponse response = model.chat(ChatRequest.builder().messages(
                UserMessage.from("look it up"), callByStrong,
                ToolExecutionResultMessage.from("call_strong_1", "lookup", "42")).build());

        assertThat(response.aiMessage().text()).isEqualTo("strong answer");
        assertThat((String) response.aiMessage().attributes().get(RoutingInfo.REASON))
                .contains("tool results answer a call by tier 'strong'");
        assertThat(cheapModel.received).isEmpty();
    }

    @Test
    void routing_is_decided_on_the_substantive_request_not_on_a_bare_confirmation() {
        List<RoutingEvent> events = new CopyOnWriteArrayList<>();
        TieredChatModel model = twoTiers().routingListener(events::add).build();
        AiMessage question = AiMessage.builder().text("Shall I refactor all three modules?")
                .attributes(java.util.Map.of(RoutingInfo.TIER, "strong")).build();

        model.chat(ChatRequest.builder().messages(UserMessage.from("Refactor the billing module"), question,
                UserMessage.from("Yes, go ahead!")).build());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.routingRequest().text()).isEqualTo("Refactor the billing module");
            assertThat(e.routingInfo().answeredBy()).contains("strong");
        });
    }

    @Test
    void requests_go_only_to_tiers_with_the_capabilities_they_need() {
        TieredChatModel model = TieredChatModel.builder().tiers(
                Tier.builder().name("cheap").model(cheapModel).capabilities(Set.of(TierCapability.TOOLS)).build(),
                Tier.builder().name("strong").model(strongModel).capabilities(
                        Set.of(TierCapability.TOOLS, TierCapability.IMAGES, TierCapability.RESPONSE_FORMAT_JSON_SCHEMA)).build())
                .build();
        ResponseFormat schema = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("answer").rootElement(JsonObjectSchema.builder().addStringProperty("a").build()).build()).build();

        assertThat(model.chat(ChatRequest.builder().messages(UserMessage.from("x")).responseFormat(schema).build())
                .aiMessage().text()).isEqualTo("strong answer");
        assertThat(model.chat(UserMessage.from(TextContent.from("what is this?"),
                ImageContent.from("https://example.com/cat.png"))).aiMessage().text()).isEqualTo("strong answer");
        assertThat(model.chat("plain")).isEqualTo("cheap answer");
        assertThat(model.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Test
    void a_request_no_tier_supports_fails_with_a_clear_error() {
        TieredChatModel model = TieredChatModel.builder().tiers(
                Tier.builder().name("cheap").model(cheapModel).capabilities(Set.of()).build()).build();

        assertThatThrownBy(() -> model.chat(UserMessage.from(ImageContent.from("https://example.com/cat.png"))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("needs [IMAGES]").hasMessageContaining("cheap []");
        assertThat(model.supportedCapabilities()).isEmpty();
    }

    @Test
    void invalid_configurations_are_rejected_with_a_clear_message() {
        assertThatThrownBy(() -> TieredChatModel.builder().build()).hasMessageContaining("at least one tier");
        assertThatThrownBy(() -> TieredChatModel.builder().tiers(tier("a", cheapModel, 1, 1), tier("a", strongModel, 1, 1))
                .build()).hasMessageContaining("duplicate tier name 'a'");
        assertThatThrownBy(() -> Tier.builder().name("x").build()).hasMessageContaining("tier 'x'");
        assertThatThrownBy(() -> tier("neg", cheapModel, -1, 1)).hasMessageContaining("prices must be >= 0");
    }

    @Test
    void fallback_goes_to_stronger_tiers_first_then_weaker_ones_unless_stronger_only() {
        ScriptedChatModel cheap = answering("cheap answer");
        TieredChatModel.Builder builder = TieredChatModel.builder().router(FixedTierRouter.named("mid")).tiers(
                tier("cheap", cheap, 1, 1), tier("mid", failing(new InternalServerException("mid down")), 2, 2),
                tier("top", failing(new InternalServerException("top down")), 3, 3));

        assertThat(builder.build().chat("q")).isEqualTo("cheap answer");
        assertThatThrownBy(() -> builder.fallbackOrder(FallbackOrder.STRONGER_ONLY).build().chat("q"))
                .isInstanceOfSatisfying(AllTiersFailedException.class,
                        e -> assertThat(e.failures()).extracting(TierCall::tier).containsExactly("mid", "top"));
        assertThat(cheap.received).hasSize(1);
    }

    @Test
    void a_tool_loop_never_falls_back_below_the_tier_that_made_the_call() {
        TieredChatModel model = TieredChatModel.builder().tiers(tier("cheap", cheapModel, 1, 2),
                tier("strong", failing(new InternalServerException("down")), 10, 30)).build();
        AiMessage callByStrong = AiMessage.builder()
                .toolExecutionRequests(List.of(ToolExecutionRequest.builder().id("call_strong_1").name("f").arguments("{}").build()))
                .attributes(java.util.Map.of(RoutingInfo.TIER, "strong")).build();

        assertThatThrownBy(() -> model.chat(ChatRequest.builder().messages(UserMessage.from("do f"), callByStrong,
                ToolExecutionResultMessage.from("call_strong_1", "f", "ok")).build()))
                .isInstanceOf(AllTiersFailedException.class);
        assertThat(cheapModel.received).isEmpty();
    }

    @Test
    void a_router_that_throws_falls_back_to_the_cheapest_eligible_tier() {
        TieredChatModel model = twoTiers().router((request, tiers) -> {
            throw new IllegalStateException("model file missing");
        }).build();

        ChatResponse response = model.chat(UserMessage.from("q"));

        assertThat(response.aiMessage().text()).isEqualTo("cheap answer");
        assertThat((String) response.aiMessage().attributes().get(RoutingInfo.REASON))
                .isEqualTo("router failed (model file missing), cheapest eligible tier");
    }

    @Test
    void the_embedding_of_the_routing_text_is_computed_only_when_a_router_asks_for_it() {
        java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
        dev.langchain4j.model.embedding.EmbeddingModel embeddings = new dev.langchain4j.model.embedding.EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<dev.langchain4j.data.embedding.Embedding> embed(String text) {
                embedded.incrementAndGet();
                return dev.langchain4j.model.output.Response.from(
                        dev.langchain4j.data.embedding.Embedding.from(new float[]{text.length()}));
            }
        };
        TieredChatModel model = twoTiers().embeddingModel(embeddings)
                .router((request, tiers) -> Route.to(request.embedding()[0] > 3 ? 1 : 0, "by embedding")).build();

        assertThat(model.chat("long question")).isEqualTo("strong answer");
        assertThat(model.chat("hi")).isEqualTo("cheap answer");
        assertThat(embedded).hasValue(2);
        twoTiers().embeddingModel(embeddings).build().chat("not embedded");
        assertThat(embedded).hasValue(2);
    }

    @Test
    void configured_earlier_messages_reach_the_router_as_context_and_are_embedded_with_the_request() {
        java.util.List<String> embeddedTexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.langchain4j.model.embedding.EmbeddingModel embeddings = new dev.langchain4j.model.embedding.EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<dev.langchain4j.data.embedding.Embedding> embed(String text) {
                embeddedTexts.add(text);
                return dev.langchain4j.model.output.Response.from(
                        dev.langchain4j.data.embedding.Embedding.from(new float[]{1}));
            }
        };
        java.util.List<String> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        TieredChatModel model = twoTiers().embeddingModel(embeddings).routingContextMessages(2)
                .router((request, tiers) -> {
                    contexts.add(request.context());
                    request.embedding();
                    return Route.to(0, "recorded");
                }).build();

        model.chat(dev.langchain4j.data.message.UserMessage.from("Prove Fermat's little theorem"),
                dev.langchain4j.data.message.AiMessage.from("Which proof would you like?"),
                dev.langchain4j.data.message.UserMessage.from("The one with necklaces"));

        assertThat(contexts).containsExactly("User: Prove Fermat's little theorem\nAssistant: Which proof would you like?");
        assertThat(embeddedTexts).containsExactly(
                "User: Prove Fermat's little theorem\nAssistant: Which proof would you like?\nThe one with necklaces");
        model = twoTiers().router((request, tiers) -> {
            contexts.add(request.context());
            return Route.to(0, "recorded");
        }).build();
        model.chat(dev.langchain4j.data.message.UserMessage.from("earlier"),
                dev.langchain4j.data.message.UserMessage.from("now"));
        assertThat(contexts).last().isEqualTo("");
    }
}
