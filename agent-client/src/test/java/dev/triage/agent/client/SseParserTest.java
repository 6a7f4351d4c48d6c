package dev.triage.agent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser((type, data) -> events.add(type + "|" + data));

    @Test
    void eventsSplitAnywhereAcrossChunksParseTheSame() throws IOException {
        String stream =
                ": keep-alive\r\n\r\nevent: config\r\ndata: {\"a\":1}\r\n\r\nevent:health\rdata:x\r\rdata: y\n\n";
        for (int i = 0; i < stream.length(); i++) {
            parser.feed(CharBuffer.wrap(stream.substring(i, i + 1)));
        }

        assertThat(events).containsExactly("config|{\"a\":1}", "health|x", "message|y");
    }

    @Test
    void dataLinesJoinWithNewlinesAndOnlyOneLeadingSpaceIsDropped() throws IOException {
        parser.feed(CharBuffer.wrap("data: one\ndata:  two\ndata\n\n"));

        assertThat(events).containsExactly("message|one\n two\n");
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeak() throws IOException {
        parser.feed(CharBuffer.wrap("event: config\nid: 7\nretry: 1000\n\ndata: z\n\n"));

        assertThat(events).containsExactly("message|z");
    }

    @Test
    void anUnfinishedEventIsHeldUntilItsBlankLine() throws IOException {
        parser.feed(CharBuffer.wrap("event: config\ndata: half"));
        assertThat(events).isEmpty();

        parser.feed(CharBuffer.wrap("\n\n"));
        assertThat(events).containsExactly("config|half");
    }

    @Test
    void anOversizedEventIsRefused() {
        CharBuffer huge = CharBuffer.wrap("data: " + "x".repeat(SseParser.MAX_EVENT_CHARS));

        assertThatThrownBy(() -> parser.feed(huge))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("longer than");
    }
}
