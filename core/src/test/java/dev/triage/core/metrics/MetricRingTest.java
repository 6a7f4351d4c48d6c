package dev.triage.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-second ring behind every series. */
class MetricRingTest {

    static final long DAY = 86_400;

    @Test
    void keepsTheLast24HoursAtOneSecondAndReadsEverythingElseAsZero() {
        SecondRing ring = new SecondRing(2, (int) DAY);
        long start = 1_740_000_000L;
        for (long s = start; s < start + DAY; s++) {
            ring.add(0, s, 1);
        }
        assertThat(ring.get(0, start)).isEqualTo(1f);
        assertThat(ring.get(0, start + DAY - 1)).isEqualTo(1f);
        assertThat(ring.get(0, start - 1)).isZero();
        assertThat(ring.get(0, start + DAY)).isZero();
        assertThat(ring.get(1, start + 5)).isZero();

        ring.add(0, start + DAY, 1);

        assertThat(ring.get(0, start)).isZero();
        assertThat(ring.get(0, start + 1)).isEqualTo(1f);
        double sum = 0;
        for (long s = start - 10; s <= start + DAY + 10; s++) {
            sum += ring.get(0, s);
        }
        assertThat(sum).isEqualTo((double) DAY);
    }

    @Test
    void allocatesAnHourOfFloatsOnlyForColumnsThatGetValues() {
        SecondRing ring = new SecondRing(12, (int) DAY);
        ring.set(3, 100, 0);
        assertThat(ring.allocatedChunks()).isZero();

        ring.add(3, 100, 2);
        ring.add(3, 101, 2);
        assertThat(ring.allocatedChunks()).isEqualTo(1);

        ring.add(3, 100 + SecondRing.CHUNK, 1);
        assertThat(ring.allocatedChunks()).isEqualTo(2);
    }

    @Test
    void memoryStaysBoundedOverDaysOfWrites() {
        SecondRing ring = new SecondRing(1, 7_200);
        for (long s = 0; s < 10 * SecondRing.CHUNK; s += 60) {
            ring.add(0, s, 1);
        }
        assertThat(ring.allocatedChunks()).isLessThanOrEqualTo(3);
    }

    @Test
    void aJumpPastTheRetentionForgetsEverything() {
        SecondRing ring = new SecondRing(1, 10);
        ring.add(0, 5, 4);
        ring.add(0, 5 + 3 * SecondRing.CHUNK, 1);

        assertThat(ring.get(0, 5)).isZero();
        assertThat(ring.allocatedChunks()).isEqualTo(1);
    }

    @Test
    void writesOlderThanTheRingAreRefused() {
        SecondRing ring = new SecondRing(1, 10);
        ring.add(0, 100, 1);

        assertThat(ring.add(0, 90, 1)).isFalse();
        assertThat(ring.add(0, 91, 1)).isTrue();
        assertThat(ring.get(0, 91)).isEqualTo(1f);
        assertThat(ring.oldest()).isEqualTo(91);
    }
}
