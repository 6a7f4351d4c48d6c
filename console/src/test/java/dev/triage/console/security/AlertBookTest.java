package dev.triage.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.triage.agent.api.SecurityEvent;
import dev.triage.agent.api.SecurityEvent.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertBookTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void foldsASummaryIntoTheLineOfItsFirstEventAddingItsCount() {
        AlertBook book = new AlertBook(10);
        AlertBook.Added first = book.add("edge", write("203.0.113.7", "POST /patients/1/notes", 0));
        AlertBook.Added summary = book.add(
                "edge",
                SecurityEvent.summary(
                        Kind.UNAUTHENTICATED_WRITE,
                        "203.0.113.7",
                        "all",
                        "POST /patients/9/notes",
                        T0.plusSeconds(10),
                        37,
                        10_000));

        assertThat(first.isNew()).isTrue();
        assertThat(summary.isNew()).isFalse();
        assertThat(book.newestFirst()).hasSize(1);
        Alert line = book.newestFirst().getFirst();
        assertThat(line.count()).isEqualTo(38);
        assertThat(line.first()).isEqualTo(T0);
        assertThat(line.last()).isEqualTo(T0.plusSeconds(10));
        assertThat(line.evidence()).isEqualTo("POST /patients/9/notes");
        assertThat(line.severity()).isEqualTo(SecurityEvent.Severity.CRITICAL);
    }

    @Test
    void keepsOneLinePerAgentKindSourceAndRouteMostRecentlyActiveFirst() {
        AlertBook book = new AlertBook(10);
        book.add("edge", write("203.0.113.7", "a", 0));
        book.add("edge", write("203.0.113.8", "b", 1));
        book.add("legacy", write("203.0.113.7", "c", 2));
        book.add("edge", scanner("203.0.113.7", 3));
        book.add("edge", write("203.0.113.7", "d", 4)); // the first line becomes the most recent

        assertThat(book.newestFirst())
                .extracting(a -> a.agent() + " " + a.kind().wire() + " " + a.sourceIp())
                .containsExactly(
                        "edge unauthenticated_write 203.0.113.7",
                        "edge scanner_path 203.0.113.7",
                        "legacy unauthenticated_write 203.0.113.7",
                        "edge unauthenticated_write 203.0.113.8");
    }

    @Test
    void holdsAtMostItsCapacityDroppingTheLongestQuietLines() {
        AlertBook book = new AlertBook(1000);
        for (int i = 0; i < 1500; i++) {
            book.add("edge", write("10.0." + (i / 250) + "." + (i % 250), "x", i));
        }
        book.add("edge", write("10.0.2.0", "again", 2000)); // line 500: among the 1000 kept, now the newest

        assertThat(book.size()).isEqualTo(1000);
        assertThat(book.newestFirst().getFirst().sourceIp()).isEqualTo("10.0.2.0");
        assertThat(book.newestFirst().get(1).sourceIp()).isEqualTo("10.0.5.249");
        assertThat(book.newestFirst().getLast().sourceIp()).isEqualTo("10.0.2.1");
        assertThat(book.newestFirst()).noneMatch(a -> a.sourceIp().equals("10.0.0.0"));
    }

    @Test
    void refusesACapacityOutOfRange() {
        assertThatThrownBy(() -> new AlertBook(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: 1..100000)");
    }

    static SecurityEvent write(String ip, String evidence, long second) {
        return SecurityEvent.first(Kind.UNAUTHENTICATED_WRITE, ip, "all", evidence, T0.plusSeconds(second));
    }

    static SecurityEvent scanner(String ip, long second) {
        return SecurityEvent.first(Kind.SCANNER_PATH, ip, "all", "GET /.env", T0.plusSeconds(second));
    }
}
