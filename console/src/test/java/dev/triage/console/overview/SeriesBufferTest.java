package dev.triage.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesBufferTest {

    @Test
    void keepsOnlyTheLastCapacityPoints() {
        SeriesBuffer buffer = new SeriesBuffer(3, SeriesBuffer.Aggregate.MEAN);
        for (int t = 1; t <= 5; t++) {
            buffer.add(t, t * 10);
        }
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.downsample(0, 10))
                .containsExactly(
                        new SeriesBuffer.Point(3, 30), new SeriesBuffer.Point(4, 40), new SeriesBuffer.Point(5, 50));
    }

    @Test
    void aDayOfOneSecondPointsDrawsAtMostMaxPointsForTheLastHour() {
        SeriesBuffer buffer = new SeriesBuffer(3_600, SeriesBuffer.Aggregate.MEAN);
        for (int t = 0; t < 86_400; t++) {
            buffer.add(t, 1);
        }
        List<SeriesBuffer.Point> drawn = buffer.downsample(86_400 - 3_600, 240);
        assertThat(drawn).hasSize(240);
        assertThat(drawn.getLast().epochSecond()).isEqualTo(86_399);
        assertThat(drawn).allMatch(p -> p.value() == 1);
    }

    @Test
    void minKeepsADipAndMaxKeepsASpikeVisible() {
        SeriesBuffer success = new SeriesBuffer(100, SeriesBuffer.Aggregate.MIN);
        SeriesBuffer latency = new SeriesBuffer(100, SeriesBuffer.Aggregate.MAX);
        for (int t = 0; t < 100; t++) {
            success.add(t, t == 42 ? 80 : 100);
            latency.add(t, t == 42 ? 9_000 : 100);
        }
        assertThat(success.downsample(0, 5))
                .extracting(SeriesBuffer.Point::value)
                .contains(80.0);
        assertThat(latency.downsample(0, 5))
                .extracting(SeriesBuffer.Point::value)
                .contains(9_000.0);
    }

    @Test
    void pointsBeforeTheWindowAreLeftOut() {
        SeriesBuffer buffer = new SeriesBuffer(10, SeriesBuffer.Aggregate.MEAN);
        buffer.add(1, 1);
        buffer.add(2, 2);
        buffer.add(3, 3);
        assertThat(buffer.downsample(3, 10)).containsExactly(new SeriesBuffer.Point(3, 3));
        assertThat(buffer.downsample(4, 10)).isEmpty();
    }
}
