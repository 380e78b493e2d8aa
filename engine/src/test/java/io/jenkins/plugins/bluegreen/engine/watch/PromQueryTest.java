package io.jenkins.plugins.bluegreen.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PromQueryTest {
    private static WatchedRelease release(final Duration interval) {
        return new WatchedRelease("shop", "green", "v2.1", 3002, List.of(), interval);
    }

    @Test
    void everyPlaceholderGetsTheReleasesValueAsItIs() {
        var query = new PromQuery("error_rate",
                "sum(rate(http_requests_total{service=\"{{service}}\",color=\"{{color}}\",version=\"{{version}}\","
                        + "code=~\"5..\"}[{{interval}}])) / sum(rate(http_requests_total{color=\"{{color}}\"}[{{interval}}])) * 100");

        assertThat(query.render(release(Duration.ofSeconds(10)))).isEqualTo(
                "sum(rate(http_requests_total{service=\"shop\",color=\"green\",version=\"v2.1\",code=~\"5..\"}[10s]))"
                        + " / sum(rate(http_requests_total{color=\"green\"}[10s])) * 100");
    }

    @Test
    void aQueryWithoutPlaceholdersIsSentAsWritten() {
        assertThat(new PromQuery("requests", "sum(up)").render(release(Duration.ofSeconds(10)))).isEqualTo("sum(up)");
    }

    @Test
    void theIntervalIsOneNumberInTheLargestUnitThatHoldsItExactly() {
        assertThat(PromQuery.duration(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(PromQuery.duration(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(PromQuery.duration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(PromQuery.duration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(PromQuery.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(PromQuery.duration(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(PromQuery.duration(Duration.ofMinutes(90))).isEqualTo("90m");
    }

    @Test
    void theIntervalPlaceholderUsesThatForm() {
        assertThat(new PromQuery("requests", "sum(increase(x[{{interval}}]))").render(release(Duration.ofMillis(2500))))
                .isEqualTo("sum(increase(x[2500ms]))");
    }
}
