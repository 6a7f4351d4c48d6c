package dev.triage.lab.hosp;

/** One request as the API sees it (headers it cares about, the whole body). */
record ApiRequest(
        String method,
        String path,
        String query,
        String authorization,
        String requestId,
        String idempotencyKey,
        String contentType,
        byte[] body) {
    boolean write() {
        return switch (method) {
            case "POST", "PATCH", "DELETE", "PUT" -> true;
            default -> false;
        };
    }
}
