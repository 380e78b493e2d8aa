package io.jenkins.plugins.bluegreen.engine.remote;

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
    void shouldTakeACountOrAPercentageRoundedDownAsKamalDoesButNeverBelowOne() {
        assertThat(BootLimit.parse("3").batchSize(10)).isEqualTo(3);
        assertThat(BootLimit.parse("25%").batchSize(10)).isEqualTo(2);
        assertThat(BootLimit.parse("10%").batchSize(3)).isEqualTo(1);
        assertThat(BootLimit.parse("50").batchSize(4)).isEqualTo(4);
        assertThat(BootLimit.percent(30).batchSize(9)).isEqualTo(2);
        assertThat(BootLimit.percent(100).batchSize(9)).isEqualTo(9);
    }

    @Test
    void shouldExplainALimitItCannotUse() {
        assertThatThrownBy(() -> BootLimit.parse("half"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("boot/limit: expected a number of hosts of at least 1 or a percentage like 25%, got 'half'");
        assertThatThrownBy(() -> BootLimit.parse("0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("boot/limit: expected a number of hosts of at least 1 or a percentage from 1% to 100%, got 0");
        assertThatThrownBy(() -> BootLimit.parse("150%")).isInstanceOf(InvalidInputException.class);
    }
}
