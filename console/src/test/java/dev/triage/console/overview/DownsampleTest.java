package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    @Test
    void aShortSeriesKeepsEveryPointAtItsTime() {
        assertThat(Downsample.of(100, 60, new float[] {1, 2, 3}, Downsample.Aggregate.MAX, 10))
                .containsExactly(
                        new Downsample.Point(100, 1), new Downsample.Point(160, 2), new Downsample.Point(220, 3));
    }

    @Test
    void anHourOfSecondsBecomesAtMostMaxPoints() {
        float[] hour = new float[3_600];
        Arrays.fill(hour, 1);
        for (Downsample.Aggregate aggregate : Downsample.Aggregate.values()) {
            assertThat(Downsample.of(0, 1, hour, aggregate, 240)).hasSizeLessThanOrEqualTo(240);
        }
    }

    @Test
    void minKeepsADipMaxKeepsASpikeAndMinMaxKeepsBothInOrder() {
        float[] values = new float[100];
        Arrays.fill(values, 100);
        values[42] = 80;
        values[43] = 120;
        assertThat(Downsample.of(0, 1, values, Downsample.Aggregate.MIN, 5))
                .extracting(Downsample.Point::value)
                .contains(80.0);
        assertThat(Downsample.of(0, 1, values, Downsample.Aggregate.MAX, 5))
                .extracting(Downsample.Point::value)
                .contains(120.0);
        List<Downsample.Point> both = Downsample.of(0, 1, values, Downsample.Aggregate.MIN_MAX, 10);
        assertThat(both).contains(new Downsample.Point(42, 80), new Downsample.Point(43, 120));
        assertThat(both).isSortedAccordingTo((a, b) -> Long.compare(a.epochSecond(), b.epochSecond()));
    }

    @Test
    void secondsWithNothingMeasuredAreSkipped() {
        assertThat(Downsample.of(0, 1, new float[] {Float.NaN, 5, Float.NaN}, Downsample.Aggregate.MIN, 10))
                .containsExactly(new Downsample.Point(1, 5));
    }
}
