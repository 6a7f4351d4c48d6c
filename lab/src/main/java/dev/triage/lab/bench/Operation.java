package dev.triage.lab.bench;

import static java.util.Objects.requireNonNull;

/**
 * One request of the lab's traffic: a staff member's read or write. Writes carry a unique
 * X-Request-Id, the key of the simulator's write ledger.
 */
record Operation(Kind kind, String method, String path, String body, String authorization, String requestId) {

    enum Kind {
        READ,
        WRITE
    }

    Operation {
        requireNonNull(kind, "kind");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(authorization, "authorization");
        requireNonNull(requestId, "requestId");
    }

    boolean isWrite() {
        return kind == Kind.WRITE;
    }
}
