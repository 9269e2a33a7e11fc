package io.github.router4j.core.scoring;

import java.util.Locale;

/** How a sub-dimension is scored. */
public enum ScoringType {
    /** A judge model answers the sub-dimension's yes/no question; the score is P(yes). */
    LLM_JUDGE,
    /** A Java class implementing {@link CodeScorer}, named by {@code java_class}. */
    CODE,
    /** A trained model registered under {@code custom_model_id} in a {@link CustomModels} registry. */
    CUSTOM_MODEL;

    /**
     * Reads a {@code scoring_type} value. {@code PI_SCORER} is accepted as {@link #LLM_JUDGE};
     * {@code PYTHON_CODE} is refused, because router4j never executes code strings.
     *
     * @throws ScoringSpecException naming {@code path} when the value is unknown or unsupported
     */
    public static ScoringType parse(String value, String path) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (v) {
            case "LLM_JUDGE", "PI_SCORER":
                return LLM_JUDGE;
            case "CODE":
                return CODE;
            case "CUSTOM_MODEL":
                return CUSTOM_MODEL;
            case "PYTHON_CODE":
                throw new ScoringSpecException(path, "PYTHON_CODE is not supported: router4j never executes code"
                        + " strings; port the function to a Java class implementing "
                        + CodeScorer.class.getName() + " and use scoring_type: CODE with java_class: <its name>");
            default:
                throw new ScoringSpecException(path, "unknown scoring type \"" + value
                        + "\"; expected one of LLM_JUDGE (or PI_SCORER), CODE, CUSTOM_MODEL");
        }
    }
}
