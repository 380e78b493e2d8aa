package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PromResultTest {
    @Test
    void theLargestValueIsTheWorstSeries() {
        var result = new PromResult(List.of(
                new PromResult.Sample(Map.of("instance", "web-1"), 1.5),
                new PromResult.Sample(Map.of("instance", "web-2"), 7.25),
                new PromResult.Sample(Map.of("instance", "web-3"), 0)));

        assertThat(result.largest()).get().extracting(PromResult.Sample::labels).isEqualTo(Map.of("instance", "web-2"));
    }

    @Test
    void nanIsNoValueSoItNeverPassesForAMeasurement() {
        assertThat(new PromResult(List.of(new PromResult.Sample(Map.of(), Double.NaN))).largest()).isEmpty();
        assertThat(new PromResult(List.of(
                new PromResult.Sample(Map.of("instance", "web-1"), Double.NaN),
                new PromResult.Sample(Map.of("instance", "web-2"), 3))).largest())
                .get().extracting(PromResult.Sample::value).isEqualTo(3.0);
    }

    @Test
    void noSeriesIsNoValue() {
        assertThat(new PromResult(List.of()).largest()).isEmpty();
    }
}
