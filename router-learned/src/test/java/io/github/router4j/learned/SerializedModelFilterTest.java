package io.github.router4j.learned;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.router4j.core.RoutingRequest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Gradient-boosting routers keep Smile's model as Java serialisation bytes; a router file from an
 * untrusted source must not make the JVM instantiate anything but the Smile tree classes.
 */
class SerializedModelFilterTest {

    private static final SyntheticTopics DATA = new SyntheticTopics(3, 120, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String trainedJson() {
        return ClassifierRouter.train(DATA.trainingSet(), ClassifierRouter.options()
                .algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).trees(20).build()).toJson();
    }

    /** The trained router's JSON with its Smile bytes replaced by {@code payload} serialised. */
    private static String withPayload(Object payload) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(trainedJson());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(payload);
        }
        String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
        replaceSmile(root, encoded);
        return JSON.writeValueAsString(root);
    }

    private static boolean replaceSmile(com.fasterxml.jackson.databind.JsonNode node, String encoded) {
        if (node instanceof ObjectNode object && object.has("smile")) {
            object.put("smile", encoded);
            return true;
        }
        for (com.fasterxml.jackson.databind.JsonNode child : node) {
            if (replaceSmile(child, encoded)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aTrainedGradientBoostingRouterStillLoadsAndPredictsTheSame() {
        String json = trainedJson();
        assertThat(json).contains("\"smile\"");
        LearnedRouter trained = ClassifierRouter.train(DATA.trainingSet(), ClassifierRouter.options()
                .algorithm(ClassifierRouter.Algorithm.GRADIENT_BOOSTING).trees(20).build());

        LearnedRouter loaded = LearnedRouters.fromJson(json);

        for (TrainingExample e : DATA.test) {
            RoutingRequest request = SyntheticTopics.request(e);
            assertThat(loaded.strongProbability(request)).isEqualTo(trained.strongProbability(request));
        }
    }

    @Test
    void aSerialisedHashMapIsRefusedWithAClearError() throws IOException {
        HashMap<String, String> payload = new HashMap<>();
        payload.put("a", "b");
        String json = withPayload(payload);

        assertThatThrownBy(() -> LearnedRouters.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON at 'classifiers[0]': 'smile' refused: java.util.HashMap at depth 1 is not part of a"
                        + " Smile 2.6 GradientTreeBoost (only its tree classes, depth 500, 256 MB and arrays of"
                        + " 50000000 elements are read from router files)");
    }

    @Test
    void anyOtherSerializableClassIsRefused() throws IOException {
        for (Object payload : List.of(new java.util.Date(), new ArrayList<>(List.of(1)), new Object[] {"x"},
                java.net.URI.create("http://example.com"))) {
            String json = withPayload(payload);

            assertThatThrownBy(() -> LearnedRouters.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'smile' refused: ");
        }
    }

    @Test
    void theFilterAllowsOnlySmileTreeClassesAndTheJdkValuesTheyHold() {
        assertThat(status(java.util.Date.class)).isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
        assertThat(status(java.net.URL.class)).isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
        assertThat(status(smile.classification.GradientTreeBoost.class)).isEqualTo(java.io.ObjectInputFilter.Status.ALLOWED);
        assertThat(status(smile.classification.RandomForest.class)).isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
    }

    @Test
    void theFilterRefusesStreamsBeyondItsLimits() {
        assertThat(status(smile.regression.RegressionTree.class, 501, -1, 1_000))
                .isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
        assertThat(status(double[].class, 3, 50_000_001, 1_000)).isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
        assertThat(status(null, 1, -1, 256L * 1024 * 1024 + 1)).isEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
        assertThat(status(double[].class, 3, 1_000, 1_000)).isNotEqualTo(java.io.ObjectInputFilter.Status.REJECTED);
    }

    private static java.io.ObjectInputFilter.Status status(Class<?> type) {
        return status(type, 1, -1, 1);
    }

    private static java.io.ObjectInputFilter.Status status(Class<?> type, long depth, long arrayLength, long bytes) {
        return BinaryClassifier.Serialized.FILTER.checkInput(new java.io.ObjectInputFilter.FilterInfo() {
            public Class<?> serialClass() {
                return type;
            }

            public long arrayLength() {
                return arrayLength;
            }

            public long depth() {
                return depth;
            }

            public long references() {
                return 1;
            }

            public long streamBytes() {
                return bytes;
            }
        });
    }
}
