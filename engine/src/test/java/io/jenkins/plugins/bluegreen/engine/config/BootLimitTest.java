package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BootLimitTest {
    @Property
    void shouldAlwaysBootAtLeastOneAndAtMostAllHosts(@ForAll @IntRange(min = 1, max = 500) final int hosts,
            @ForAll @IntRange(min = 1, max = 100) final int percent, @ForAll @IntRange(min = 1, max = 1000) final int count) {
        assertThat(BootLimit.percent(percent).batchSize(hosts)).isBetween(1, hosts);
        assertThat(BootLimit.count(count).batchSize(hosts)).isBetween(1, hosts);
        assertThat(BootLimit.all().batchSize(hosts)).isEqualTo(hosts);
    }

    @Test
    void shouldRoundPercentagesDownAsKamalDoes() {
        assertThat(BootLimit.percent(30).batchSize(10)).isEqualTo(3);
        assertThat(BootLimit.percent(30).batchSize(9)).isEqualTo(2);
        assertThat(BootLimit.percent(100).batchSize(9)).isEqualTo(9);
    }

    @Test
    void shouldRejectLimitsThatBootNothing() {
        assertThatThrownBy(() -> BootLimit.percent(0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("boot/limit: expected a number of hosts of at least 1 or a percentage from 1% to 100%, got 0%");
    }
}
