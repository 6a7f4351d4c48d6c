package dev.triage.core.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketRingTest {

    @Test
    void movingForwardEvictsTheOldestBuckets() {
        BucketRing ring = new BucketRing(1000, 3);
        ring.add(10, 1, 0);
        ring.add(11, 2, 1);
        ring.add(12, 4, 0);
        assertThat(ring.sum(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(new Counts(7, 1));

        ring.add(14, 8, 8);

        assertThat(ring.oldestIndex()).isEqualTo(12);
        assertThat(ring.sum(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(new Counts(12, 8));
        assertThat(ring.sum(13, 14)).isEqualTo(Counts.ZERO);
        assertThat(ring.evicted()).isEqualTo(new Counts(3, 1));
    }

    @Test
    void aJumpPastTheWholeRingEvictsEverything() {
        BucketRing ring = new BucketRing(1000, 3);
        ring.add(-5, 1, 1);
        ring.add(-4, 1, 0);

        ring.add(100, 5, 0);

        assertThat(ring.sum(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(new Counts(5, 0));
        assertThat(ring.evicted()).isEqualTo(new Counts(2, 1));
    }

    @Test
    void countsOlderThanTheRingGoToTheEvictedTotals() {
        BucketRing ring = new BucketRing(1000, 3);
        ring.add(10, 1, 0);

        boolean kept = ring.add(7, 9, 9);

        assertThat(kept).isFalse();
        assertThat(ring.sum(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(new Counts(1, 0));
        assertThat(ring.evicted()).isEqualTo(new Counts(9, 9));
        assertThat(ring.add(8, 1, 1)).isTrue();
    }

    @Test
    void indicesFloorForInstantsBeforeTheEpoch() {
        BucketRing ring = new BucketRing(1000, 3);
        assertThat(ring.indexOf(-1)).isEqualTo(-1);
        assertThat(ring.firstIndexStartingAtOrAfter(-1)).isZero();
        assertThat(ring.firstIndexStartingAtOrAfter(1)).isEqualTo(1);
    }
}
