package dev.triage.agent.admin;

import java.util.Map;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** What an admin endpoint answers: a status, extra headers and a body (JSON unless streamed). */
record Reply(int status, Map<String, String> headers, HttpEntity entity) {

    static Reply json(int status, Object body) {
        return json(status, Map.of(), body);
    }

    static Reply json(int status, Map<String, String> headers, Object body) {
        return new Reply(status, headers, new ByteArrayEntity(Json.bytes(body), ContentType.APPLICATION_JSON));
    }

    static Reply error(int status, String error) {
        return json(status, Map.of("error", error));
    }
}
