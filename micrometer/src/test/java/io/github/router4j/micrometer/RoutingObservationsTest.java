package io.github.router4j.micrometer;

import dev.langchain4j.model.chat.ChatModel;
import io.github.router4j.langchain4j.AllTiersFailedException;
import io.github.router4j.langchain4j.Tier;
import io.github.router4j.langchain4j.TieredChatModel;
import io.github.router4j.testkit.LocalOpenAiServer;
import io.github.router4j.testkit.LocalOpenAiServer.Reply;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each request of a tiered model is one stopped observation carrying the routing outcome. */
class RoutingObservationsTest {

    private final LocalOpenAiServer server = LocalOpenAiServer.start(request -> Reply.text("fine"));
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();

    RoutingObservationsTest() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    @AfterEach
    void close() {
        server.close();
    }

    private ChatModel openAi(String name) {
        return LocalModels.chatModel(server, name);
    }

    private static Map<String, String> lowCardinality(Observation.Context context) {
        return context.getLowCardinalityKeyValues().stream()
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    @Test
    void oneObservationPerRequestWithTheAnsweringTierAndOutcome() {
        TieredChatModel model = TieredChatModel.builder()
                .tiers(Tier.builder().name("cheap").model(openAi("cheap")).build(),
                        Tier.builder().name("strong").model(openAi("strong")).build())
                .listeners(RoutingObservations.builder().registry(registry).modelName("support").build())
                .build();

        server.failNext("cheap", Reply.error(500, "down"));
        model.chat("first");
        server.failNext("cheap", Reply.error(500, "down"));
        server.failNext("strong", Reply.error(500, "down"));
        assertThatThrownBy(() -> model.chat("second")).isInstanceOf(AllTiersFailedException.class);

        assertThat(stopped).hasSize(2).allSatisfy(c -> assertThat(c.getName()).isEqualTo(RoutingObservations.NAME));
        assertThat(lowCardinality(stopped.get(0))).containsEntry("model", "support").containsEntry("tier", "strong")
                .containsEntry("first.tier", "cheap").containsEntry("outcome", "answered")
                .containsEntry("router", "cheapest-first");
        assertThat(stopped.get(0).getHighCardinalityKeyValue("tiers.tried").getValue()).isEqualTo("2");
        assertThat(lowCardinality(stopped.get(1))).containsEntry("tier", "none").containsEntry("outcome", "failed");
        assertThat(stopped.get(1).getError()).isInstanceOf(AllTiersFailedException.class);
    }
}
