package dev.triage.agent.client;

import java.io.IOException;
import java.nio.CharBuffer;
import java.util.function.BiConsumer;

/**
 * The event-stream format (WHATWG HTML, "server-sent events"), fed in chunks that may split lines
 * anywhere: {@code event:} and {@code data:} fields, lines ending in LF, CRLF or CR, comments
 * ({@code : keep-alive}) skipped, an empty line dispatching the event. {@code id:} and
 * {@code retry:} are ignored (this client does not reconnect).
 */
final class SseParser {

    static final int MAX_EVENT_CHARS = 1 << 20;

    private final BiConsumer<String, String> onEvent;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String type;
    private boolean hasData;
    private boolean afterCarriageReturn;

    /** @param onEvent receives (type, data) of each complete event; type is "message" when unnamed */
    SseParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void feed(CharBuffer chunk) throws IOException {
        while (chunk.hasRemaining()) {
            char c = chunk.get();
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = c == '\r';
            if (c == '\n' || c == '\r') {
                endOfLine();
            } else {
                line.append(c);
                if (line.length() + data.length() > MAX_EVENT_CHARS) {
                    throw new IOException("event longer than " + MAX_EVENT_CHARS + " characters");
                }
            }
        }
    }

    private void endOfLine() {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            line.setLength(0);
            return;
        }
        int colon = line.indexOf(":");
        String field = colon < 0 ? line.toString() : line.substring(0, colon);
        int start = colon < 0 ? line.length() : colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        String value = line.substring(start);
        line.setLength(0);
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> {
                // id, retry and unknown fields: nothing to do
            }
        }
    }

    private void dispatch() {
        String eventType = type == null || type.isEmpty() ? "message" : type;
        boolean complete = hasData;
        String eventData = data.toString();
        type = null;
        hasData = false;
        data.setLength(0);
        if (complete) {
            onEvent.accept(eventType, eventData);
        }
    }
}
