package io.jenkins.plugins.bluegreen.engine.watch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an instant query returned: the series of a vector, each with its labels and one value, or a
 * scalar as one series without labels.
 */
public record PromResult(List<Sample> samples) {
    public PromResult {
        samples = List.copyOf(samples);
    }

    /** One series' value at the query's time. */
    public record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * The largest value: with several series (one per instance, say), the watch judges the worst.
     * NaN is no value: it is what a ratio gives when nothing was requested (0/0), and must not pass
     * for a measurement. Empty when there is no series or none with a value.
     */
    public Optional<Sample> largest() {
        return samples.stream().filter(s -> !Double.isNaN(s.value())).max(Comparator.comparingDouble(Sample::value));
    }
}
