package io.github.router4j.core.scoring;

/**
 * A trained model that scores a sub-dimension ({@code scoring_type: CUSTOM_MODEL}), e.g. a classifier
 * from the learned routers, registered by id in {@link CustomModels}. Thread-safe.
 */
@FunctionalInterface
public interface CustomModel {

    /** P(the answer satisfies the sub-dimension) in [0, 1]. */
    double predict(String input, String response);
}
