package io.github.router4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import io.github.router4j.core.scoring.CodeScorer;
import io.github.router4j.core.scoring.Score;
import io.github.router4j.langchain4j.RoutingEvent;
import io.github.router4j.langchain4j.RoutingInfo;
import io.github.router4j.langchain4j.RoutingListener;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.langchain4j.TieredStreamingChatModel;
import io.github.router4j.langchain4j.config.RouterConfigException;
import io.github.router4j.micrometer.RoutingMetrics;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The router4j section of the application properties becomes tiered beans, in a real application context. */
class TieredModelsAutoConfigurationTest {

    private static final LocalOpenAiServer SERVER = LocalOpenAiServer.start();

    @AfterEach
    void clear() {
        SERVER.clearRequests();
    }

    /** The application's own models and a meter registry, as a LangChain4j Spring Boot application has them. */
    @Configuration(proxyBeanMethods = false)
    static class Models {
        @Bean
        ChatModel cheap() {
            return openAi("cheap-model");
        }

        @Bean
        ChatModel strong() {
            return openAi("strong-model");
        }

        @Bean
        StreamingChatModel cheapStreaming() {
            return OpenAiStreamingChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("local")
                    .modelName("cheap-model").timeout(Duration.ofSeconds(10)).build();
        }

        @Bean
        StreamingChatModel strongStreaming() {
            return OpenAiStreamingChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("local")
                    .modelName("strong-model").timeout(Duration.ofSeconds(10)).build();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        RoutingListener recorder() {
            return new Recorder();
        }
    }

    static final class Recorder implements RoutingListener {
        final List<RoutingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onRouted(RoutingEvent event) {
            events.add(event);
        }
    }

    static ChatModel openAi(String name) {
        return OpenAiChatModel.builder().baseUrl(SERVER.baseUrl()).apiKey("local").modelName(name).maxRetries(0)
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** Long requests (more than 20 words) are hard. */
    public static final class LongRequest implements CodeScorer {
        @Override
        public Score score(String response, String input) {
            return Score.of(response.strip().split("\\s+").length > 20 ? 1 : 0, "length");
        }
    }

    interface Assistant {
        String chat(String message);
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Router4jAutoConfiguration.class))
            .withUserConfiguration(Models.class);

    private static final String[] TWO_TIERS = {
            "router4j.tiers[0].name=cheap",
            "router4j.tiers[0].model.ref=cheap",
            "router4j.tiers[0].model.streaming-ref=cheapStreaming",
            "router4j.tiers[0].price.input=0.15",
            "router4j.tiers[0].price.output=0.60",
            "router4j.tiers[1].name=strong",
            "router4j.tiers[1].model.ref=strong",
            "router4j.tiers[1].model.streaming-ref=strongStreaming",
            "router4j.tiers[1].price.input=2.50",
            "router4j.tiers[1].price.output=10",
            "router4j.strategy.router.type=difficulty-spec",
            "router4j.strategy.router.spec=classpath:router/difficulty.json",
            "router4j.fallback.cooldown=10s"};

    @Test
    void tiersReferenceModelBeansAndTheRouterAnswersThroughThem() {
        runner.withPropertyValues(TWO_TIERS).run(context -> {
            assertThat(context).hasNotFailed();
            TieredChatModel model = context.getBean("tieredChatModel", TieredChatModel.class);

            ChatResponse easy = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                    .messages(dev.langchain4j.data.message.UserMessage.from("hello")).build());
            String hard = model.chat("explain " + "why ".repeat(25));

            assertThat(RoutingInfo.tierOf(easy.aiMessage())).contains("cheap");
            assertThat(easy.aiMessage().text()).isEqualTo("echo: hello");
            assertThat(SERVER.requests()).extracting(LocalOpenAiServer.Request::model)
                    .containsExactly("cheap-model", "strong-model");
            assertThat(hard).startsWith("echo: explain");
            assertThat(context.getBean(Recorder.class).events).hasSize(2);
        });
    }

    @Test
    void theDefaultRouterIsThePrimaryChatModelSoAiServicesUseIt() {
        runner.withPropertyValues(TWO_TIERS).run(context -> {
            Assistant assistant = AiServices.create(Assistant.class, context.getBean(ChatModel.class));

            assertThat(assistant.chat("hi")).isEqualTo("echo: hi");
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(TieredChatModel.class);
            assertThat(context.getBean(StreamingChatModel.class)).isInstanceOf(TieredStreamingChatModel.class);
        });
    }

    @Test
    void theStreamingRouterStreamsFromTheStreamingBeans() {
        runner.withPropertyValues(TWO_TIERS).run(context -> {
            TieredStreamingChatModel model = context.getBean("tieredStreamingChatModel", TieredStreamingChatModel.class);
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            model.chat("stream this", new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partialResponse) {
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });

            assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("echo: stream this");
            assertThat(SERVER.requests().get(0).stream()).isTrue();
        });
    }

    @Test
    void severalNamedRoutersBecomeSeveralBeansEachWithItsOwnMetrics() {
        runner.withPropertyValues(TWO_TIERS).withPropertyValues(
                "router4j.routers.support.tiers[0].name=only",
                "router4j.routers.support.tiers[0].model.provider=openai",
                "router4j.routers.support.tiers[0].model.base-url=" + SERVER.baseUrl(),
                "router4j.routers.support.tiers[0].model.model-name=support-model",
                "router4j.routers.support.tiers[0].model.api-key=local",
                "router4j.routers.support.tiers[0].model.max-retries=0",
                "router4j.routers.support.tiers[0].price.input=1",
                "router4j.routers.support.tiers[0].price.output=2").run(context -> {
            assertThat(context.getBeansOfType(TieredChatModel.class)).containsOnlyKeys("tieredChatModel", "support");
            assertThat(context.getBeansOfType(TieredStreamingChatModel.class))
                    .containsOnlyKeys("tieredStreamingChatModel", "supportStreaming");

            context.getBean("support", TieredChatModel.class).chat("hi");
            context.getBean("tieredChatModel", TieredChatModel.class).chat("hi");
            context.getBean("tieredChatModel", TieredChatModel.class).chat("hello");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(RoutingMetrics.REQUESTS).tags("model", "support", "tier", "only",
                    "router", "cheapest-first").counter().count()).isEqualTo(1);
            assertThat(registry.get(RoutingMetrics.REQUESTS).tags("model", "tieredChatModel", "tier", "cheap",
                    "router", "difficulty-spec").counter().count()).isEqualTo(2);
            assertThat(SERVER.requests("support-model")).hasSize(1);
        });
    }

    @Test
    void withoutStreamingBeansThereIsNoStreamingRouter() {
        runner.withPropertyValues(
                "router4j.tiers[0].name=cheap",
                "router4j.tiers[0].model.ref=cheap",
                "router4j.tiers[0].price.input=0.15",
                "router4j.tiers[0].price.output=0.60").run(context -> {
            assertThat(context).hasSingleBean(TieredChatModel.class);
            assertThat(context).doesNotHaveBean(TieredStreamingChatModel.class);
        });
    }

    @Test
    void withAnObservationRegistryEachRequestIsAnObservation() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        runner.withPropertyValues(TWO_TIERS).withBean(ObservationRegistry.class, () -> observations).run(context -> {
            context.getBean("tieredChatModel", TieredChatModel.class).chat("hi");

            assertThat(stopped).singleElement().satisfies(c -> {
                assertThat(c.getName()).isEqualTo("router4j.request");
                assertThat(c.getLowCardinalityKeyValue("model").getValue()).isEqualTo("tieredChatModel");
                assertThat(c.getLowCardinalityKeyValue("tier").getValue()).isEqualTo("cheap");
            });
        });
    }

    @Test
    void metricsCanBeSwitchedOff() {
        runner.withPropertyValues(TWO_TIERS).withPropertyValues("router4j.metrics.enabled=false").run(context -> {
            context.getBean("tieredChatModel", TieredChatModel.class).chat("hi");
            assertThat(context.getBean(MeterRegistry.class).find(RoutingMetrics.REQUESTS).counters()).isEmpty();
        });
    }

    @Test
    void anInvalidValueFailsStartUpNamingTheProperty() {
        runner.withPropertyValues(TWO_TIERS).withPropertyValues("router4j.tiers[1].price.input=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RouterConfigException.class)
                    .hasMessage("router4j.tiers[1].price.input: expected a number >= 0, got \"-1\"");
            assertThat(new RouterConfigFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .isEqualTo("Invalid router4j configuration: router4j.tiers[1].price.input: expected a number"
                            + " >= 0, got \"-1\"");
        });
    }

    @Test
    void anUnknownFieldFailsStartUpNamingTheProperty() {
        runner.withPropertyValues(TWO_TIERS).withPropertyValues("router4j.fallback.retries=3").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageStartingWith("router4j.fallback.retries: unknown field 'retries';"
                                + " expected one of: cooldown, order"));
    }

    @Test
    void aReferenceToAMissingBeanFailsStartUpNamingThePropertyAndTheModelBeans() {
        runner.withPropertyValues(TWO_TIERS).withPropertyValues("router4j.tiers[1].model.ref=gpt5").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessage("router4j.tiers[1].model.ref: no bean named 'gpt5'; model beans: cheap,"
                                + " cheapStreaming, strong, strongStreaming"));
    }

    @Test
    void trainedFilesAreSpringResources() {
        runner.withPropertyValues(TWO_TIERS)
                .withPropertyValues("router4j.strategy.router.spec=file:/nonexistent/difficulty.json")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageStartingWith("router4j.strategy.router.spec: cannot read 'file:/nonexistent/"
                                + "difficulty.json': FileNotFoundException"));
    }

    @Test
    void aProviderWhoseModuleIsAbsentFailsNamingTheArtifact() {
        runner.withPropertyValues(
                "router4j.tiers[0].name=flash",
                "router4j.tiers[0].model.provider=gemini",
                "router4j.tiers[0].model.model-name=gemini-2.5-flash",
                "router4j.tiers[0].price.input=0.3",
                "router4j.tiers[0].price.output=2.5").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessage("router4j.tiers[0].model.provider: model provider 'gemini' needs the artifact"
                                + " dev.langchain4j:langchain4j-google-ai-gemini on the classpath; add it as a"
                                + " dependency"));
    }
}
