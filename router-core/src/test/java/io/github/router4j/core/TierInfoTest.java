package io.github.router4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TierInfoTest {

    @Test
    void costIsPricePerMillionTokens() {
        TierInfo tier = new TierInfo("cheap", 0, 0.5, 1.5, Set.of());
        assertThat(tier.cost(2_000, 1_000)).isEqualTo(0.0025);
    }

    @Test
    void negativePriceIsRejectedWithTheTierName() {
        assertThatThrownBy(() -> new TierInfo("cheap", 0, -1, 1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cheap");
    }

    @Test
    void supportsOnlyWhatItDeclares() {
        TierInfo tier = new TierInfo("t", 0, 0, 0, Set.of(TierCapability.TOOLS));
        assertThat(tier.supports(Set.of(TierCapability.TOOLS))).isTrue();
        assertThat(tier.supports(Set.of(TierCapability.TOOLS, TierCapability.IMAGES))).isFalse();
    }
}
