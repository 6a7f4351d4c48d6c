package dev.triage.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.SecurityEvent.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    private static final long WINDOW = Duration.ofSeconds(10).toNanos();
    private static final int PER_SECOND = 5;

    private final FakeClock clock = new FakeClock();
    private final List<SecurityEvent> events = new ArrayList<>();
    private final Aggregator aggregator = new Aggregator(clock, events::add, 100);
    private final Aggregator.Key attacker = new Aggregator.Key(Kind.UNAUTHENTICATED_WRITE, "203.0.113.7", "writes");
    private int sample;

    private void occur(Aggregator.Key key) {
        int n = ++sample;
        aggregator.occurred(key, () -> "POST /patients/" + n + "/notes (no Authorization header)", WINDOW, PER_SECOND);
    }

    @Test
    void theFirstOccurrenceIsPublishedAtOnce() {
        occur(attacker);

        assertThat(events).hasSize(1);
        SecurityEvent first = events.getFirst();
        assertThat(first.kind()).isEqualTo(Kind.UNAUTHENTICATED_WRITE);
        assertThat(first.severity()).isEqualTo(SecurityEvent.Severity.CRITICAL);
        assertThat(first.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(first.route()).isEqualTo("writes");
        assertThat(first.evidence()).isEqualTo("POST /patients/1/notes (no Authorization header)");
        assertThat(first.time()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.summary()).isFalse();
        assertThat(first.message()).isEqualTo("unauthenticated write from 203.0.113.7 on route writes");
    }

    @Test
    void repeatsWithinTheWindowBecomeOneSummaryAtItsEnd() {
        occur(attacker);
        for (int i = 0; i < 37; i++) {
            clock.advance(Duration.ofMillis(200));
            occur(attacker);
        }
        aggregator.flush(PER_SECOND);
        assertThat(events).hasSize(1);

        clock.advance(Duration.ofMillis(2_600));
        aggregator.flush(PER_SECOND);

        assertThat(events).hasSize(2);
        SecurityEvent summary = events.get(1);
        assertThat(summary.summary()).isTrue();
        assertThat(summary.count()).isEqualTo(37);
        assertThat(summary.windowMs()).isEqualTo(10_000);
        assertThat(summary.message()).endsWith("on route writes: and 37 more in 10 s");
        // the sample is the first repeat's
        assertThat(summary.evidence()).startsWith("POST /patients/2/notes");
        assertThat(aggregator.published()).isEqualTo(2);
        assertThat(aggregator.aggregated()).isEqualTo(37);
    }

    @Test
    void aQuietWindowClosesSoTheNextOccurrenceIsNewsAgain() {
        occur(attacker);
        clock.advance(Duration.ofSeconds(11));
        aggregator.flush(PER_SECOND);
        assertThat(events).hasSize(1);
        assertThat(aggregator.openKeys()).isZero();

        occur(attacker);

        assertThat(events).hasSize(2);
        assertThat(events.get(1).summary()).isFalse();
    }

    @Test
    void anOccurrenceAfterAnUnflushedQuietWindowIsPublishedAtOnce() {
        occur(attacker);
        clock.advance(Duration.ofSeconds(30));

        occur(attacker);

        assertThat(events).hasSize(2);
        assertThat(events.get(1).summary()).isFalse();
    }

    @Test
    void keysAreAggregatedSeparately() {
        occur(attacker);
        occur(new Aggregator.Key(Kind.UNAUTHENTICATED_WRITE, "198.51.100.2", "writes"));
        occur(new Aggregator.Key(Kind.UNAUTHENTICATED_WRITE, "203.0.113.7", "default:traffic"));
        occur(new Aggregator.Key(Kind.SCANNER_PATH, "203.0.113.7", "writes"));
        occur(attacker);

        assertThat(events).hasSize(4);
    }

    @Test
    void theGlobalCapFoldsTheOverflowIntoLaterEventsAndNeverFloods() {
        for (int source = 0; source < 50; source++) {
            occur(new Aggregator.Key(Kind.INJECTION, "198.51.100." + source, "reads"));
        }
        assertThat(events).hasSize(PER_SECOND);

        // a second later the budget has refilled by PER_SECOND, not more
        clock.advance(Duration.ofSeconds(1));
        for (int source = 50; source < 100; source++) {
            occur(new Aggregator.Key(Kind.INJECTION, "198.51.100." + source, "reads"));
        }
        assertThat(events).hasSize(2 * PER_SECOND);

        // the held-back keys come out at their window's end, still within the per-second bound
        for (int second = 0; second < 40; second++) {
            clock.advance(Duration.ofSeconds(1));
            int before = events.size();
            aggregator.flush(PER_SECOND);
            assertThat(events.size() - before).isLessThanOrEqualTo(PER_SECOND);
        }
        assertThat(events).hasSize(100);
        assertThat(events.stream().mapToLong(SecurityEvent::count).sum()).isEqualTo(100);
        SecurityEvent heldBack = events.get(2 * PER_SECOND);
        assertThat(heldBack.summary()).isFalse();
        assertThat(heldBack.count()).isEqualTo(1);
        assertThat(heldBack.windowMs()).isEqualTo(10_000);
        assertThat(heldBack.message())
                .isEqualTo("injection-shaped input from " + heldBack.sourceIp() + " on route reads");
    }

    @Test
    void openKeysAreBoundedAndTheOverflowIsCountedAsDropped() {
        Aggregator small = new Aggregator(clock, events::add, 3);
        for (int source = 0; source < 5; source++) {
            small.occurred(
                    new Aggregator.Key(Kind.SCANNER_PATH, "198.51.100." + source, "reads"),
                    () -> "GET /.env",
                    WINDOW,
                    100);
        }

        assertThat(events).hasSize(3);
        assertThat(small.dropped()).isEqualTo(2);
        assertThat(small.openKeys()).isEqualTo(3);
    }
}
